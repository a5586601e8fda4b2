package io.ib.report;

import io.ib.info.EstimatorSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Estimator spec strings as the report needs them: descriptions, resolution families, file names. */
final class Specs {
  private Specs() {}

  /**
   * Estimators of one family that differ in exactly one numeric parameter: a resolution sweep, such as
   * {@code binning:width=0.5}, {@code binning:width=1}, ... or {@code kernel:bound=upper,s2=0.01},
   * {@code kernel:bound=upper,s2=0.1}.
   *
   * @param name the estimator name, e.g. {@code binning}
   * @param parameter the parameter that varies, e.g. {@code width}
   * @param fixed the other parameters, equal in every member
   * @param values the parameter's values, ascending
   * @param specs the members, in the order of {@code values}
   */
  record Family(String name, String parameter, Map<String, String> fixed, List<Double> values,
      List<EstimatorSpec> specs) {
    /** A title such as {@code binning:width=*} or {@code kernel:bound=upper,s2=*}. */
    String pattern() {
      StringBuilder sb = new StringBuilder(name).append(':');
      boolean first = true;
      Map<String, String> all = new LinkedHashMap<>(fixed);
      all.put(parameter, "*");
      for (Map.Entry<String, String> e : all.entrySet()) {
        sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        first = false;
      }
      return sb.toString();
    }

    /** Whether every value is positive, so that a logarithmic axis can show them. */
    boolean positive() {
      return values.stream().allMatch(v -> v > 0);
    }
  }

