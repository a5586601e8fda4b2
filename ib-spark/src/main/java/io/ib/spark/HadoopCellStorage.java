package io.ib.spark;

import io.ib.run.CellStorage;
import io.ib.run.RenamingCellStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * A {@link CellStorage} on a Hadoop file system: {@code hdfs://}, {@code s3a://}, {@code gs://},
 * {@code abfs://}, ... (whatever file systems the class path and the Hadoop configuration provide;
 * {@code file://} works too).
 *
 * <p>How a file is published whole: on a file system with an atomic rename (HDFS, local) the bytes
 * go to a temporary name of the writer's own, then are renamed over the final name ({@link
 * RenamingCellStorage}; on HDFS a rename with overwrite, which replaces in one step); on an object
 * store (S3, GCS, Azure, ...), whose rename is a copy, they are written to the final name directly,
 * which an object store makes visible only when the upload completes, whole. Either way the commit
 * protocol writes the completion marker last, so a cell whose marker is missing was never
 * committed.
 */
public final class HadoopCellStorage extends RenamingCellStorage {
  /** Schemes of object stores: no atomic rename, but whole-object uploads. */
  static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss",
      "wasb", "wasbs", "oss", "cos", "cosn", "obs");

  /** The Hadoop module that brings a scheme's file system, for the message when it is missing. */
  private static final Map<String, String> MODULES = Map.ofEntries(
      Map.entry("s3a", "org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion()
          + " (with the AWS SDK bundle it names)"),
      Map.entry("abfs", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion()),
      Map.entry("abfss", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion()),
      Map.entry("wasb", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion()),
      Map.entry("wasbs", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion()),
      Map.entry("gs", "com.google.cloud.bigdataoss:gcs-connector (the hadoop3 shaded jar)"),
      Map.entry("oss", "org.apache.hadoop:hadoop-aliyun:" + VersionInfo.getVersion()),
      Map.entry("cosn", "org.apache.hadoop:hadoop-cos:" + VersionInfo.getVersion()),
      Map.entry("obs", "org.apache.hadoop:hadoop-huaweicloud:" + VersionInfo.getVersion()));

  private final URI uri;
  private final Path root;
  private final FileSystem fs;
  private final boolean objectStore;

  /**
   * The folder at {@code uri}, through Hadoop's default configuration (plus {@code core-site.xml}
   * on the class path).
   *
   * @throws IOException as {@link #HadoopCellStorage(URI, Configuration)}
   */
  public HadoopCellStorage(URI uri) throws IOException {
    this(uri, new Configuration());
  }

  /**
   * The folder at {@code uri}, through the given Hadoop configuration.
   *
   * @throws IOException if the file system cannot be reached, or the class path has none for the
   *     URI's scheme (the message says which module brings it)
   */
  public HadoopCellStorage(URI uri, Configuration conf) throws IOException {
    this.uri = uri;
    this.root = new Path(uri);
    this.fs = fileSystem(uri, root, conf);
    this.objectStore = uri.getScheme() != null && OBJECT_STORES.contains(uri.getScheme());
  }

  /**
   * Hadoop's file system for the URI. A scheme whose implementation is not on the class path fails
   * in Hadoop with a bare ClassNotFoundException (s3a: core-default.xml names S3AFileSystem, which
   * hadoop-aws brings) or "No FileSystem for scheme": both become one line saying what to add.
   */
  private static FileSystem fileSystem(URI uri, Path root, Configuration conf) throws IOException {
    try {
      return root.getFileSystem(conf);
    } catch (UnsupportedFileSystemException e) {
      throw missing(uri, null);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ClassNotFoundException) {
          throw missing(uri, t.getMessage());
        }
      }
      throw e;
    }
  }

  private static IOException missing(URI uri, String missingClass) {
    String scheme = uri.getScheme();
    String module = MODULES.get(scheme);
    return new IOException("no Hadoop file system for " + scheme + ":// on the class path"
        + (missingClass != null ? " (" + missingClass.replaceFirst("^Class ", "")
            .replaceFirst(" not found$", "") + " is missing)" : "") + ": add "
        + (module != null ? module : "the Hadoop module for " + scheme + "://")
        + " to the driver and the executors (e.g. spark-submit --packages, or --spark-conf"
        + " spark.jars=...), or write to another --out");
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

  /** On an object store one upload to the final name; elsewhere a temporary name and a rename. */
  @Override
  public void publish(String name, byte[] bytes) throws IOException {
    if (objectStore) {
      write(name, bytes); // visible when the upload completes, whole
    } else {
      super.publish(name, bytes);
    }
  }

  @Override
  protected void write(String name, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(root, name), true)) {
      out.write(bytes);
    }
  }

  @Override
  protected void replace(String from, String to) throws IOException {
    Path source = new Path(root, from);
    Path target = new Path(root, to);
    if (!fs.rename(source, target)) {
      // HDFS does not rename onto an existing file; its rename with OVERWRITE replaces it in one
      // step (other file systems emulate it: delete, then rename).
      FileUtil.rename(fs, source, target, Options.Rename.OVERWRITE);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    fs.delete(new Path(root, name), false);
  }

  @Override
  public void removeIfEmpty() throws IOException {
    FileStatus[] all;
    try {
      all = fs.listStatus(root);
    } catch (FileNotFoundException e) {
      return;
    }
    if (all.length == 0) {
      fs.delete(root, false);
    }
  }
}
