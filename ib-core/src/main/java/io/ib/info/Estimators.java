package io.ib.info;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The estimator registry: every {@link EstimatorProvider} on the class path, found by name. */
public final class Estimators {
  private Estimators() {}

  /**
   * All providers visible to this class's loader and to the current thread's context class loader
   * (where applications such as the {@code ib} command put users' plugin jars), sorted by name.
   */
  public static List<EstimatorProvider> providers() {
    List<EstimatorProvider> result = new ArrayList<>(providers(Estimators.class.getClassLoader()));
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Estimators.class.getClassLoader()) {
      java.util.Set<String> known = new java.util.HashSet<>();
      result.forEach(p -> known.add(p.getClass().getName()));
      for (EstimatorProvider p : providers(context)) {
        if (known.add(p.getClass().getName())) {
          result.add(p);
        }
      }
      result.sort(Comparator.comparing(EstimatorProvider::name));
    }
    return result;
  }

  /** All providers visible to a class loader, sorted by name. */
  public static List<EstimatorProvider> providers(ClassLoader loader) {
    List<EstimatorProvider> result = new ArrayList<>();
    ServiceLoader.load(EstimatorProvider.class, loader).forEach(result::add);
    result.sort(Comparator.comparing(EstimatorProvider::name));
    return result;
  }

  /**
   * Builds an estimator from its text form, e.g. {@code binning:width=0.5}.
   *
   * @throws IllegalArgumentException for a syntax error, an unknown name (the message lists the known
   *     ones) or invalid parameters
   */
  public static MutualInformationEstimator parse(String text) {
    return create(EstimatorSpec.parse(text));
  }

  /**
   * Builds an estimator from a spec (see {@link #parse}). The parameter {@code labels=shuffled},
   * accepted by every estimator, gives its bias floor: the same estimator on permuted labels
   * ({@link ShuffledLabels}).
   */
  public static MutualInformationEstimator create(EstimatorSpec spec) {
    String labels = spec.get(ShuffledLabels.PARAMETER);
    if (labels != null) {
      if (!labels.equals(ShuffledLabels.VALUE)) {
        throw new IllegalArgumentException("parameter " + ShuffledLabels.PARAMETER + " of estimator "
            + spec.name() + " must be " + ShuffledLabels.VALUE + ", got '" + labels + "'");
      }
      return ShuffledLabels.of(create(spec.without(ShuffledLabels.PARAMETER)));
    }
    List<EstimatorProvider> all = providers();
    for (EstimatorProvider provider : all) {
      if (provider.name().equals(spec.name())) {
        return provider.create(spec);
      }
    }
    throw new IllegalArgumentException("unknown estimator '" + spec.name() + "': known estimators are "
        + all.stream().map(EstimatorProvider::name).collect(Collectors.joining(", ")));
  }

  /**
   * Rejects parameters a provider does not know; call it first in {@link EstimatorProvider#create}.
   *
   * @throws IllegalArgumentException naming the unknown parameter and the accepted ones
   */
  public static void requireKnownParameters(EstimatorSpec spec, Collection<String> known) {
    for (String key : spec.parameters().keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("estimator " + spec.name() + " has no parameter '" + key
            + "' (accepted: " + String.join(", ", known) + ")");
      }
    }
  }

  /**
   * Reads a parameter as a finite number.
   *
   * @throws IllegalArgumentException if it is missing or not a finite number
   */
  public static double number(EstimatorSpec spec, String key) {
    String text = spec.get(key);
    if (text == null) {
      throw new IllegalArgumentException("estimator " + spec.name() + " needs parameter " + key);
    }
    return finiteNumber(text, "parameter " + key + " of estimator " + spec.name());
  }

  /**
   * Parses a finite number.
   *
   * @param what what the text is, for the error message
   * @throws IllegalArgumentException if the text is not a finite number
   */
  public static double finiteNumber(String text, String what) {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " must be a finite number, got '" + text + "'");
  }

  /**
   * Reads a parameter as an integer in [min, max], or returns a default when it is absent.
   *
   * @throws IllegalArgumentException if present but not an integer in range
   */
  public static int integer(EstimatorSpec spec, String key, int defaultValue, int min, int max) {
    String text = spec.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("parameter " + key + " of estimator " + spec.name()
        + " must be an integer in [" + min + ", " + max + "], got '" + text + "'");
  }
}
