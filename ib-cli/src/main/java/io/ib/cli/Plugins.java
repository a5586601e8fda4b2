package io.ib.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Users' estimator jars (--plugin): put on a class loader that is the thread's context class loader
 * while a command runs, where the estimator registry ({@link io.ib.info.Estimators}) looks for
 * providers.
 */
final class Plugins implements AutoCloseable {
  private final ClassLoader previous;
  private final URLClassLoader loader;

  private Plugins(ClassLoader previous, URLClassLoader loader) {
    this.previous = previous;
    this.loader = loader;
  }

  /**
   * Makes the jars' estimators available by name until {@link #close}.
   *
   * @throws IOException if a jar does not exist or is not readable
   */
  static Plugins load(List<Path> jars) throws IOException {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    if (jars == null || jars.isEmpty()) {
      return new Plugins(previous, null);
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
        throw new IOException("--plugin " + jar + ": no readable file there");
      }
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IOException("--plugin " + jar + ": " + e.getMessage(), e);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        Plugins.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    return new Plugins(previous, loader);
  }

  /** Restores the thread's class loader and closes the jars. */
  @Override
  public void close() throws IOException {
    Thread.currentThread().setContextClassLoader(previous);
    if (loader != null) {
      loader.close();
    }
  }
}
