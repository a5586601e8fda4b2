package io.ib.cli;

import io.ib.info.InformationEstimate;
import java.util.List;
import java.util.Locale;

/** How {@code ib estimate} prints its estimates: for people, or with every digit for programs. */
enum EstimateFormat {
  TEXT, CSV, JSON;

  /** The columns of measurements.csv that an estimate fills, in their order there. */
  static final String CSV_HEADER = "estimator,i_xt_bits,i_ty_bits,h_t_bits,n,log2n_bits,h_y_bits";

  static EstimateFormat parse(String text) {
    for (EstimateFormat f : values()) {
      if (f.name().equalsIgnoreCase(text.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("--format must be text, csv or json, got '" + text + "'");
  }

  /** The whole output for these estimates, ending in a line break. */
  String write(List<InformationEstimate> estimates) {
    StringBuilder sb = new StringBuilder();
    switch (this) {
      case TEXT -> estimates.forEach(e -> sb.append(text(e)).append('\n'));
      case CSV -> {
        sb.append(CSV_HEADER).append('\n');
        estimates.forEach(e -> sb.append(csv(e)).append('\n'));
      }
      case JSON -> {
        sb.append("[\n");
        for (int i = 0; i < estimates.size(); i++) {
          sb.append("  ").append(json(estimates.get(i))).append(i + 1 < estimates.size() ? ",\n" : "\n");
        }
        sb.append("]\n");
      }
      default -> throw new AssertionError(this);
    }
    return sb.toString();
  }

  /** {@code knn:k=3  I(X;T)=2.314 bits  I(T;Y)=0.912 bits  [log2 n=13.29, H(Y)=3.32]}. */
  static String text(InformationEstimate e) {
    boolean labelled = !Double.isNaN(e.hyBits());
    StringBuilder sb = new StringBuilder(e.estimator().toString())
        .append("  I(X;T)=").append(bits(e.ixtBits()))
        .append("  I(T;Y)=").append(labelled ? bits(e.ityBits()) : "- (no labels)");
    if (!Double.isNaN(e.htBits())) {
      sb.append("  H(T)=").append(bits(e.htBits()));
    }
    sb.append(String.format(Locale.ROOT, "  [n=%d, log2 n=%.2f", e.n(), e.log2nBits()));
    if (labelled) {
      sb.append(String.format(Locale.ROOT, ", H(Y)=%.2f", e.hyBits()));
    }
    return sb.append(']').toString();
  }

  private static String bits(double value) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f bits", value);
  }

  static String csv(InformationEstimate e) {
    String spec = e.estimator().toString();
    String field = spec.contains(",") || spec.contains("\"") ? '"' + spec.replace("\"", "\"\"") + '"'
        : spec;
    return field + ',' + csvNumber(e.ixtBits()) + ',' + csvNumber(e.ityBits()) + ','
        + csvNumber(e.htBits()) + ',' + e.n() + ',' + csvNumber(e.log2nBits()) + ','
        + csvNumber(e.hyBits());
  }

  private static String csvNumber(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  static String json(InformationEstimate e) {
    return "{\"estimator\": \"" + jsonString(e.estimator().toString()) + "\", \"i_xt_bits\": "
        + jsonNumber(e.ixtBits()) + ", \"i_ty_bits\": " + jsonNumber(e.ityBits())
        + ", \"h_t_bits\": " + jsonNumber(e.htBits()) + ", \"n\": " + e.n() + ", \"log2n_bits\": "
        + jsonNumber(e.log2nBits()) + ", \"h_y_bits\": " + jsonNumber(e.hyBits()) + "}";
  }

  private static String jsonNumber(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "null";
  }

  private static String jsonString(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
