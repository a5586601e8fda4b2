package io.ib.spark;

import io.ib.run.CellStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A {@link CellStorage} on a Hadoop file system: {@code hdfs://}, {@code s3a://}, {@code gs://},
 * {@code abfs://}, ... (whatever file systems the class path and the Hadoop configuration provide;
 * {@code file://} works too).
 *
 * <p>How a file is published whole: on a file system with an atomic rename (HDFS, local) the bytes go
 * to a temporary name of the writer's own, then are renamed to the final name; on an object store
 * (S3, GCS, Azure, ...), whose rename is a copy, they are written to the final name directly, which
 * an object store makes visible only when the upload completes, whole. Either way the commit protocol
 * writes the completion marker last, so a cell whose marker is missing was never committed.
 */
public final class HadoopCellStorage implements CellStorage {
  /** Schemes of object stores: no atomic rename, but whole-object uploads. */
  static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss",
      "wasb", "wasbs", "oss", "cos", "cosn", "obs");

  private final URI uri;
  private final Path root;
  private final FileSystem fs;
  private final boolean objectStore;

  /**
   * The folder at {@code uri}, through Hadoop's default configuration (plus {@code core-site.xml}
   * on the class path).
   */
  public HadoopCellStorage(URI uri) throws IOException {
    this(uri, new Configuration());
  }

  /** The folder at {@code uri}, through the given Hadoop configuration. */
  public HadoopCellStorage(URI uri, Configuration conf) throws IOException {
    this.uri = uri;
    this.root = new Path(uri);
    this.fs = root.getFileSystem(conf);
    this.objectStore = uri.getScheme() != null && OBJECT_STORES.contains(uri.getScheme());
  }

  @Override
  public String describe() {
    return uri.toString();
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    FileStatus[] all;
    try {
      all = fs.listStatus(root);
    } catch (FileNotFoundException e) {
      return names;
    }
    for (FileStatus f : all) {
      if (f.isFile()) {
        names.add(f.getPath().getName());
      }
    }
    return names;
  }

  @Override
  public byte[] read(String name) throws IOException {
    try (InputStream in = fs.open(new Path(root, name))) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  @Override
  public void publish(String name, byte[] bytes) throws IOException {
    Path target = new Path(root, name);
    if (objectStore) {
      write(target, bytes); // visible when the upload completes, whole
      return;
    }
    Path tmp = new Path(target.getParent(),
        "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    write(tmp, bytes);
    if (!fs.rename(tmp, target)) {
      // HDFS does not rename over an existing file: replace it, then rename again.
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    }
  }

  private void write(Path file, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(bytes);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    fs.delete(new Path(root, name), false);
  }
}
