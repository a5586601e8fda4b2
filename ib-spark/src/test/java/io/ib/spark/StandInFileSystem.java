package io.ib.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code ibtest://}: a stand-in for a remote Hadoop file
 * system, so that tests exercise the code path of {@code hdfs://} or {@code s3a://} output without
 * one.
 */
public final class StandInFileSystem extends RawLocalFileSystem {
  @Override
  public URI getUri() {
    return URI.create("ibtest:///");
  }

  @Override
  public String getScheme() {
    return "ibtest";
  }
}
