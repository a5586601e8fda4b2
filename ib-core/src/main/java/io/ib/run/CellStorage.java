package io.ib.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * A flat folder where the cells of a sweep that run elsewhere (Spark tasks, job-array tasks) commit
 * their results (see {@link CellCommits}): a local directory, or through a {@link Provider} any
 * other store (ib-spark adds Hadoop's {@code hdfs://}, {@code s3a://}, ...).
 *
 * <p>The one promise the commit protocol needs: {@link #publish} makes a file appear whole or not at
 * all, to any reader. A local directory writes a temporary file and renames it; an object store
 * uploads the object in one request.
 */
public interface CellStorage {
  /** Where it is, for messages. */
  String describe();

  /** The names of the files it holds (no directories), in no particular order; empty if none. */
  List<String> list() throws IOException;

  /** A whole file, or null if it does not exist. */
  byte[] read(String name) throws IOException;

  /** Writes a file whole, replacing one of the same name: readers see the old bytes or the new. */
  void publish(String name, byte[] bytes) throws IOException;

  /** Deletes a file if it exists. */
  void delete(String name) throws IOException;

  /** Makes storages for a URI scheme other than {@code file}, found with {@link ServiceLoader}. */
  interface Provider {
    /** True if it handles the URI (e.g. its scheme is {@code hdfs}). */
    boolean handles(URI uri);

    /** The storage at the URI (a folder, created on the first write if needed). */
    CellStorage open(URI uri) throws IOException;
  }

  /**
   * The storage at a URI: a {@code file:} URI is a local directory, anything else goes to the first
   * {@link Provider} that handles it.
   *
   * @throws IOException if no provider handles the scheme (the message names it)
   */
  static CellStorage open(URI uri) throws IOException {
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return local(uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri));
    }
    for (Provider p : ServiceLoader.load(Provider.class, CellStorage.class.getClassLoader())) {
      if (p.handles(uri)) {
        return p.open(uri);
      }
    }
    throw new IOException("no storage for " + uri + " (scheme " + uri.getScheme() + "): ib-spark"
        + " on the class path adds Hadoop's file systems");
  }

  /** A local directory (created on the first write); a file appears by an atomic rename. */
  static CellStorage local(Path directory) {
    return new CellStorage() {
      @Override
      public String describe() {
        return directory.toString();
      }

      @Override
      public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
          return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
          for (Path p : files) {
            if (Files.isRegularFile(p)) {
              names.add(p.getFileName().toString());
            }
          }
        }
        return names;
      }

      @Override
      public byte[] read(String name) throws IOException {
        try {
          return Files.readAllBytes(directory.resolve(name));
        } catch (NoSuchFileException e) {
          return null;
        }
      }

      @Override
      public void publish(String name, byte[] bytes) throws IOException {
        if (!Files.isDirectory(directory)) {
          Disk.createDirectories(directory);
        }
        // A name of its own per writer: two attempts of one cell never write into the same file.
        Path tmp = directory.resolve(CellCommits.temporaryName(name, UUID.randomUUID().toString()));
        Disk.write(tmp, bytes);
        Disk.move(tmp, directory.resolve(name));
      }

      @Override
      public void delete(String name) throws IOException {
        Disk.deleteIfExists(directory.resolve(name));
      }
    };
  }
}
