package io.taskstream.reporter.report.html;

/**
 * The colours of the timeline chart, one per outcome. Bars are drawn with crisp edges, so a screenshot holds
 * these exact values.
 */
public enum Palette {
    VERIFIED("#2e7d32", "verified"),
    FAILED("#c62828", "command failed"),
    CHECK_FAILED("#ef6c00", "ran, check failed"),
    SKIPPED("#9e9e9e", "skipped"),
    NEEDS_PERSON("#6a1b9a", "needs a person"),
    UNCHECKED("#1565c0", "ran, not verified"),
    WAITING("#90caf9", "waiting on dependencies"),
    RETRY_WAIT("#f9a825", "waiting for a retry");

    private final String hex;
    private final String label;

    Palette(String hex, String label) {
        this.hex = hex;
        this.label = label;
    }

    /** {@code #rrggbb}. */
    public String hex() {
        return hex;
    }

    /** {@code 0xRRGGBB}. */
    public int rgb() {
        return Integer.parseInt(hex.substring(1), 16);
    }

    public String label() {
        return label;
    }
}
