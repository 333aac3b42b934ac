package io.taskstream.task.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a file's bytes into text, refusing anything that is not a small UTF-8 text file. */
final class SourceDecoder {
    private SourceDecoder() {
    }

    static String decode(String path, byte[] bytes) throws TaskFileException {
        if (bytes.length > TaskFileParser.MAX_BYTES) {
            throw new TaskFileException(path, 1, "file is " + bytes.length + " bytes, larger than the limit of "
                    + TaskFileParser.MAX_BYTES + " bytes (1 MiB)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new TaskFileException(path, lineAt(bytes, i),
                        "file contains a NUL byte; it looks binary, not a Markdown text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // the decoder stops with the input positioned at the first bad byte
            throw new TaskFileException(path, lineAt(bytes, in.position()),
                    "file is not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        return out.flip().toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
