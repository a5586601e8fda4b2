package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.ArrayEstimatesInASweepTest;
import io.ib.info.InformationEstimate;
import io.ib.run.Npy;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ib estimate} on files: the sweep's numbers, and one line for each kind of mistake. */
class EstimateCommandTest {
  @Test
  void givesTheSweepsNumbersForTheArraysTheSweepSaved(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    SweepResult result = ArrayEstimatesInASweepTest.sweep(run);
    Measurement last = result.measurements().get(result.measurements().size() - 1);
    Path snapshots = run.resolve("snapshots");
    Path t = snapshots.resolve(String.format("w3-s1/step%07d-hidden2.npy", last.step()));
    List<String> args = new java.util.ArrayList<>(List.of("estimate", "--t", t.toString(),
        "--x", snapshots.resolve("inputs.npy").toString(),
        "--y", snapshots.resolve("labels.npy").toString(), "--format", "csv"));
    ArrayEstimatesInASweepTest.SPECS.forEach(s -> args.addAll(List.of("--estimator", s)));
    CliRunner.Outcome csv = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, csv.status(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals(EstimateFormat.CSV_HEADER, lines.get(0));
    List<InformationEstimate> inSweep = last.estimates().stream()
        .filter(e -> e.layer().equals(Layer.hidden(2))).map(LayerEstimate::estimate).toList();
    assertEquals(inSweep.size() + 1, lines.size());
    for (int i = 0; i < inSweep.size(); i++) {
      assertEquals(EstimateFormat.csv(inSweep.get(i)), lines.get(i + 1));
    }

    int knn = ArrayEstimatesInASweepTest.SPECS.indexOf("knn:k=3") + 1; // kernel comes before, 2 rows
    args.set(args.indexOf("csv"), "json");
    CliRunner.Outcome json = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, json.status(), json.err());
    assertTrue(json.out().contains(EstimateFormat.json(inSweep.get(knn))), json.out());
    assertTrue(inSweep.get(knn).estimator().toString().startsWith("knn"));

    CliRunner.Outcome text = CliRunner.run("estimate", "--t", t.toString(), "--estimator",
        "binning:width=0.5");
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().matches("binning:width=0\\.5  I\\(X;T\\)=\\d\\.\\d{3} bits  I\\(T;Y\\)=- \\(no"
        + " labels\\)  H\\(T\\)=\\d\\.\\d{3} bits  \\[n=120, log2 n=6\\.91\\]\\n"), text.out());
  }

  @Test
  void mistakesAreOneLineWithExitCode2(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("t.npy");
    Npy.writeFloats(t, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
    Path x = dir.resolve("x.npy");
    Npy.writeFloats(x, new float[] {1, 2, 3}, 3, 1);
    Path y = dir.resolve("y.csv");
    Files.writeString(y, "label\n0\n1\n-1\n0\n");
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(Files.readAllBytes(t), 100));
    assertUsage("needs the inputs X", "--t", t.toString(), "--estimator", "knn");
    assertUsage("give them with --x FILE", "--t", t.toString(), "--estimator", "knn");
    assertUsage("X has 3 rows (" + x + ") but T has 4 rows (" + t + ")", "--t", t.toString(),
        "--x", x.toString(), "--estimator", "knn");
    assertUsage(y + ": label 2 is -1", "--t", t.toString(), "--y", y.toString(), "--estimator",
        "binning");
    assertUsage(cut + ": truncated", "--t", cut.toString(), "--estimator", "binning");
    assertUsage("no such file", "--t", dir.resolve("none.npy").toString(), "--estimator", "binning");
    assertUsage("--format must be text, csv or json", "--t", t.toString(), "--estimator", "binning",
        "--format", "xml");
    assertUsage("unknown estimator 'nope'", "--t", t.toString(), "--estimator", "nope");
    assertUsage("Missing required option: '--estimator=SPEC'", "--t", t.toString());
  }

  private static void assertUsage(String fragment, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "estimate";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRunner.Outcome o = CliRunner.run(all);
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains(fragment), o.err());
    long problems = o.err().strip().lines().filter(l -> !l.matches("ib estimate: T \\d+ x \\d+ .*"))
        .count();
    assertEquals(1, problems, o.err());
  }
}
