package io.taskstream.reporter.report.html;

/** Escaping and small builders for the HTML report. */
final class Html {
    private final StringBuilder out = new StringBuilder();

    Html raw(String s) {
        out.append(s);
        return this;
    }

    Html text(String s) {
        out.append(esc(s));
        return this;
    }

    Html el(String tag, String text) {
        return raw("<" + tag + ">").text(text).raw("</" + tag + ">\n");
    }

    Html el(String tag, String cls, String text) {
        return raw("<" + tag + " class=\"" + esc(cls) + "\">").text(text).raw("</" + tag + ">\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
