package io.ib.info;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The estimator registry: every {@link EstimatorProvider} on the class path, found by name. */
public final class Estimators {
  private Estimators() {}

  /**
   * All providers visible to this class's loader and to the current thread's context class loader
   * (where applications such as the {@code ib} command put users' plugin jars), sorted by name.
   *
   * @throws IllegalArgumentException if a provider listed in a jar cannot be loaded (a missing class,
   *     a class of the wrong type, a constructor that throws) or has no valid name: one line naming
   *     it, for a plug-in is a user's jar and its mistakes are theirs to fix
   */
  public static List<EstimatorProvider> providers() {
    List<EstimatorProvider> result = new ArrayList<>(providers(Estimators.class.getClassLoader()));
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Estimators.class.getClassLoader()) {
      Set<String> known = new HashSet<>();
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

  /**
   * All providers visible to a class loader, sorted by name.
   *
   * @throws IllegalArgumentException as {@link #providers()}
   */
  public static List<EstimatorProvider> providers(ClassLoader loader) {
    List<EstimatorProvider> result = new ArrayList<>();
    Iterator<EstimatorProvider> it = ServiceLoader.load(EstimatorProvider.class, loader).iterator();
    while (true) {
      EstimatorProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("an estimator plug-in cannot be loaded: "
            + oneLine(e), e);
      }
      String name;
      try {
        name = p.name();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("the estimator plug-in " + p.getClass().getName()
            + " fails to name itself: " + oneLine(e), e);
      }
      if (name == null || !EstimatorSpec.isValidName(name)) {
        throw new IllegalArgumentException("the estimator plug-in " + p.getClass().getName()
            + " names itself " + (name == null ? "null" : "'" + name + "'") + ": a name is"
            + " lower-case letters, digits and hyphens");
      }
      result.add(p);
    }
    result.sort(Comparator.comparing(EstimatorProvider::name));
    return result;
  }

  /** A throwable and its causes on one line, e.g. for a provider whose constructor throws. */
  private static String oneLine(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(": ").append(c.getClass().getSimpleName()).append(
          c.getMessage() == null ? "" : " " + c.getMessage());
    }
    return sb.toString().replace('\n', ' ');
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
    String labels = spec.get(ShuffledLabels.PARAMETER).orElse(null);
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
   * The estimator a stored spec names, as {@link #create}, or, when no provider on the class path
   * has its name, a stand-in that keeps the spec and refuses to estimate ({@link #isAvailable} tells
   * them apart): what reading a run uses, so that a run made with a user's estimator can be read,
   * listed and reported without that estimator's class.
   *
   * @throws IllegalArgumentException for a known estimator with invalid parameters
   */
  public static MutualInformationEstimator createOrStandIn(EstimatorSpec spec) {
    String wanted = spec.get(ShuffledLabels.PARAMETER).isEmpty() ? spec.name()
        : spec.without(ShuffledLabels.PARAMETER).name();
    if (providers().stream().noneMatch(p -> p.name().equals(wanted))) {
      return new UnavailableEstimator(spec);
    }
    return create(spec);
  }

  /** False for the stand-in of an estimator that no provider on the class path makes. */
  public static boolean isAvailable(MutualInformationEstimator estimator) {
    return !(estimator instanceof UnavailableEstimator);
  }

  /**
   * Refuses the stand-in of an estimator that no provider on the class path makes.
   *
   * @throws IllegalArgumentException naming it, and what to do
   */
  public static void requireAvailable(MutualInformationEstimator estimator) {
    if (!isAvailable(estimator)) {
      throw new IllegalArgumentException(UnavailableEstimator.message(estimator.spec()));
    }
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
    String text = spec.get(key).orElse(null);
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
    String text = spec.get(key).orElse(null);
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