  /**
   * The resolution families among the specs: groups of at least two specs with the same name and
   * the same parameter keys whose values agree except in one key, whose values are all numbers.
   * Families are returned in order of their first member's appearance.
   */
  static List<Family> families(List<EstimatorSpec> specs) {
    Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
    for (EstimatorSpec spec : specs) {
      for (Map.Entry<String, String> p : spec.parameters().entrySet()) {
        Double value = number(p.getValue());
        if (value == null) {
          continue;
        }
        Map<String, String> fixed = new LinkedHashMap<>(spec.parameters());
        fixed.remove(p.getKey());
        List<Object> key = List.of(spec.name(), p.getKey(), fixed);
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {value, spec});
      }
    }
    List<Family> result = new ArrayList<>();
    groups.forEach((key, members) -> {
      if (members.stream().map(m -> (Double) m[0]).distinct().count() < 2) {
        return;
      }
      List<Object[]> sorted = new ArrayList<>(members);
      sorted.sort(Comparator.comparingDouble(m -> (Double) m[0]));
      List<Double> values = new ArrayList<>();
      List<EstimatorSpec> specsInOrder = new ArrayList<>();
      for (Object[] m : sorted) {
        if (!values.contains((Double) m[0])) {
          values.add((Double) m[0]);
          specsInOrder.add((EstimatorSpec) m[1]);
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, String> fixed = (Map<String, String>) key.get(2);
      result.add(new Family((String) key.get(0), (String) key.get(1), fixed, values, specsInOrder));
    });
    return result;
  }

  /**
   * Orders specs for legends and tables: by name in order of first appearance, then by the set of
   * parameter keys, then by the parameter values (numerically where both are numbers), so that the
   * members of a resolution sweep appear in increasing resolution parameter.
   */
  static List<EstimatorSpec> order(List<EstimatorSpec> specs) {
    Map<String, Integer> names = new HashMap<>();
    specs.forEach(s -> names.putIfAbsent(s.name(), names.size()));
    List<EstimatorSpec> result = new ArrayList<>(specs);
    result.sort(Comparator.comparingInt((EstimatorSpec t) -> names.get(t.name()))
        .thenComparing(t -> String.join(",", t.parameters().keySet()))
        .thenComparing((a, b) -> compareValues(a.parameters(), b.parameters())));
    return List.copyOf(result);
  }

  private static int compareValues(Map<String, String> a, Map<String, String> b) {
    List<String> va = new ArrayList<>(a.values());
    List<String> vb = new ArrayList<>(b.values());
    for (int i = 0; i < Math.min(va.size(), vb.size()); i++) {
      Double na = number(va.get(i));
      Double nb = number(vb.get(i));
      int c = na != null && nb != null ? Double.compare(na, nb) : va.get(i).compareTo(vb.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(va.size(), vb.size());
  }

  /** A range parameter LO:HI as "[LO, HI]". */
  private static String interval(String range) {
    return "[" + range.replace(":", ", ") + "]";
  }

  /**
   * A short description of what an estimator measures, for titles and captions, e.g. "whole-layer
   * binning, bin width 4". Unknown estimators are described by their spec text.
   */
  static String describe(EstimatorSpec spec) {
    switch (spec.name()) {
      case "binning":
        if (spec.get("width").isPresent()) {
          return "whole-layer plug-in binning, bin width " + spec.get("width").orElseThrow();
        }
        if (spec.get("bins").isPresent()) {
          return "whole-layer plug-in binning, " + spec.get("bins").orElseThrow() + " bins"
              + spec.get("range").map(r -> " over " + interval(r)).orElse("");
        }
        return "whole-layer plug-in binning";
      case "digitize":
        return "IDNNs' binning: " + spec.get("edges").orElse("30")
            + " edges over " + fixedRange(spec) + " with NumPy's digitize, values beyond it in the edge bins";
      case "per-unit":
        return "per-unit average (reproduction of the original notebook; not a whole-layer estimate)";
      case "kernel":
        String bound = spec.get("bound").orElse(null);
        return "kernel (pairwise-distance) " + (bound == null ? "" : bound + " ") + "bound"
            + spec.get("s2").map(s2 -> ", noise variance s2 = " + s2).orElse("");
      default:
        return spec.toString();
    }
  }

  /**
   * The fixed range an estimator bins over, as "[LO, HI]", or null for estimators whose bins follow
   * the data (bin widths, per-layer ranges, kernels): values beyond a fixed range share its edge bins.
   */
  static String fixedRange(EstimatorSpec spec) {
    String range = spec.get("range").orElse(null);
    boolean fixed = spec.name().equals("digitize")
        || spec.name().equals("binning") && range != null && !range.equals("global");
    if (!fixed) {
      return null;
    }
    return interval(range == null ? "-1:1" : range);
  }

  /** What the varying parameter of a family is, for an axis title, e.g. "bin width". */
  static String parameterLabel(Family family) {
    String known = switch (family.name() + ":" + family.parameter()) {
      case "binning:width" -> "bin width";
      case "binning:bins" -> "bins per unit";
      case "per-unit:bins" -> "bins per unit";
      case "kernel:s2" -> "noise variance s2";
      default -> null;
    };
    return known == null ? "parameter " + family.parameter() + " of " + family.pattern()
        : known + " (" + family.pattern() + ")";
  }

  /** A sentence fragment describing a family, e.g. "whole-layer plug-in binning at bin width 0.5, 1, 2". */
  static String describeFamily(Family family) {
    String values = String.join(", ", family.values().stream().map(Num::of).toList());
    if (family.name().equals("binning") && family.parameter().equals("width")) {
      return "Whole-layer plug-in binning at bin widths " + values;
    }
    return family.pattern() + " at " + family.parameter() + " = " + values;
  }

  /**
   * A file-name stem from arbitrary text: lower case, every run of characters other than letters,
   * digits and '.' becomes one '-', no leading or trailing '-', at most 80 characters; "plot" if
   * nothing is left. Different texts can give the same stem: {@link #uniqueStem} resolves that.
   */
  static String stem(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("\\.{2,}", ".")
        .replaceAll("^[-.]+|[-.]+$", "");
    if (s.length() > 80) {
      s = s.substring(0, 80).replaceAll("[-.]+$", "");
    }
    return s.isEmpty() ? "plot" : s;
  }

  /**
   * {@link #stem} of {@code text}, with the first 8 hex digits of the text's SHA-256 appended when
   * the stem is already in {@code taken}; the result is added to {@code taken}.
   */
  static String uniqueStem(String prefix, String text, java.util.Set<String> taken) {
    String s = prefix + stem(text);
    if (!taken.add(s)) {
      s = s + "-" + hash(text);
      taken.add(s);
    }
    return s;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The number in a parameter value, or null if it is not a finite number. */
  static Double number(String value) {
    try {
      double d = Double.parseDouble(value.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
