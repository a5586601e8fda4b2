package io.ib.io;

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
