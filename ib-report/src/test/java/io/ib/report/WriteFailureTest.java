package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write of the report that fails (a full disk, a path taken by a directory) is one IOException that
 * names the file and the cause, and leaves no half-written file behind.
 */
class WriteFailureTest {
  private static final String FULL = "No space left on device";

  @TempDir
  Path tmp;

  /** A small run whose report has every kind of output: plots, compression.csv and report.html. */
  private Path run(String name) throws IOException {
    SyntheticRun run = new SyntheticRun();
    run.widths = List.of(5, 20);
    run.estimators = List.of("binning:width=4");
    return run.write(tmp.resolve(name));
  }

  /**
   * The file system, except that writing {@code target} (or its {@code .tmp}, for files replaced in
   * one step) writes half of the bytes and then fails as a full disk does.
   */
  private static OutputFiles fullDiskAt(Path target) {
    Path staging = target.resolveSibling(target.getFileName() + ".tmp");
    return new OutputFiles(file -> {
      OutputStream real = Files.newOutputStream(file);
      if (!file.equals(target) && !file.equals(staging)) {
        return real;
      }
      return new FilterOutputStream(real) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len / 2);
          throw new IOException(FULL);
        }

        @Override
        public void write(int b) throws IOException {
          throw new IOException(FULL);
        }
      };
    });
  }

  @Test
  void aFullDiskWhileWritingAnyFileIsOneIoExceptionNamingThatFile() throws Exception {
    for (String name : List.of("plots/infoplane-binning-width-4.png", "plots/infoplane-binning-width-4.svg",
        "plots/capacity.svg", "compression.csv", "report.html")) {
      Path dir = run(name.replaceAll("[^a-z0-9]", "-"));
      Path target = dir.resolve(name);
      IOException e = assertThrows(IOException.class, () -> Report.write(dir, fullDiskAt(target)), name);
      assertEquals("cannot write to " + target + ": " + FULL, e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertFalse(e.getMessage().contains("SAXException"), e.getMessage());
      assertEquals(FULL, e.getCause().getMessage(), "the stream's own exception is the cause");
      assertFalse(Files.exists(target), name + ": half-written file left behind");
      assertFalse(Files.exists(dir.resolve(name + ".tmp")), name + ": half-written .tmp left behind");
    }
  }

  @Test
  void aFailedReportLeavesThePreviousReportWhole() throws Exception {
    Path dir = run("run");
    Path html = Report.write(dir).html();
    byte[] before = Files.readAllBytes(html);
    assertThrows(IOException.class, () -> Report.write(dir, fullDiskAt(html)));
    assertArrayEquals(before, Files.readAllBytes(html));
    assertFalse(Files.exists(dir.resolve("report.html.tmp")));
  }

  @Test
  void aPlotPathTakenByADirectoryIsNamedWithTheReasonOnOneLine() throws Exception {
    // Works as root too, which ignores read-only permissions: the file cannot be opened at all.
    Path dir = run("run");
    Path taken = Files.createDirectories(dir.resolve("plots/capacity.svg"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReportMain.run(new String[] {dir.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, code);
    // The reason is the operating system's ("Is a directory" on Linux), not the path again.
    String prefix = "ib report: cannot write to " + taken + ": ";
    assertTrue(message.startsWith(prefix), message);
    assertFalse(message.substring(prefix.length()).isBlank() || message.endsWith(taken.toString()), message);
    assertEquals(1, message.lines().count(), message);
    assertTrue(Files.isDirectory(taken), "the directory in the way was removed");
  }
}
