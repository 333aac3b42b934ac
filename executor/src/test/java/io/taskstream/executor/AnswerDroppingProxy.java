package io.taskstream.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a broker. Requests always get through; the broker's answers can be
 * dropped, as a network that loses them would: a produce request is then appended by the broker while the
 * producer never learns it. Answers can be dropped on every connection, or only on those that read the log
 * (a consumer's: they sent a Fetch or ListOffsets request), so that producers work while consumers see nothing.
 */
final class AnswerDroppingProxy implements AutoCloseable {
    private static final short FETCH = 1;
    private static final short LIST_OFFSETS = 2;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final int target;
    private volatile boolean dropping;
    private volatile boolean droppingReads;
    private final Set<Socket> readers = ConcurrentHashMap.newKeySet();

    /** @param brokerPort where the broker listens on 127.0.0.1 */
    AnswerDroppingProxy(int brokerPort) throws IOException {
        target = brokerPort;
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the broker's answers are read and thrown away. */
    void dropAnswers() {
        dropping = true;
    }

    /** Answers pass again; every connection is closed, so that clients reconnect at once on a clean stream. */
    void restore() {
        dropping = false;
        droppingReads = false;
        sockets.forEach(AnswerDroppingProxy::closeQuietly);
        sockets.clear();
        readers.clear();
    }

    /** As {@link #restore()}, but answers to connections that read the log keep being dropped. */
    void restoreAllButReads() {
        restore();
        droppingReads = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress("127.0.0.1", target));
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker, client);
                pump(broker, client, null);
            } catch (IOException e) {
                // closed, or the broker is not there: the client sees a closed connection and tries again
            }
        }
    }

    /** @param requestsOf the client whose requests these are; null for the broker's answers */
    private void pump(Socket from, Socket to, Socket requestsOf) {
        boolean answers = requestsOf == null;
        Thread t = new Thread(() -> {
            try (DataInputStream in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
                if (answers) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (!dropping && !(droppingReads && readers.contains(to))) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } else {
                    // Requests are framed (a 4-byte size, then the api key): they are forwarded whole.
                    while (true) {
                        int size = in.readInt();
                        byte[] request = in.readNBytes(size);
                        short apiKey = (short) (((request[0] & 0xff) << 8) | (request[1] & 0xff));
                        if (apiKey == FETCH || apiKey == LIST_OFFSETS) {
                            readers.add(requestsOf);
                        }
                        DataOutputStream framed = new DataOutputStream(out);
                        framed.writeInt(size);
                        framed.write(request);
                        framed.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, answers ? "proxy-answers" : "proxy-requests");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        restore();
    }
}
