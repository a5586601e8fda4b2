package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.Npy;
import io.ib.run.SavedRun;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ib import}: the check that an ib run's own snapshots, exported in the documented
 * layout (docs/import.md) and imported, give the same measurements byte for byte; and that the
 * import is a normal run (report, analyze) that resume refuses, and refuses a damaged dump.
 */
class ImportCommandTest {
  private static final String[] ESTIMATORS = {"--estimator", "binning:width=0.5", "--estimator",
      "binning:bins=6,range=global", "--estimator", "per-unit"};

  /** A tiny sweep with snapshots: 2 widths x 2 seeds, hidden layers and the output's logits. */
  private static Path sweep(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("a,b,c,label\n");
    for (int i = 0; i < 150; i++) {
      csv.append(i % 7).append(',').append(i % 5 * 0.3).append(',').append(i % 3).append(',')
          .append(i % 3 == 0 ? 2 : i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("tiny.csv"), csv);
    Path run = dir.resolve("sweep");
    List<String> args = new ArrayList<>(List.of("sweep", "--data", data.toString(),
        "--header-lines", "1", "--hidden", "5", "--widths", "2,3", "--seeds", "1,2", "--epochs",
        "2", "--batch-size", "32", "--output-layer", "logits", "--snapshots", "--out",
        run.toString()));
    args.addAll(List.of(ESTIMATORS));
    CliRunner.Outcome o = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, o.status(), o.err());
    return run;
  }

  /**
   * Writes a run's snapshots in the dump layout: labels.npy, inputs.npy, and per cell w{W}-s{S}/
   * layers.csv, steps.csv (with {@code figures}: the run's epochs, losses and accuracies, exact) and
   * step{N}/{layer}.npy.
   */
  private static Path export(Path run, Path dump, boolean figures) throws IOException {
    SavedRun saved = SavedRun.read(run);
    SnapshotSource s = saved.snapshots();
    Files.createDirectories(dump);
    Npy.writeInts(dump.resolve("labels.npy"), s.labels());
    ActivationMatrix x = s.inputs();
    Npy.writeFloats(dump.resolve("inputs.npy"), x.values(), x.rows(), x.columns());
    for (CellResult c : saved.results()) {
      Cell cell = c.cell();
      Path dir = Files.createDirectories(dump.resolve("w" + cell.width() + "-s" + cell.seed()));
      StringBuilder steps = new StringBuilder(figures
          ? "step,epoch,train_loss,test_loss,test_accuracy\n" : "step,epoch\n");
      for (Measurement m : c.measurements()) {
        steps.append(m.step()).append(',').append(m.epoch());
        if (figures) {
          steps.append(',').append(Double.isNaN(m.trainLoss()) ? "" : m.trainLoss()).append(',')
              .append(m.testLoss()).append(',').append(m.testAccuracy());
        }
        steps.append('\n');
      }
      Files.writeString(dir.resolve("steps.csv"), steps);
      Set<String> layers = new LinkedHashSet<>();
      for (SnapshotEntry e : s.entries()) {
        if (e.cell().equals(cell)) {
          layers.add(e.layer() + "," + (e.layer().isHidden() ? "dense" : "output"));
          ActivationMatrix a = s.read(e);
          Path step = Files.createDirectories(dir.resolve("step" + e.step()));
          Npy.writeFloats(step.resolve(e.layer() + ".npy"), a.values(), a.rows(), a.columns());
        }
      }
      Files.writeString(dir.resolve("layers.csv"), "name,kind\n" + String.join("\n", layers)
          + "\n");
    }
    return dump;
  }

