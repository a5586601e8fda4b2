package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders {@code report.html} in headless Chromium and checks that every inline image decodes and is
 * drawn. Skipped (with the reason) when no Chromium is installed: {@code /usr/bin/chromium}, or
 * {@code chromium} / {@code chromium-browser} on the PATH; {@code IB_CHROMIUM} may name another binary,
 * or be {@code none} to skip.
 */
class ChromiumReportTest {
  private static final long TIMEOUT_SECONDS = 120;
  private static Path chromium;

  @TempDir
  Path tmp;

  @BeforeAll
  static void findBrowser() {
    chromium = browser().orElse(null);
  }

  static Optional<Path> browser() {
    String override = System.getenv("IB_CHROMIUM");
    if ("none".equals(override)) {
      return Optional.empty();
    }
    if (override != null && !override.isBlank() && Files.isExecutable(Path.of(override))) {
      return Optional.of(Path.of(override));
    }
    if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      return Optional.of(Path.of("/usr/bin/chromium"));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        for (String name : List.of("chromium", "chromium-browser")) {
          Path candidate = Path.of(dir, name);
          if (Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void assumeBrowser() {
    assumeTrue(chromium != null, "no Chromium found (/usr/bin/chromium, or chromium on the PATH;"
        + " install with 'apt-get install -y chromium' or set IB_CHROMIUM): headless rendering test skipped");
  }

  @Test
  void everyInlineImageDecodesInChromium() throws Exception {
    assumeBrowser();
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    String html = Files.readString(files.html());
    // A test copy of the page with a script that records, after loading, what each <img> decoded to.
    String probe = "<script>window.addEventListener('load', function () {"
        + " var imgs = Array.prototype.slice.call(document.images);"
        + " var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; });"
        // Our PNGs are opaque: a truncated one decodes partly and leaves its last row transparent.
        + " var whole = ok.filter(function (i) { var c = document.createElement('canvas');"
        + "   c.width = i.naturalWidth; c.height = i.naturalHeight; var g = c.getContext('2d');"
        + "   g.drawImage(i, 0, 0); var d = g.getImageData(0, i.naturalHeight - 1, i.naturalWidth, 1).data;"
        + "   for (var k = 3; k < d.length; k += 4) { if (d[k] !== 255) { return false; } } return true; });"
        + " var p = document.createElement('pre'); p.id = 'img-check';"
        + " p.textContent = 'images=' + imgs.length + ' decoded=' + ok.length + ' whole=' + whole.length"
        + " + ' widths='"
        + " + imgs.map(function (i) { return i.naturalWidth + 'x' + i.naturalHeight; }).join(',');"
        + " document.body.appendChild(p); });</script>";
    assertTrue(html.contains("</body>"));
    Path page = dir.resolve("report-probe.html");
    Files.writeString(page, html.replace("</body>", probe + "\n</body>"));

    String dom = run(List.of("--dump-dom", "--virtual-time-budget=15000", page.toUri().toString()),
        tmp.resolve("dom.txt"));
    Matcher m = Pattern.compile("images=(\\d+) decoded=(\\d+) whole=(\\d+) widths=([0-9x,]*)")
        .matcher(dom);
    assertTrue(m.find(), "the probe did not run; Chromium printed:\n" + tail(dom));
    int images = Integer.parseInt(m.group(1));
    int decoded = Integer.parseInt(m.group(2));
    assertEquals(files.plots().size(), images, "number of <img> elements");
    assertEquals(images, decoded, "images that failed to decode: " + (images - decoded));
    assertEquals(images, Integer.parseInt(m.group(3)), "images decoded only in part (truncated data)");
    List<String> sizes = Arrays.asList(m.group(4).split(","));
    for (int i = 0; i < files.plots().size(); i++) {
      BufferedImage png = ImageIO.read(files.plots().get(i).png().toFile());
      assertEquals(png.getWidth() + "x" + png.getHeight(), sizes.get(i),
          "natural size of image " + i + " in Chromium");
    }
  }

  @Test
  void screenshotShowsThePlots() throws Exception {
    assumeBrowser();
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    Path shot = tmp.resolve("shot.png");
    run(List.of("--screenshot=" + shot, "--window-size=1400,2600", "--hide-scrollbars",
        "--virtual-time-budget=15000", files.html().toUri().toString()), tmp.resolve("shot.txt"));
    assertTrue(Files.size(shot) > 0, "no screenshot written");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertNotNull(image, "the screenshot does not decode");
    assertEquals(1400, image.getWidth());
    // The first information plane lies within the first 2600 pixels of the page: its colour bar and
    // markers use the colour map, which no text or table on the page does.
    int viridis = 0;
    for (double t : new double[] {0.0, 0.5, 1.0}) {
      viridis += ReportAssertions.count(image, PlotStyle.PROGRESS.colour(t), 10);
    }
    assertTrue(viridis > 1000, "the plots are not visible in the screenshot (" + viridis
        + " colour-map pixels)");
    assertTrue(ReportAssertions.nonWhiteFraction(image) > 0.05, "the page looks blank");
  }

  /** Runs Chromium headless with fresh profile; returns its standard output. */
  private String run(List<String> args, Path output) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile));
    command.addAll(args);
    Path errors = Path.of(output + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
        .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: "
          + String.join(" ", command));
    }
    String out = Files.readString(output);
    assertEquals(0, p.exitValue(), "Chromium failed: " + String.join(" ", command) + "\n"
        + tail(Files.readString(errors)));
    return out;
  }

  private static String tail(String text) {
    return text.length() <= 3000 ? text : "..." + text.substring(text.length() - 3000);
  }
}
