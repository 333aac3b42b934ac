package io.taskstream.reporter.report.html;

import io.taskstream.reporter.RichRun;
import io.taskstream.reporter.SampleRun;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report as a browser draws it: headless Chromium (CI installs Debian's {@code chromium}) takes a
 * screenshot of a realistic report and dumps its DOM; the chart must show every outcome's colour and one lane per
 * task. The page fetches nothing, so the browser runs without network.
 */
class HtmlReportInChromiumTest {
    /** More pixels than a legend swatch (12 × 12) holds, so the colour must come from the chart itself. */
    private static final int MIN_PIXELS = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void theTimelineChartIsDrawnWithALanePerTaskAndEveryOutcomeColour(@TempDir Path tmp) throws Exception {
        assertThat(Chromium.BINARY).as("chromium is installed (.ci/run installs it)").isExecutable();
        SessionLedger ledger = new SessionLedger();
        RichRun.events().forEach(ledger::apply);
        SessionReport report = SessionReport.of(ledger.run(SampleRun.RUN_ID).orElseThrow());
        String html = new HtmlReportWriter().write(report);
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:").doesNotContain("<script", "@import", "url(");
        Path page = tmp.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);

        Path png = tmp.resolve("report.png");
        Chromium.run(tmp, TIMEOUT, "--screenshot=" + png, "--window-size=1280,2000", page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        for (Palette p : List.of(Palette.VERIFIED, Palette.FAILED, Palette.CHECK_FAILED, Palette.SKIPPED,
                Palette.NEEDS_PERSON, Palette.WAITING, Palette.RETRY_WAIT)) {
            assertThat(Chromium.pixels(image, p.rgb())).as("pixels of %s (%s)", p, p.hex()).isGreaterThan(MIN_PIXELS);
        }
        Path kept = Path.of("target", "report-screenshot.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);

        String dom = Chromium.run(tmp, TIMEOUT, "--dump-dom", page.toUri().toString());
        Matcher lanes = Pattern.compile("<g class=\"lane\" data-task=\"([^\"]+)\"").matcher(dom);
        List<String> tasks = new ArrayList<>();
        while (lanes.find()) {
            tasks.add(lanes.group(1));
        }
        assertThat(tasks).containsExactly("TASK-001", "TASK-002", "TASK-005", "TASK-006", "TASK-003", "TASK-004");
    }
}
