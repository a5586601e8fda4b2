package io.ib.examples;

// README:begin (the README shows what follows verbatim; ReadmeExampleTest keeps the two equal)
import io.ib.InformationBottleneck;
import io.ib.data.Dataset;
import io.ib.info.Estimators;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.mnist.MnistLocator;
import io.ib.report.Report;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;

public final class QuickStart {
  public static void main(String[] args) throws IOException {
    Dataset mnist = MnistLocator.system().load(); // $IB_DATA_DIR, else a cache (downloads once)

    SweepConfig config = SweepConfig.notebook()   // the notebook's setup: every default lives here
        .withWidths(5, 50)
        .withSeeds(1, 2)
        .withEpochs(3)
        .withEstimators(new FixedWidthBinning(0.5), Estimators.parse("binning:width=4"));

    Path out = Path.of("runs", "quickstart");
    SweepResult result = InformationBottleneck.sweep(config)
        .on(mnist)
        .writeTo(out)          // optional: sweep.json, measurements.csv (SavedRun reads them back)
        .overwrite(true)       // replace this program's previous run there
        .run();                // every core, one cell per core
    Report.write(out);         // optional (ib-report): plots and report.html

    for (CellResult cell : result.cells()) {
      for (LayerEstimate e : cell.last().estimates()) {
        System.out.printf("k=%d %s %s: I(X;T)=%.3f bits, I(T;Y)=%.3f bits%n", cell.cell().width(),
            e.layer(), e.estimate().estimator(), e.estimate().ixtBits(), e.estimate().ityBits());
      }
    }
  }
}
// README:end
