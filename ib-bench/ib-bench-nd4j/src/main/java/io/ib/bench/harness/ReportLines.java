package io.ib.bench.harness;

/** The text of the benchmark report, line by line. */
final class ReportLines {
  private final StringBuilder out = new StringBuilder();

  void line(String s) {
    out.append(s).append('\n');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
