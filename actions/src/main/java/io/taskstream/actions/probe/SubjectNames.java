package io.taskstream.actions.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subjectAltNames of a certificate, and whether one of them names a host the way a TLS client checks it
 * (RFC 6125): DNS names case-insensitively, a leading {@code *.} standing for exactly one label; IP addresses
 * as addresses, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same name. The subject CN is not a name.
 */
final class SubjectNames {
    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private SubjectNames() {
    }

    /** The names for a person to read, e.g. {@code [DNS:registry.local, IP:127.0.0.3]}, in certificate order. */
    static List<String> describe(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        for (List<?> entry : entries(cert)) {
            // otherName and x400Address come as DER bytes, nothing a person can read
            Object value = entry.get(1) instanceof String text ? text : "(encoded)";
            out.add(label((Integer) entry.get(0)) + ":" + value);
        }
        return out;
    }

    /** Whether the certificate names {@code wanted}, a DNS name or an IP address. */
    static boolean names(X509Certificate cert, String wanted) {
        Optional<InetAddress> address = ipLiteral(wanted);
        for (List<?> entry : entries(cert)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (address.isPresent() ? type == IP && address.equals(ipLiteral(value))
                    : type == DNS && dnsMatches(value, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the DNS name in a certificate ({@code pattern}, maybe {@code *.example.com}) covers {@code host}. */
    static boolean dnsMatches(String pattern, String host) {
        String p = canonical(pattern);
        String h = canonical(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1);
        // "*.com" would cover a whole top-level domain; clients refuse it, and so do we
        if (suffix.indexOf('.', 1) < 0 || !h.endsWith(suffix)) {
            return false;
        }
        String label = h.substring(0, h.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    /** The address when {@code text} is an IPv4 or IPv6 literal (IPv6 maybe in brackets); never a DNS lookup. */
    static Optional<InetAddress> ipLiteral(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            Matcher v4 = IPV4.matcher(t);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // with a colon in it, InetAddress parses the text as an IPv6 literal and never resolves it
            return IPV6.matcher(t).matches() ? Optional.of(InetAddress.getByName(t)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String canonical(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Collection<List<?>> entries(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String label(int type) {
        return switch (type) {
            case 0 -> "otherName";
            case 1 -> "email";
            case DNS -> "DNS";
            case 4 -> "dirName";
            case 6 -> "URI";
            case IP -> "IP";
            case 8 -> "RID";
            default -> "type" + type;
        };
    }
}
