package io.ib.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Opens {@link CellStorage}s: a local directory, or whatever a {@link CellStorage.Provider} on the
 * class path handles. (Kept apart from the interface so that the interface does not depend on its
 * implementations.)
 */
public final class CellStorages {
  private CellStorages() {}

  /**
   * The storage at a URI: a {@code file:} URI (or one without a scheme) is a local directory,
   * anything else goes to the first {@link CellStorage.Provider} that handles it.
   *
   * @throws IOException if no provider handles the scheme (the message names it)
   */
  public static CellStorage open(URI uri) throws IOException {
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return local(uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri));
    }
    for (CellStorage.Provider p
        : ServiceLoader.load(CellStorage.Provider.class, CellStorages.class.getClassLoader())) {
      if (p.handles(uri)) {
        return p.open(uri);
      }
    }
    throw new IOException("no storage for " + uri + " (scheme " + uri.getScheme() + "): ib-spark"
        + " on the class path adds Hadoop's file systems");
  }

  /** A local directory (created on the first write); a file appears by an atomic rename. */
  public static CellStorage local(Path directory) {
    return new LocalCellStorage(directory);
  }
}
