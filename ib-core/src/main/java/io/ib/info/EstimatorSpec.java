package io.ib.info;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name and parameters of an estimator, e.g. {@code binning:width=0.5}. The text form is the
 * command-line syntax and what is written into result files; it must determine the estimator
 * completely.
 *
 * <p>Grammar: {@code name[:key=value[,key=value]...]}. Names and keys are lower-case letters, digits
 * and hyphens; values are any text without '='. A value may be a list: {@code binning:width=0.1,0.5,1}
 * gives {@code width} the value {@code 0.1,0.5,1} (a comma-separated item that is not key=value
 * continues the list of the key before it); {@link #list} splits it. Parameters keep their order.
 *
 * @param name the estimator family, e.g. {@code binning}
 * @param parameters every parameter that determines the result, in a fixed order
 */
public record EstimatorSpec(String name, Map<String, String> parameters) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final String STAT = "stat";
  private static final String STANDARD_ERROR = "se";

  public EstimatorSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("estimator name '" + name
          + "' must be lower-case letters, digits and hyphens");
    }
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    parameters.forEach((k, v) -> {
      if (!NAME.matcher(k).matches()) {
        throw new IllegalArgumentException("parameter name '" + k + "' of estimator " + name
            + " must be lower-case letters, digits and hyphens");
      }
      if (v == null || v.isEmpty() || v.contains("=") || v.startsWith(",") || v.endsWith(",")
          || v.contains(",,")) {
        throw new IllegalArgumentException(
            "parameter " + k + " of estimator " + name + " has an invalid value '" + v + "'");
      }
      copy.put(k, v);
    });
    parameters = Collections.unmodifiableMap(copy);
  }

  /** True if a text is a valid estimator or parameter name: lower-case letters, digits, hyphens. */
  public static boolean isValidName(String text) {
    return text != null && NAME.matcher(text).matches();
  }

  /**
   * Equal when the text forms are equal: the same name and the same parameters in the same order (a
   * spec is a key of results files, where its text is what identifies it).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof EstimatorSpec other && name.equals(other.name)
        && List.copyOf(parameters.entrySet()).equals(List.copyOf(other.parameters.entrySet()));
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** A spec from a name and alternating keys and values. */
  public static EstimatorSpec of(String name, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    LinkedHashMap<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new EstimatorSpec(name, map);
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException with the offending text and the expected syntax
   */
  public static EstimatorSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.trim();
    int colon = trimmed.indexOf(':');
    String name = colon < 0 ? trimmed : trimmed.substring(0, colon);
    LinkedHashMap<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      String rest = trimmed.substring(colon + 1);
      if (rest.isEmpty()) {
        throw syntax(text, "nothing after ':'");
      }
      String lastKey = null;
      for (String item : rest.split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq < 0 && lastKey != null && !item.isBlank()) {
          params.put(lastKey, params.get(lastKey) + "," + item.trim()); // continues a list
          continue;
        }
        if (eq <= 0 || eq == item.length() - 1) {
          throw syntax(text, "'" + item + "' is not key=value");
        }
        String key = item.substring(0, eq).trim();
        if (params.put(key, item.substring(eq + 1).trim()) != null) {
          throw syntax(text, "parameter '" + key + "' given twice");
        }
        lastKey = key;
      }
    }
    try {
      return new EstimatorSpec(name, params);
    } catch (IllegalArgumentException e) {
      throw syntax(text, e.getMessage());
    }
  }

  private static IllegalArgumentException syntax(String text, String problem) {
    return new IllegalArgumentException("invalid estimator '" + text + "': " + problem
        + " (expected name or name:key=value,key=value, e.g. binning:width=0.5)");
  }

  /** The value of a parameter, if the spec has it. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(parameters.get(key));
  }

  /** The items of a list-valued parameter (one item for a plain value), or an empty list. */
  public List<String> list(String key) {
    String value = parameters.get(key);
    return value == null ? List.of() : List.of(value.split(","));
  }

  /** A copy with one parameter set (added at the end if new, replaced in place if present). */
  public EstimatorSpec with(String key, String value) {
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(parameters);
    copy.put(key, value);
    return new EstimatorSpec(name, copy);
  }

  /** A copy without one parameter (the same spec if it has none of that name). */
  public EstimatorSpec without(String key) {
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(parameters);
    copy.remove(key);
    return new EstimatorSpec(name, copy);
  }

  /**
   * The spec of the row of standard errors that goes with this spec's estimates: this spec with
   * {@code stat=se}. Such a row (written by estimators that report Monte Carlo errors, e.g.
   * {@code sp}) holds in its information columns the standard errors of the values of the row named
   * by {@link #without without("stat")}: it is not an estimate, and summaries and plots skip it.
   */
  public EstimatorSpec standardErrors() {
    return with(STAT, STANDARD_ERROR);
  }

  /** True for the spec of a row of standard errors (see {@link #standardErrors()}). */
  public boolean isStandardErrors() {
    return STANDARD_ERROR.equals(parameters.get(STAT));
  }

  /** Formats a number in its shortest plain form (0.5, 2, 1e-3 becomes 0.001). */
  public static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The text form, e.g. {@code binning:bins=30,range=0:10}. */
  @Override
  public String toString() {
    if (parameters.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append(':');
    boolean first = true;
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
      first = false;
    }
    return sb.toString();
  }
}
