package io.taskstream.actions.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain TCP server on 127.0.0.1: one that answers with some text, or one that accepts and stays silent. */
final class TestTcpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String answer;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TestTcpServer(String answer) throws IOException {
        this.socket = new ServerSocket(0, 50, TestTlsServer.LOOPBACK);
        this.answer = answer;
        this.acceptor = new Thread(this::serve, "test-tcp-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Reads what the client sends first, answers {@code text} and hangs up, like a server of another protocol. */
    static TestTcpServer answering(String text) throws IOException {
        return new TestTcpServer(text);
    }

    /** Accepts connections and never sends a byte. */
    static TestTcpServer silent() throws IOException {
        return new TestTcpServer(null);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (answer == null) {
                    held.add(client);
                    continue;
                }
                try (client) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
        acceptor.join(10_000);
    }
}
