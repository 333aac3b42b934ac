package io.taskstream.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a process's output to the end, keeping only its first and last bytes: a command that prints
 * a gigabyte costs a fixed amount of memory, and the report still shows how it began and how it ended.
 */
final class OutputCapture {
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long tailCount;

    OutputCapture(int headBytes, int tailBytes) {
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
    }

    void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            add(buf, n);
        }
    }

    private synchronized void add(byte[] buf, int n) {
        int i = 0;
        while (i < n && headLength < head.length) {
            head[headLength++] = buf[i++];
        }
        for (; i < n; i++) {
            tail[(int) (tailCount++ % tail.length)] = buf[i];
        }
    }

    synchronized long totalBytes() {
        return headLength + tailCount;
    }

    /** Head, a marker with the number of bytes left out, and tail. */
    synchronized String text() {
        StringBuilder sb = new StringBuilder(new String(head, 0, headLength, StandardCharsets.UTF_8));
        int kept = (int) Math.min(tailCount, tail.length);
        long first = tailCount - kept;
        if (first > 0) {
            sb.append("\n[... ").append(first).append(" bytes omitted ...]\n");
        }
        byte[] last = new byte[kept];
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(int) ((first + i) % tail.length)];
        }
        return sb.append(new String(last, StandardCharsets.UTF_8)).toString();
    }
}
