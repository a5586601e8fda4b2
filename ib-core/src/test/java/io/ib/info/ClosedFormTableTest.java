package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the closed-form tables of docs/estimators.md ("Estimates of known distributions"): every
 * {@link ClosedFormCases} case through {@link ArrayEstimates}, the true value beside the mean of
 * {@value #SEEDS} seeded draws, its standard error, the spread (sd) of one estimate, at each n; then
 * what binning and kernel report on the same draws. Regenerate with
 * {@code mvn -B -o -pl ib-core -am test -Dib.test.excludedGroups=none -Dtest=ClosedFormTableTest
 * -Dsurefire.failIfNoSpecifiedTests=false} and copy the lines that start with "|".
 * The assertions ({@link ArrayEstimatesClosedFormsTest}) use other seeds.
 */
@Tag("tables") // 10 seeds x 14 rows x 3 sizes x 2 variants of knn: minutes (3.5 on a shared 2-core machine)
class ClosedFormTableTest {
  private static final int SEEDS = 10;
  private static final int[] SIZES = {500, 2000, 5000};

  @Test
  void printTheTables() {
    StringBuilder out = new StringBuilder();
    for (String spec : new String[] {"knn:k=3", "knn:k=3,variant=2"}) {
      out.append("\n").append(spec).append(": mean error (estimate - true) +- its standard error over ")
          .append(SEEDS).append(" draws; sd of one estimate in brackets\n\n");
      out.append("| distribution | quantity | true (bits) |");
      for (int n : SIZES) {
        out.append(" n = ").append(n).append(" |");
      }
      out.append("\n|---|---|---|").append("---|".repeat(SIZES.length)).append('\n');
      for (ClosedFormCases.Case c : ClosedFormCases.all()) {
        boolean labelled = !Double.isNaN(c.ityBits());
        row(out, spec, c, false);
        if (labelled) {
          row(out, spec, c, true);
        }
      }
    }
    int n = 5000;
    String[] others = {"binning:width=0.5", "binning:bins=30,range=point", "kernel:s2=0.1"};
    out.append("\nOther estimators on one draw, n = ").append(n).append(": I(X;T) in bits\n\n");
    out.append("| distribution | true |");
    for (String spec : others) {
      out.append(" `").append(spec).append("` |");
    }
    out.append("\n|---|---|").append("---|".repeat(others.length)).append('\n');
    for (ClosedFormCases.Case c : ClosedFormCases.all()) {
      out.append("| ").append(c.name()).append(String.format(Locale.ROOT, " | %.3f |", c.ixtBits()));
      ArrayEstimates a = c.arrays(n, 1);
      for (String spec : others) {
        out.append(String.format(Locale.ROOT, " %.2f |", a.estimate(spec).get(0).ixtBits()));
      }
      out.append('\n');
    }
    System.out.println(out);
    assertTrue(out.length() > 0);
  }

  private static void row(StringBuilder out, String spec, ClosedFormCases.Case c, boolean ity) {
    double truth = ity ? c.ityBits() : c.ixtBits();
    out.append("| ").append(c.name()).append(ity ? " | I(T;Y) |" : " | I(X;T) |")
        .append(String.format(Locale.ROOT, " %.3f |", truth));
    for (int n : SIZES) {
      double[] v = new double[SEEDS];
      for (int s = 0; s < SEEDS; s++) {
        InformationEstimate e = c.arrays(n, 900_000L + 1000L * n + s).estimate(spec).get(0);
        v[s] = (ity ? e.ityBits() : e.ixtBits()) - truth;
      }
      double[] ms = ArrayEstimatesClosedFormsTest.meanAndSd(v);
      out.append(String.format(Locale.ROOT, " %+.3f ± %.3f (%.3f) |", ms[0], ms[1] / Math.sqrt(SEEDS),
          ms[1]));
    }
    out.append('\n');
  }
}
