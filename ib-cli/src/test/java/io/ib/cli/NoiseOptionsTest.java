package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.run.SavedRun;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --noise, the sp estimator and the goldfeld2019 preset from the command line. */
class NoiseOptionsTest {
  private static SweepConfig config(String... args) {
    SweepCommand command = new SweepCommand();
    new CommandLine(command).parseArgs(args);
    return command.definition.config();
  }

  @Test
  void noiseAndThePreset() {
    SweepConfig c = config("--noise", "0.02", "--estimator", "sp:samples=3");
    assertEquals(0.02, c.noise());
    assertEquals(List.of("sp:draws=10,samples=3"),
        c.estimators().stream().map(e -> e.spec().toString()).toList());
    SweepConfig g = config("--preset", "goldfeld2019");
    assertEquals(SweepConfig.GOLDFELD_BETA, g.noise());
    assertEquals(OutputLayer.NONE, g.outputLayer());
    assertEquals(List.of("sp:draws=5,samples=2", "digitize:edges=30,range=-1:1"),
        g.estimators().stream().map(e -> e.spec().toString()).toList());
    assertEquals(0.05, config("--preset", "goldfeld2019", "--noise", "0.05").noise());
  }

  @Test
  void badNoiseGivesOneLine() {
    for (String[] args : new String[][] {{"--noise", "-1"}, {"--noise", "loud"},
        {"--estimator", "sp"}, {"--noise", "0.1", "--quantize", "4"},
        {"--noise", "0.1", "--estimator", "sp", "--output-layer", "softmax"},
        {"--noise", "0.1", "--estimator", "sp:samples=1"}}) {
      CliRunner.Outcome bad = CliRunner.run(concat(args));
      assertEquals(2, bad.status(), String.join(" ", args) + ": " + bad.err());
      assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
  }

  /**
   * The goldfeld2019 preset on the 12-bit task, shortened to 10 epochs at 4 measured epochs: every
   * sp row has its standard-error row, the first layer's I(X;T) is log2 n within 4 standard errors
   * (centres much further apart than beta = 0.01), and I(T;Y) stays below H(Y) (within 4 SE).
   */
  @Test
  @Tag("slow") // the preset on the 12-bit task: about 14 s; mvn -Pslow verify runs it
  void theGoldfeldPresetRunsFromOneCommand(@TempDir Path dir) throws IOException {
    String data = System.getenv("IB_VAR_U_DIR");
    Assumptions.assumeTrue(data != null && Files.isRegularFile(Path.of(data, "var_u.mat")),
        "IB_VAR_U_DIR must point to the directory with var_u.mat");
    Path out = dir.resolve("run");
    CliRunner.Outcome o = CliRunner.run("sweep", "--preset", "goldfeld2019", "--data",
        Path.of(data, "var_u.mat").toString(), "--epochs", "10", "--epoch-points", "log:4",
        "--out", out.toString());
    assertEquals(0, o.status(), o.err());
    List<LayerEstimate> rows = SavedRun.read(out).rows().stream()
        .map(r -> r.estimate().orElseThrow()).toList();
    Map<String, InformationEstimate> bySpec = rows.stream().collect(Collectors.toMap(
        r -> r.layer() + " " + r.estimate().estimator(), LayerEstimate::estimate, (a, b) -> a));
    int checked = 0;
    for (LayerEstimate r : rows) {
      InformationEstimate e = r.estimate();
      if (!e.estimator().toString().equals("sp:draws=5,samples=2")) {
        continue;
      }
      InformationEstimate se = bySpec.get(r.layer() + " sp:draws=5,samples=2,stat=se");
      assertEquals(4096, e.n());
      assertTrue(e.ityBits() <= e.hyBits() + 4 * se.ityBits() + 1e-9, r.toString());
      assertTrue(e.ixtBits() <= 12 + 4 * se.ixtBits() + 1e-9, r.toString());
      if (r.layer().toString().equals("hidden1")) {
        assertEquals(12, e.ixtBits(), 4 * se.ixtBits() + 1e-9, r.toString());
      }
      checked++;
    }
    assertTrue(checked >= 5 * 4, "sp rows: " + checked);
  }

  private static String[] concat(String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = "sweep";
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
