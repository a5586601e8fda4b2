package org.example.ib;

import io.ib.InformationBottleneck;
import io.ib.data.Dataset;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.mnist.MnistLocator;
import io.ib.report.Report;
import io.ib.run.SavedRun;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;

/** A small sweep on MNIST with your estimator beside a built-in one, then its report. */
public final class MySweep {
  private MySweep() {}

  public static void main(String[] args) throws IOException {
    Dataset mnist = MnistLocator.system().load(); // $IB_DATA_DIR, else downloaded once to a cache
    SweepConfig config = SweepConfig.notebook().withWidths(5, 20).withEpochs(1)
        .withEstimators(new WinnerEstimator(), new FixedWidthBinning(4));
    Path out = Path.of("runs", "my-sweep");
    SweepResult result = InformationBottleneck.sweep(config).on(mnist).writeTo(out)
        .overwrite(true).run();
    Report.write(out);
    System.out.println(result.cells().size() + " cells; the run reads back with "
        + SavedRun.read(out).results().size() + " cells: " + out.resolve("report.html"));
  }
}
