package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.run.MeasurementRow;
import io.ib.run.SavedRun;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shwartz-Ziv &amp; Tishby's 12-bit experiment through the command line, shortened to 300 epochs and
 * one seed (the full one, 8000 epochs and four seeds, is in docs/papers.md): the preset's protocol runs,
 * the numbers respect their ceilings, the network learns, and the bottleneck's I(X;T) has already
 * passed its peak (the start of compression). Needs var_u.mat in IB_VAR_U_DIR.
 */
class TwelveBitTaskTest {
  @Test
  void theSzt2017PresetFitsThenCompresses(@TempDir Path dir) throws IOException {
    String data = System.getenv("IB_VAR_U_DIR");
    Assumptions.assumeTrue(data != null && Files.isRegularFile(Path.of(data, "var_u.mat")),
        "IB_VAR_U_DIR must point to the directory with var_u.mat");
    Path out = dir.resolve("run");
    CliRunner.Outcome o = CliRunner.run("sweep", "--preset", "szt2017", "--data",
        Path.of(data, "var_u.mat").toString(), "--epochs", "300", "--seeds", "1", "--out",
        out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("Compression of I(X;T)"), o.out());
    List<MeasurementRow> all = SavedRun.read(out).rows();
    List<LayerEstimate> rows = all.stream().map(r -> r.estimate().orElseThrow()).toList();
    // all 4096 inputs are distinct: log2 n = 12 bits; H(Y) of 2118 ones in 4096
    double hy = -(2118 / 4096.0) * Math.log(2118 / 4096.0) / Math.log(2)
        - (1978 / 4096.0) * Math.log(1978 / 4096.0) / Math.log(2);
    for (LayerEstimate r : rows) {
      assertEquals(4096, r.estimate().n());
      assertEquals(12.0, r.estimate().log2nBits(), 1e-12);
      assertEquals(hy, r.estimate().hyBits(), 1e-12);
      assertTrue(r.estimate().ixtBits() <= 12 + 1e-9 && r.estimate().ityBits() <= hy + 1e-9,
          r.toString());
    }
    // IDNNs' log-spaced epochs of a 300-epoch run, at the start of each epoch: 0..299 (171 of them)
    List<Integer> steps = all.stream().map(MeasurementRow::step).distinct().toList();
    assertEquals(171, steps.size());
    assertEquals(0, steps.get(0));
    assertEquals(List.of("hidden1", "hidden2", "hidden3", "hidden4", "hidden5", "softmax"),
        rows.stream().map(r -> r.layer().toString()).distinct().toList());
    MeasurementRow last = all.get(all.size() - 1);
    assertTrue(last.testAccuracy() > 0.85, "the network learns: accuracy " + last.testAccuracy());
    // The bottleneck: I(T;Y) rises from near 0 towards H(Y); I(X;T) peaks and then falls.
    List<InformationEstimate> bottleneck = rows.stream()
        .filter(r -> r.layer().equals(Layer.hidden(5))).map(LayerEstimate::estimate).toList();
    double first = bottleneck.get(0).ityBits();
    double peak = bottleneck.stream().mapToDouble(InformationEstimate::ixtBits).max().orElseThrow();
    InformationEstimate end = bottleneck.get(bottleneck.size() - 1);
    assertTrue(end.ityBits() > first + 0.3, "fitting: I(T;Y) " + first + " -> " + end.ityBits());
    assertTrue(peak - end.ixtBits() > 0.3, "compression: I(X;T) peak " + peak + ", last "
        + end.ixtBits());
    assertTrue(Files.isRegularFile(out.resolve("compression.csv")));
    assertTrue(Files.readString(out.resolve("report.html")).contains("Compression of I(X;T)"));
  }

  @Test
  void damagedDataFilesGiveOneLine(@TempDir Path dir) throws IOException {
    Path mat = dir.resolve("bad.mat");
    Files.write(mat, "MATLAB 5.0 MAT-file, but not really".getBytes());
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b,label\n1,2,0\n3,x,1\n");
    Path oneClass = dir.resolve("one.csv");
    Files.writeString(oneClass, "1,2,0\n3,4,0\n5,6,0\n7,8,0\n9,10,0\n");
    for (String[] args : new String[][] {
        {"--data", mat.toString()}, {"--data", csv.toString(), "--label-column", "label"},
        {"--data", csv.toString(), "--label-column", "nolabel"}, {"--data", oneClass.toString()},
        {"--data", dir.resolve("missing.mat").toString()}}) {
      List<String> all = new java.util.ArrayList<>(List.of("sweep", "--out",
          dir.resolve("out" + System.nanoTime()).toString()));
      all.addAll(List.of(args));
      CliRunner.Outcome o = CliRunner.run(all.toArray(String[]::new));
      assertEquals(1, o.status(), String.join(" ", args) + ": " + o.err());
      assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
      assertTrue(o.err().contains(Path.of(args[1]).getFileName().toString()), o.err());
    }
  }
}
