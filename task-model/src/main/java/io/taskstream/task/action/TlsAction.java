package io.taskstream.task.action;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tls: HOST:PORT names NAME [valid-days N]}: the certificate served at HOST:PORT is valid now, is still
 * valid N days from now (default 0), and names NAME (a DNS name or an IP address) in its subjectAltNames.
 */
public record TlsAction(HostPort address, String name, int validDays) implements TypedAction {
    public static final String KIND = "tls";
    private static final Pattern FORM = Pattern.compile("(\\S+)\\s+names\\s+(\\S+)(?:\\s+valid-days\\s+(\\d{1,5}))?");

    public static TlsAction parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("tls '" + value + "' is not HOST:PORT names NAME [valid-days N]"
                    + " (e.g. 127.0.0.1:5443 names registry.local valid-days 30)");
        }
        return new TlsAction(HostPort.parse(m.group(1)), m.group(2),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean readOnly() {
        return true;
    }
}
