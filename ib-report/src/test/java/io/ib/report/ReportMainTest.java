package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
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
  void aDamagedOrForeignManifestExitsWithOneAndNamesTheFileOnOneLine() throws Exception {
    int i = 0;
    for (Map.Entry<String, Consumer<ObjectNode>> damage
        : RunDirectoryErrorsTest.damagedManifests().entrySet()) {
      out.reset();
      err.reset();
      Path dir = new SyntheticRun().write(tmp.resolve("run-" + i++));
      RunDirectoryErrorsTest.editManifest(dir, damage.getValue());
      assertEquals(1, run(dir.toString()), damage.getKey());
      String message = err.toString(StandardCharsets.UTF_8).strip();
      assertTrue(message.startsWith("ib report: " + dir.resolve("sweep.json") + " is damaged: "),
          damage.getKey() + ": " + message);
      assertEquals(1, message.lines().count(), damage.getKey() + ": " + message);
      assertFalse(Files.exists(dir.resolve("report.html")), damage.getKey());
    }
  }
}
