package io.ib.cli;

import io.ib.info.EstimatorProvider;
import io.ib.info.Estimators;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Users' estimator jars ({@code --plugin}): checked, then put on a class loader that is the thread's
 * context class loader while a command runs, where the estimator registry
 * ({@link io.ib.info.Estimators}) looks for providers.
 */
final class Plugins implements AutoCloseable {
  private static final String SERVICE = "META-INF/services/" + EstimatorProvider.class.getName();
  private final ClassLoader previous;
  private final URLClassLoader loader;

  private Plugins(ClassLoader previous, URLClassLoader loader) {
    this.previous = previous;
    this.loader = loader;
  }

  /**
   * Makes the jars' estimators available by name until {@link #close}.
   *
   * @throws IllegalArgumentException naming the jar, if one is missing, not a jar, lists no
   *     estimator provider, or lists one that cannot be loaded
   */
  static Plugins load(List<String> jars) {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    if (jars.isEmpty()) {
      return new Plugins(previous, null);
    }
    List<URL> urls = new ArrayList<>();
    for (String text : jars) {
      Path jar = Path.of(text);
      check(jar);
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--plugin " + jar + ": " + e.getMessage(), e);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        Plugins.class.getClassLoader());
    try {
      Estimators.providers(loader); // every provider must load, now rather than mid-run
    } catch (IllegalArgumentException e) {
      close(loader);
      throw new IllegalArgumentException("--plugin " + String.join(", ", jars) + ": "
          + e.getMessage(), e);
    }
    Thread.currentThread().setContextClassLoader(loader);
    return new Plugins(previous, loader);
  }

  /** A readable jar that lists at least one estimator provider. */
  private static void check(Path jar) {
    if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
      throw new IllegalArgumentException("--plugin " + jar + ": no readable file there");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getEntry(SERVICE) == null) {
        throw new IllegalArgumentException("--plugin " + jar + ": the jar lists no estimator"
            + " provider (it needs " + SERVICE + ")");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--plugin " + jar + ": not a readable jar ("
          + e.getMessage() + ")", e);
    }
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // nothing was loaded from it
    }
  }

  /** Restores the thread's class loader and closes the jars. */
  @Override
  public void close() {
    Thread.currentThread().setContextClassLoader(previous);
    if (loader != null) {
      close(loader);
    }
  }
}
