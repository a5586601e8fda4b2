package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesTheReportAndSaysWhere() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    assertEquals(0, run(dir.toString()));
    assertTrue(Files.exists(dir.resolve("report.html")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("report.html"));
  }

  @Test
  void wrongUsageExitsWithTwo() {
    assertEquals(2, run());
    assertEquals(2, run("a", "b"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
  }

  @Test
  void notARunDirectoryExitsWithOneAndAOneLineMessage() {
    assertEquals(1, run(tmp.toString()));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertTrue(message.startsWith("ib report: " + tmp), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void manifestWithoutConfigurationExitsWithOneAndNamesTheFile() throws Exception {
    SyntheticRun synthetic = new SyntheticRun();
    synthetic.withConfig = false;
    Path dir = synthetic.write(tmp.resolve("run"));
    assertEquals(1, run(dir.toString()));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertTrue(message.startsWith("ib report: " + dir.resolve("sweep.json")), message);
    assertEquals(1, message.lines().count(), message);
    assertFalse(Files.exists(dir.resolve("report.html")));
  }
}
