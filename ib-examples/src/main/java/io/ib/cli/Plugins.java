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
 * Users' estimator jars (--plugin): put on a class loader that becomes the thread's context class
 * loader, where the estimator registry ({@link io.ib.info.Estimators}) looks for providers.
 */
final class Plugins {
  private Plugins() {}

  /**
   * Makes the jars' estimators available by name.
   *
   * @throws IOException if a jar does not exist or is not readable
   */
  static void load(List<Path> jars) throws IOException {
    if (jars == null || jars.isEmpty()) {
      return;
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
    Thread.currentThread().setContextClassLoader(
        new URLClassLoader(urls.toArray(URL[]::new), Plugins.class.getClassLoader()));
  }
}
