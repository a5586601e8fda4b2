package io.ib.report;

/** Counts the values a figure leaves out of its means because they are not finite. */
final class LeftOut {
  private long values;

  void add(Stat s) {
    values += s.leftOut();
  }

  /** Says in a note of the figure how many values were left out, if any. */
  void note(Figure fig) {
    if (values > 0) {
      fig.note(values + " values that are not finite (NaN or \u00b1infinity, e.g. of a diverged run)"
          + " are left out of the means and spreads.");
    }
  }
}
