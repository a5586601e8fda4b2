package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning rate of 1e6 blows the weights up within a few steps: the sweep must stop with a
 * detected divergence (exit 1, the step named), not reach the estimators with absurd activations
 * (an estimator error, exit 2, and before: minutes in per-unit and a report that hung). Needs MNIST.
 */
class DivergenceOnMnistTest {
  @Test
  void aDivergentRunIsAFailureNamingTheStep(@TempDir Path dir) throws IOException {
    String data = RealMnist.directoryOrSkip("the divergence test");
    Path out = dir.resolve("run");
    CliRunner.Outcome o = CliRunner.run("sweep", "--data-dir", data, "--out", out.toString(),
        "--widths", "20", "--epochs", "1", "--lr", "1e6", "--estimator", "per-unit",
        "--estimator", "binning:width=4");
    assertEquals(1, o.status(), o.err());
    String last = o.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("ib sweep: training diverged (width 20, seed 1"), last);
    assertTrue(last.matches(".* at step \\d+ with learning rate 1000000.0.*"), last);
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertEquals("failed", manifest.get("status").asText());
    // The report of the failed run is written, and says it is partial.
    CliRunner.Outcome report = CliRunner.run("report", out.toString());
    assertEquals(0, report.status(), report.err());
  }
}
