package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-submit --class io.ib.cli.SparkSubmitMain ... sweep}, as spark-submit runs it:
 * Spark's SparkSubmit in a JVM of its own, logging through Spark's Log4j 2 binding (in place of the
 * command line's slf4j-simple; ib-cli's build copies it to target/spark-log4j) with Spark's default
 * profile, which logs at INFO. The sweep's output has no INFO line (Spark's start-up, ND4J's
 * banner) and its measurements equal a local run's.
 */
@Tag("slow")
class SparkSubmitTest {
  @Test
  void aSubmittedSweepPrintsNoInfoLinesAndGivesTheLocalBytes(@TempDir Path dir) throws Exception {
    Path csv = JobArrayCommandTest.blobs(dir);
    Path local = dir.resolve("local");
    List<String> sweep = new ArrayList<>(List.of("sweep"));
    sweep.addAll(JobArrayCommandTest.options(csv));
    CliRunner.Outcome l = CliRunner.run(Stream.concat(sweep.stream(),
        Stream.of("--out", local.toString())).toArray(String[]::new));
    assertEquals(0, l.status(), l.err());

    Path spark = dir.resolve("spark");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
        sparkSubmitClassPath(), "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--class", SparkSubmitMain.class.getName(), emptyJar(dir).toString()));
    command.addAll(sweep);
    command.addAll(List.of("--out", spark.toString()));
    Path log = dir.resolve("spark-submit.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(4, TimeUnit.MINUTES), "spark-submit did not end");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.err.print(output);
    assertEquals(0, p.exitValue(), output);

    List<String> lines = output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    assertTrue(lines.stream().anyMatch(s -> s.startsWith("ib sweep: ") && s.contains("on Spark")),
        output);
    for (String line : lines) {
      assertTrue(!line.contains(" INFO ") && !line.contains("Nd4jBackend")
          && !line.contains("CpuBackend") && !line.contains("Setting Spark log level"),
          "no INFO line, no ND4J banner: " + line);
    }
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
  }

  /**
   * This test's class path with Spark's Log4j 2 binding in place of slf4j-simple: a Spark
   * installation's class path, with ib on it.
   */
  private static String sparkSubmitClassPath() throws IOException {
    List<String> entries = new ArrayList<>(Arrays.stream(System.getProperty("java.class.path")
        .split(File.pathSeparator)).filter(e -> !e.contains("slf4j-simple")).toList());
    try (Stream<Path> jars = Files.list(Path.of("ib-cli/target/spark-log4j"))) {
      jars.map(Path::toString).forEach(entries::add);
    }
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }

  /** spark-submit's application jar: ib is on the class path already. */
  private static Path emptyJar(Path dir) throws IOException {
    Path jar = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.flush();
    }
    return jar;
  }
}
