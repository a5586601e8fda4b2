package io.ib.examples;

import io.ib.data.Dataset;
import io.ib.info.Estimators;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.mnist.MnistLocator;
import io.ib.sweep.CellResult;
import io.ib.sweep.InformationBottleneck;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A capacity sweep from Java, the same code the README shows: two widths, three epochs, two binning
 * resolutions, results printed and written to {@code runs/quickstart}.
 *
 * <p>Run: {@code java -cp "ib-examples/target/ib-examples-*.jar:$(cat ib-examples/target/classpath.txt)"
 * io.ib.examples.QuickStart}
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Dataset mnist = MnistLocator.system().load(null); // --data-dir, else $IB_DATA_DIR, else download

    SweepConfig config = SweepConfig.notebook()
        .withWidths(List.of(5, 50))
        .withEpochs(3)
        .withEstimators(List.of(new FixedWidthBinning(0.5), Estimators.parse("binning:width=4")));

    SweepResult result = InformationBottleneck.sweep(config)
        .on(mnist)
        .writeTo(Path.of("runs", "quickstart"))
        .run();

    for (CellResult cell : result.cells()) {
      System.out.printf("width %3d: test accuracy %.4f%n", cell.cell().width(),
          cell.last().testAccuracy());
      for (LayerEstimate e : cell.last().estimates()) {
        System.out.printf("    %-8s %-20s I(X;T) = %6.3f bits, I(T;Y) = %5.3f bits%n", e.layer(),
            e.estimate().estimator(), e.estimate().ixtBits(), e.estimate().ityBits());
      }
    }
  }
}
