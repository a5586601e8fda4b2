package io.ib.mnist;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where MNIST is read from, and fills the download cache when that is the place.
 *
 * <p>Precedence: an explicit directory (the {@code --data-dir} option, {@link #load(Path)}) &gt; the
 * environment variable {@value #ENV_VAR} &gt; the per-user cache {@code $XDG_CACHE_HOME/ib/mnist}
 * (when that variable holds an absolute path) or {@code ~/.cache/ib/mnist}; {@link #load()} searches
 * the last two. Only the cache gets missing files downloaded and corrupt files replaced; a directory
 * given by option or environment is used as it is.
 */
public final class MnistLocator {
  private static final Logger LOG = LoggerFactory.getLogger(MnistLocator.class);

  /** Environment variable naming a directory that holds the MNIST files. */
  public static final String ENV_VAR = "IB_DATA_DIR";

  /** Where a directory choice came from. */
  public enum Origin {
    /** Passed explicitly by the caller (the {@code --data-dir} option). */
    OPTION,
    /** The environment variable {@value MnistLocator#ENV_VAR}. */
    ENVIRONMENT,
    /** The per-user download cache. */
    CACHE
  }

  /**
   * A chosen directory.
   *
   * @param directory where the four files are (or, for the cache, will be)
   * @param origin why this directory was chosen
   */
  public record Location(Path directory, Origin origin) {
    /** Checks that both components are present. */
    public Location {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(origin, "origin");
    }
  }

  private final Function<String, String> environment;
  private final Path userHome;
  private final MnistDownloader downloader;

  /**
   * Creates a locator.
   *
   * @param environment environment lookup, name to value or {@code null} when unset (e.g.
   *     {@code System::getenv}, or a {@code Map::get} in tests)
   * @param userHome home directory, for the default cache {@code ~/.cache/ib/mnist}
   * @param downloader fetches missing or corrupt files into the cache
   */
  public MnistLocator(Function<String, String> environment, Path userHome, MnistDownloader downloader) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.userHome = Objects.requireNonNull(userHome, "userHome");
    this.downloader = Objects.requireNonNull(downloader, "downloader");
  }

  /** A locator on the real environment, {@code user.home} and {@link MnistDownloader#defaults()}. */
  public static MnistLocator system() {
    return new MnistLocator(System::getenv, Path.of(System.getProperty("user.home")),
        MnistDownloader.defaults());
  }

  /** The per-user cache directory (it may not exist yet). */
  public Path cacheDirectory() {
    String xdg = environment.apply("XDG_CACHE_HOME");
    // The XDG spec says relative values are invalid and must be ignored.
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : userHome.resolve(".cache");
    return base.resolve("ib").resolve("mnist");
  }

  /**
   * Chooses the directory of the default search; reads no files.
   *
   * @return {@value #ENV_VAR} if set and not blank, else the cache
   */
  public Location locate() {
    String env = environment.apply(ENV_VAR);
    if (env != null && !env.isBlank()) {
      return new Location(Path.of(env), Origin.ENVIRONMENT);
    }
    return new Location(cacheDirectory(), Origin.CACHE);
  }

  /**
   * The location of a directory the user asked for explicitly; reads no files.
   *
   * @param explicitDirectory the directory, not null
   * @return that directory, with origin {@link Origin#OPTION}
   * @throws NullPointerException if {@code explicitDirectory} is null ({@link #locate()} is the
   *     default search)
   */
  public Location locate(Path explicitDirectory) {
    return new Location(Objects.requireNonNull(explicitDirectory, () -> "explicitDirectory is null:"
        + " call locate() for the default search (" + ENV_VAR + ", else the download cache)"),
        Origin.OPTION);
  }

  /**
   * Loads MNIST from the default place: the directory in {@value #ENV_VAR} if set and not blank,
   * used as it is, else the per-user cache, into which missing files are downloaded.
   *
   * @return the dataset (see {@link Mnist#load})
   * @throws IOException if the {@value #ENV_VAR} directory lacks files (the message lists them and
   *     how to fix it), a download fails, a file cannot be read, or a file is malformed
   *     ({@link IdxFormatException})
   */
  public Dataset load() throws IOException {
    return load(locate());
  }

  /**
   * Loads MNIST from a directory the user asked for explicitly (the {@code --data-dir} option),
   * used as it is: nothing is downloaded into it.
   *
   * @param explicitDirectory the directory, not null
   * @return the dataset (see {@link Mnist#load})
   * @throws NullPointerException if {@code explicitDirectory} is null: call {@link #load()} for the
   *     default search
   * @throws IOException if the directory lacks files (the message lists them and how to fix it), a
   *     file cannot be read, or a file is malformed ({@link IdxFormatException})
   */
  public Dataset load(Path explicitDirectory) throws IOException {
    Objects.requireNonNull(explicitDirectory, () -> "explicitDirectory is null: call load() for"
        + " the default search (" + ENV_VAR + ", else the download cache)");
    return load(locate(explicitDirectory));
  }

  private Dataset load(Location location) throws IOException {
    Path dir = location.directory();
    if (location.origin() != Origin.CACHE) {
      List<String> missing = IdxDirectory.missingFiles(dir);
      if (!missing.isEmpty()) {
        String from = location.origin() == Origin.OPTION ? "given by --data-dir" : "from " + ENV_VAR;
        throw new IOException("MNIST files missing in " + dir.toAbsolutePath() + " (" + from + "): "
            + String.join(", ", missing) + " (a name without .gz is accepted too). Point --data-dir or "
            + ENV_VAR + " to a directory holding " + String.join(", ", IdxDirectory.FILE_NAMES)
            + ", or unset " + ENV_VAR + " and omit --data-dir to download them into " + cacheDirectory());
      }
      return Mnist.load(dir);
    }
    // Fast path: download what is absent, then let the load's own SHA-256 pass verify the files.
    downloader.ensure(dir, false);
    try {
      Dataset data = Mnist.load(dir, false);
      if (hasKnownSums(data.files())) {
        return data;
      }
    } catch (IdxFormatException e) {
      // Repaired below; if the repair fails, its exception is the one message.
      LOG.info("cached MNIST file is corrupt ({}); checking all cached files", e.getMessage());
    }
    downloader.ensure(dir, true);
    return Mnist.load(dir, false);
  }

  private boolean hasKnownSums(List<DataFile> files) {
    return files.stream().allMatch(f -> f.sha256().equals(downloader.knownSums().get(f.name())));
  }
}
