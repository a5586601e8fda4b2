package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's estimator jar: its estimators known everywhere, its mistakes named in one line. */
class PluginsTest {
  @Test
  void aPluginsEstimatorsAreListedByHelpAndByEstimators(@TempDir Path dir) throws Exception {
    Path jar = PluginJar.build(dir);
    assertFalse(CliRunner.run("sweep", "--help").out().contains("test-plugin"));
    CliRunner.Outcome help = CliRunner.run("sweep", "--plugin", jar.toString(), "--help");
    assertEquals(0, help.status(), help.err());
    assertTrue(help.out().contains("test-plugin (a test's estimator)"), help.out());
    CliRunner.Outcome list = CliRunner.run("estimators", "--plugin", jar.toString());
    assertTrue(list.out().contains("test-plugin (a test's estimator)"), list.out());
    assertTrue(list.out().contains("binning"), list.out());
  }

  @Test
  void unusableJarsAreRefusedInOneLineBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a jar at all");
    Path good = PluginJar.build(dir);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(bytes,
        bytes.length / 2));
    Path missingClass = PluginJar.build(dir.resolve("a"), "org.example.NoSuchProvider");
    Path wrongType = PluginJar.build(dir.resolve("b"), "java.util.ArrayList");
    Path noService = Files.write(dir.resolve("empty.jar"), emptyJar());
    Map<Path, String> expected = Map.of(
        text, "notes.jar: not a readable jar",
        truncated, "truncated.jar: not a readable jar",
        missingClass, "org.example.NoSuchProvider not found",
        noService, "lists no estimator provider",
        dir.resolve("nope.jar"), "nope.jar: no readable file there");
    for (Map.Entry<Path, String> e : expected.entrySet()) {
      CliRunner.Outcome o = CliRunner.run("sweep", "--plugin", e.getKey().toString(), "--out",
          dir.resolve("never").toString());
      assertEquals(2, o.status(), o.err());
      assertEquals(1, o.err().strip().lines().count(), o.err());
      assertTrue(o.err().contains(e.getValue()), o.err());
    }
    // java.util.ArrayList lives in a named module: ServiceLoader skips such a class silently, so
    // the jar then simply adds no estimator; the run goes on to the data.
    CliRunner.Outcome skipped = CliRunner.run("estimators", "--plugin", wrongType.toString());
    assertEquals(0, skipped.status(), skipped.err());
    assertFalse(Files.exists(dir.resolve("never")), "nothing was written");
  }

  private static byte[] emptyJar() throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes)) {
      out.putNextEntry(new java.util.jar.JarEntry("README.txt"));
      out.write("nothing".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }
}
