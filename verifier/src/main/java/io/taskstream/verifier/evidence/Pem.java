package io.taskstream.verifier.evidence;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text: base64 DER between {@code -----BEGIN LABEL-----} and {@code -----END LABEL-----} lines. */
final class Pem {
    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER of every block with this label, in order. */
    static List<byte[]> blocks(String text, String label) {
        Matcher m = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----([A-Za-z0-9+/=\\s]*)-----END "
                + Pattern.quote(label) + "-----").matcher(text);
        List<byte[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(Base64.getMimeDecoder().decode(m.group(1)));
        }
        return out;
    }
}
