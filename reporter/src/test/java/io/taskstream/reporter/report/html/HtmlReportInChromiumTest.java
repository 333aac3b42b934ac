package io.taskstream.reporter.report.html;

import io.taskstream.reporter.RichRun;
import io.taskstream.reporter.SampleRun;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.session.SessionLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report as a browser draws it: headless Chromium (CI installs Debian's {@code chromium}) takes a
 * screenshot of a realistic report and dumps its DOM; the chart must show every outcome's colour and one lane per
 * task. The page fetches nothing, so the browser runs without network.
 */
class HtmlReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** More pixels than a legend swatch (12 × 12) holds, so the colour must come from the chart itself. */
    private static final int MIN_PIXELS = 200;

    @Test
    void theTimelineChartIsDrawnWithALanePerTaskAndEveryOutcomeColour(@TempDir Path tmp) throws Exception {
        assertThat(CHROMIUM).as("chromium is installed (.ci/run installs it)").isExecutable();
        SessionLedger ledger = new SessionLedger();
        RichRun.events().forEach(ledger::apply);
        SessionReport report = SessionReport.of(ledger.run(SampleRun.RUN_ID).orElseThrow());
        String html = new HtmlReportWriter().write(report);
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:").doesNotContain("<script", "@import", "url(");
        Path page = tmp.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);

        Path png = tmp.resolve("report.png");
        run(tmp, "--screenshot=" + png, "--window-size=1280,2000", page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        Map<Palette, Integer> counts = count(image);
        for (Palette p : List.of(Palette.VERIFIED, Palette.FAILED, Palette.CHECK_FAILED, Palette.SKIPPED,
                Palette.NEEDS_PERSON, Palette.WAITING, Palette.RETRY_WAIT)) {
            assertThat(counts.get(p)).as("pixels of %s (%s)", p, p.hex()).isGreaterThan(MIN_PIXELS);
        }
        Path kept = Path.of("target", "report-screenshot.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);

        String dom = run(tmp, "--dump-dom", page.toUri().toString());
        Matcher lanes = Pattern.compile("<g class=\"lane\" data-task=\"([^\"]+)\"").matcher(dom);
        List<String> tasks = new ArrayList<>();
        while (lanes.find()) {
            tasks.add(lanes.group(1));
        }
        assertThat(tasks).containsExactly("TASK-001", "TASK-002", "TASK-005", "TASK-006", "TASK-003", "TASK-004");
    }

    private static Map<Palette, Integer> count(BufferedImage image) {
        Map<Palette, Integer> counts = new EnumMap<>(Palette.class);
        for (Palette p : Palette.values()) {
            counts.put(p, 0);
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                for (Palette p : Palette.values()) {
                    if (close(rgb, p.rgb())) {
                        counts.merge(p, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 2) {
                return false;
            }
        }
        return true;
    }

    /** Runs headless Chromium with a fresh profile and no network services; returns what it printed to stdout. */
    private static String run(Path tmp, String... args) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium's exit code").isZero();
        return Files.readString(out);
    }
}
