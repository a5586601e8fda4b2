package io.ib.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** How {@code report.html} writes text: HTML escaping, times, durations and numbers. */
final class HtmlText {
  // Whole seconds: the manifest's nanoseconds are noise to a reader and make times hard to compare.
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.,]+Z");

  private HtmlText() {}

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The time from {@code start} to {@code end} (ISO-8601 instants), or null if either is not one. */
  static String duration(String start, String end) {
    try {
      Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
      long s = d.getSeconds();
      return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s / 60) % 60, s % 60)
          : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
          : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A time as the report shows it, to the second in UTC, e.g. {@code 2026-12-03 09:31:15 UTC}. */
  static String time(Instant t) {
    return TIME.format(t);
  }

  /**
   * {@link #time(Instant)} of an ISO-8601 instant as the manifest writes it
   * ({@code 2026-12-03T09:31:15.123456789Z}); other text unchanged.
   */
  static String time(String text) {
    if (!ISO_INSTANT.matcher(text).matches()) {
      return text;
    }
    try {
      return time(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  /** {@code v} with {@code decimals} decimals, or a dash for NaN. */
  static String fmt(double v, int decimals) {
    return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
