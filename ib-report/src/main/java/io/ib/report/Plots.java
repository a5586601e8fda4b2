package io.ib.report;

import io.ib.info.EstimatorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the report's figures from a run, one class per kind of plot ({@link InformationPlanePlot},
 * {@link ProgressPlot}, {@link CapacityPlot}, {@link ResolutionPlot}). Every figure says its units,
 * its estimator with parameters, and how spread over seeds is shown.
 *
 * <p>Conventions: step axes are logarithmic, with step 0 drawn at step 0.5 and labelled "0"
 * ({@link PlotAxes}); spread is ±1 sample standard deviation over seeds; ceilings (log2 n for I(X;T),
 * H(Y) for I(T;Y)) are dashed grey lines, and information axes reach them ({@link PlotStyle}). Every
 * linear axis is set from an {@link AxisRange}, never left to XChart; points without a finite value
 * are not drawn, and each figure says how many values it left out ({@link PlotLine}, {@link LeftOut}).
 */
final class Plots {
  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  Plots(RunData run, Aggregates agg) {
    this.run = run;
    this.agg = agg;
    this.partialNote = run.partial() ? List.of("Partial run (status " + run.status()
        + "): only the measurements written so far are shown.") : List.of();
  }

  /** Every figure of the run, in report order; empty when nothing was measured. */
  List<BuiltPlot> all() {
    List<BuiltPlot> result = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    if (!run.estimators().isEmpty()) {
      InformationPlanePlot plane = new InformationPlanePlot(run, agg, partialNote);
      for (EstimatorSpec estimator : run.estimators()) {
        result.add(plane.build(estimator, Specs.uniqueStem("infoplane-", estimator.toString(), taken)));
      }
    }
    if (!run.rows().isEmpty()) {
      ProgressPlot progress = new ProgressPlot(run, agg, partialNote);
      for (int width : run.measuredWidths()) {
        result.add(progress.build(width, Specs.uniqueStem("progress-", "k" + width, taken)));
      }
      result.add(new CapacityPlot(run, agg, partialNote).build(Specs.uniqueStem("", "capacity", taken)));
    }
    ResolutionPlot resolution = new ResolutionPlot(run, agg, partialNote);
    for (Specs.Family family : Specs.families(run.estimators())) {
      result.add(resolution.build(family, Specs.uniqueStem("resolution-", family.name() + "-"
          + family.parameter() + (family.fixed().isEmpty() ? "" : "-" + family.fixed()), taken)));
    }
    return result;
  }
}
