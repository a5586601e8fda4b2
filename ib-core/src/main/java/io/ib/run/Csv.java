package io.ib.run;

import java.math.BigDecimal;
import java.math.MathContext;

/** RFC 4180 helpers: quoting and number formatting that round-trips. */
final class Csv {
  private Csv() {}

  /** The field as it must appear in a CSV line (quoted when it holds a comma, quote or newline). */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Splits one CSV line into fields, undoing {@link #field} quoting. */
  static java.util.List<String> split(String line) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** Shortest decimal text that reads back as the same double; empty for NaN. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    return Double.toString(value);
  }

  /** A number rounded to {@code digits} significant digits, plain notation; empty for NaN. */
  static String rounded(double value, int digits) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
  }
}
