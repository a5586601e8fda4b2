package io.ib.mnist;

import io.ib.data.DataFile;
import io.ib.data.files.Sha256;
import io.ib.data.idx.PublishedMnist;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads files with known SHA-256 sums from a list of HTTPS mirrors, tried in order.
 *
 * <p>Each file is written to a temporary file in the target directory, checked against its known sum
 * and then moved into place with an atomic rename, so a file under its final name is always complete
 * and verified; the temporary file is deleted on any failure. An HTTP error status, a connection cut
 * off mid-body, a timeout or a wrong sum moves on to the next mirror. Progress is logged through SLF4J
 * at INFO (one line per file, naming the mirrors that failed before the one that served it); a
 * mirror's failure is logged at DEBUG only, and when every mirror fails, the one exception says
 * what each did: nothing is logged at WARN for a download that ends in that exception. Nothing is
 * printed.
 *
 * <p>Immutable and safe to share between threads (two threads downloading the same file into the same
 * directory each rename a verified copy into place).
 */
public final class MnistDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(MnistDownloader.class);

  /** Public MNIST mirrors, in the order tried. */
  public static final List<URI> DEFAULT_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));
  /** Time allowed to open a connection to a mirror. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
  /** Time allowed for one whole file from one mirror (headers and body). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final List<URI> mirrors;
  private final Map<String, String> sha256ByName;
  private final Duration requestTimeout;
  private final HttpClient client;

  /**
   * Creates a downloader.
   *
   * @param mirrors base URIs, tried in order; a file's URI is the base plus its name (a missing
   *     trailing {@code /} is added)
   * @param sha256ByName the files this downloader may fetch: name to lower-case hex SHA-256
   * @param connectTimeout time allowed to connect, positive
   * @param requestTimeout time allowed for one file from one mirror, positive
   * @throws IllegalArgumentException if there is no mirror, a sum is not 64 lower-case hex digits, or a
   *     timeout is not positive
   */
  public MnistDownloader(List<URI> mirrors, Map<String, String> sha256ByName, Duration connectTimeout,
      Duration requestTimeout) {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("at least one mirror is needed");
    }
    this.mirrors = mirrors.stream()
        .map(m -> m.toString().endsWith("/") ? m : URI.create(m + "/")).toList();
    sha256ByName.forEach((name, sum) -> {
      if (!sum.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("SHA-256 of " + name + " must be 64 lower-case hex digits, got '"
            + sum + "'");
      }
    });
    this.sha256ByName = Map.copyOf(sha256ByName);
    requirePositive(connectTimeout, "connectTimeout");
    this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL) // mirrors redirect; NORMAL never downgrades to http
        .build();
  }

  /**
   * The MNIST files with their published sums ({@link PublishedMnist#SHA256}) on
   * {@link #DEFAULT_MIRRORS} with default timeouts.
   */
  public static MnistDownloader defaults() {
    return new MnistDownloader(DEFAULT_MIRRORS, PublishedMnist.SHA256, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** The mirrors, in the order tried, each ending with {@code /}. */
  public List<URI> mirrors() {
    return mirrors;
  }

  /** The files this downloader knows: name to lower-case hex SHA-256. */
  public Map<String, String> knownSums() {
    return sha256ByName;
  }

  /**
   * Makes every known file present and verified in a directory: absent files are downloaded; when
   * {@code verifyExisting} is true, present files are hashed and re-downloaded if their sum is wrong.
   *
   * @param directory target directory, created if needed
   * @param verifyExisting whether to hash files already present
   * @throws IOException if a file cannot be obtained from any mirror (see {@link #download})
   */
  public void ensure(Path directory, boolean verifyExisting) throws IOException {
    for (String name : sha256ByName.keySet().stream().sorted().toList()) {
      Path target = directory.resolve(name);
      if (Files.isRegularFile(target)) {
        if (!verifyExisting) {
          continue;
        }
        String sum = Sha256.of(target);
        if (sum.equals(sha256ByName.get(name))) {
          continue;
        }
        LOG.info("cached {} has SHA-256 {}, expected {}; downloading it again", target, sum,
            sha256ByName.get(name));
      }
      download(name, directory);
    }
  }

  /**
   * Downloads one known file into a directory, replacing any file of that name.
   *
   * @param name a key of {@link #knownSums()}
   * @param directory target directory, created if needed
   * @return the identity of the verified file
   * @throws IOException if every mirror fails; the message names the file, each mirror tried with its
   *     reason, and how to provide the file by hand
   * @throws IllegalArgumentException if {@code name} is not a known file
   */
  public DataFile download(String name, Path directory) throws IOException {
    String expected = sha256ByName.get(name);
    if (expected == null) {
      throw new IllegalArgumentException("no known SHA-256 for '" + name + "'; known: "
          + sha256ByName.keySet());
    }
    Files.createDirectories(directory);
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI uri = mirror.resolve(name);
      Path temp = Files.createTempFile(directory, name + ".", ".part");
      try {
        fetch(uri, temp);
        String sum = Sha256.of(temp);
        long bytes = Files.size(temp);
        if (sum.equals(expected)) {
          Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
          LOG.info("downloaded {} ({} bytes, SHA-256 {}) from {}{}", name, bytes, sum, uri,
              failures.isEmpty() ? "" : " after " + String.join("; ", failures));
          return new DataFile(name, sum, bytes);
        }
        failures.add(uri + ": SHA-256 mismatch (expected " + expected + ", got " + sum + " for "
            + bytes + " bytes)");
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e; // the caller wants to stop, not to try the next mirror
        }
        failures.add(uri + ": " + reason(e));
      } finally {
        deleteQuietly(temp);
      }
      // Not a warning: the next mirror may serve the file, and if none does, the exception says this.
      LOG.debug("could not download {}: {}", name, failures.get(failures.size() - 1));
    }
    throw new IOException("could not download " + name + " into " + directory + " from any mirror: "
        + String.join("; ", failures) + ". Download the file by hand (SHA-256 " + expected
        + ") into a directory with the other MNIST files and pass --data-dir DIR or set IB_DATA_DIR=DIR");
  }

  /** Writes the body of a 200 response to {@code temp}, within the request timeout overall. */
  private void fetch(URI uri, Path temp) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    CompletableFuture<HttpResponse<Path>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofFile(temp));
    HttpResponse<Path> response;
    try {
      // The request timeout bounds the wait for headers only; this bounds the body as well.
      response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("timed out after " + requestTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading " + uri);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
  }

  /** The exception type and the first message found along its causes (some JDK exceptions have none). */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return e.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("could not delete temporary file {}: {}", temp, e.toString());
    }
  }

  private static Duration requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