  private static CliRunner.Outcome importDump(Path dump, Path out) {
    List<String> args = new ArrayList<>(List.of("import", dump.toString(), "--out",
        out.toString()));
    args.addAll(List.of(ESTIMATORS));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /**
   * The check. With the run's epochs, losses and accuracies in steps.csv every byte of
   * measurements.csv is the sweep's: the estimators see the same float32 activations, labels and
   * inputs, cells and rows come in the same order (the range-based estimator's rows after the
   * others), and the figures are the same doubles. Without them (steps.csv of step and epoch only)
   * the columns up to h_y_bits (the cell, point, layer, estimator and every estimate) are still the
   * sweep's, and train_loss, test_loss and test_accuracy are empty: not known.
   */
  @Test
  void anIbRunsSnapshotsImportedGiveItsMeasurementsByteForByte(@TempDir Path tmp)
      throws IOException {
    Path sweep = sweep(tmp);
    byte[] expected = Files.readAllBytes(sweep.resolve("measurements.csv"));

    Path imported = tmp.resolve("imported");
    CliRunner.Outcome o = importDump(export(sweep, tmp.resolve("dump"), true), imported);
    assertEquals(0, o.status(), o.err());
    assertArrayEquals(expected, Files.readAllBytes(imported.resolve("measurements.csv")));
    assertTrue(Files.isRegularFile(imported.resolve("report.html")), o.out());
    assertTrue(Files.isRegularFile(imported.resolve("compression.csv")));
    assertTrue(Files.readString(imported.resolve("report.html")).contains("Recorded networks"));

    Path bare = tmp.resolve("bare");
    o = importDump(export(sweep, tmp.resolve("bare-dump"), false), bare);
    assertEquals(0, o.status(), o.err());
    List<String> want = Files.readAllLines(sweep.resolve("measurements.csv"));
    List<String> got = Files.readAllLines(bare.resolve("measurements.csv"));
    assertEquals(want.size(), got.size());
    for (int i = 1; i < want.size(); i++) {
      // The estimator column may hold commas (quoted): the three figures are the last fields.
      List<String> w = Arrays.asList(want.get(i).split(",", -1));
      List<String> g = Arrays.asList(got.get(i).split(",", -1));
      assertEquals(w.subList(0, w.size() - 3), g.subList(0, g.size() - 3), got.get(i));
      assertEquals(List.of("", "", ""), g.subList(g.size() - 3, g.size()), got.get(i));
    }

    // A normal run: analyze adds estimates; resume refuses it in one line.
    o = CliRunner.run("analyze", imported.toString(), "--estimator", "binning:width=0.25");
    assertEquals(0, o.status(), o.err());
    o = CliRunner.run("resume", imported.toString());
    assertEquals(1, o.status(), o.err());
    assertTrue(o.err().contains("recorded outside ib") && o.err().contains("cannot retrain"),
        o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  @Test
  void aDamagedDumpIsRefusedInOneLineNamingTheFile(@TempDir Path tmp) throws IOException {
    Path dump = tmp.resolve("dump");
    Files.createDirectories(dump.resolve("step0"));
    Npy.writeInts(dump.resolve("labels.npy"), new int[] {0, 1, 0, 1});
    Files.writeString(dump.resolve("layers.csv"), "name,kind\nconv1,convolution\nfc,output\n");
    Npy.writeFloats(dump.resolve("step0/conv1.npy"), new float[8], 4, 2);
    Npy.writeFloats(dump.resolve("step0/fc.npy"), new float[] {0, 1, Float.NaN, 3, 4, 5, 6, 7}, 4,
        2);
    Path out = tmp.resolve("run");
    CliRunner.Outcome o = CliRunner.run("import", dump.toString(), "--out", out.toString());
    assertEquals(2, o.status(), o.err());
    // What it does, then the one line of the refusal.
    assertEquals(2, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().strip().lines().reduce((a, b) -> b).get()
        .startsWith("ib import: " + dump.resolve("step0/fc.npy") + ": "), o.err());

    Files.delete(dump.resolve("step0/fc.npy"));
    o = CliRunner.run("import", dump.toString(), "--out", tmp.resolve("run2").toString());
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains(dump.resolve("step0/fc.npy") + ": missing"), o.err());
    assertFalse(Files.exists(tmp.resolve("run2")));
  }

  @Test
  void theCapacityNamedIsWhatTheReportCallsTheWidths(@TempDir Path tmp) throws IOException {
    Path dump = tmp.resolve("dump");
    Files.createDirectories(dump.resolve("step0"));
    Npy.writeInts(dump.resolve("labels.npy"), new int[] {0, 1, 0, 1});
    Files.writeString(dump.resolve("layers.csv"),
        "name,kind\nconv1,convolution\nfc,output (softmax)\n");
    Npy.writeFloats(dump.resolve("step0/conv1.npy"), new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
    Npy.writeFloats(dump.resolve("step0/fc.npy"), new float[] {1, 0, 0, 1, 1, 0, 0, 1}, 4, 2);
    Path out = tmp.resolve("run");
    CliRunner.Outcome o = CliRunner.run("import", dump.toString(), "--out", out.toString(),
        "--width", "6", "--capacity", "conv1 channels");
    assertEquals(0, o.status(), o.err());
    assertEquals("conv1 channels", SavedRun.read(out).manifest().recording().get().capacity());
    // The terminal table names the layers and the capacity as the report does.
    assertTrue(o.out().contains("\nlayer hidden1 = conv1\n"), o.out());
    assertTrue(o.out().contains("\nconv1 channels        test_acc |"), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("             6 ")), o.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("conv1 channels = 6, seed 1"), "the recorded networks' table");
    assertFalse(html.contains("k = 6"));
    // The output layer as the dump describes it, not claimed to be logits.
    assertTrue(html.contains("<th>output_layer</th><td>as recorded: fc (output (softmax))</td>"),
        "the configuration's output layer");

    o = CliRunner.run("import", dump.toString(), "--out", tmp.resolve("blank").toString(),
        "--capacity", " ");
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().strip().lines().reduce((a, b) -> b).get()
        .equals("ib import: the varied capacity needs a name, e.g. conv1 channels"), o.err());
    assertFalse(Files.exists(tmp.resolve("blank")));
  }
}
