package io.ib.examples;

import io.ib.InformationBottleneck;
import io.ib.data.Dataset;
import io.ib.info.Estimators;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.mnist.MnistLocator;
import io.ib.report.Report;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A capacity sweep from Java, the same code the README shows: two widths, two seeds, three epochs, two binning
 * resolutions, results written to {@code runs/quickstart} (replacing an earlier quick start there),
 * its report drawn, and the final estimates printed.
 *
 * <p>Run: {@code java -cp "ib-examples/target/ib-examples-*.jar:$(cat ib-examples/target/classpath.txt)"
 * io.ib.examples.QuickStart}
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Dataset mnist = MnistLocator.system().load();   // $IB_DATA_DIR, else the per-user cache (download)

    SweepConfig config = SweepConfig.notebook()             // the notebook's setup: every default lives here
        .withWidths(List.of(5, 50))
        .withSeeds(List.of(1, 2))
        .withEpochs(3)
        .withEstimators(List.of(new FixedWidthBinning(0.5), Estimators.parse("binning:width=4")));

    Path out = Path.of("runs", "quickstart");
    SweepResult result = InformationBottleneck.sweep(config)
        .on(mnist)
        .writeTo(out)                                        // optional: sweep.json + measurements.csv
        .overwrite(true)                                     // replace the previous quick start's run
        .listener(new SweepListener() {                      // optional: progress
          @Override
          public void measured(Measurement m) {
            System.out.println(m.cell() + " step " + m.step() + ": accuracy " + m.testAccuracy());
          }
        })
        .run();
    Report.write(out);                                       // optional: plots and report.html (ib-report)

    for (CellResult cell : result.cells()) {
      for (LayerEstimate e : cell.last().estimates()) {
        System.out.printf("k=%d %s %s: I(X;T)=%.3f bits, I(T;Y)=%.3f bits%n", cell.cell().width(),
            e.layer(), e.estimate().estimator(), e.estimate().ixtBits(), e.estimate().ityBits());
      }
    }
  }
}
