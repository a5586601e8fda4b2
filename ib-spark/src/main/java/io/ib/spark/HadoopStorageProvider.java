package io.ib.spark;

import io.ib.run.CellStorage;
import io.ib.run.CellStorages;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/** Hadoop file systems for {@link CellStorages#open}: every URI scheme but {@code file}. */
public final class HadoopStorageProvider implements CellStorage.Provider {
  private static final String PREFIX = "spark.hadoop.";

  @Override
  public boolean handles(URI uri) {
    return uri.getScheme() != null && !uri.getScheme().equals("file");
  }

  /**
   * The storage through Hadoop's configuration, with the {@code spark.hadoop.*} settings of the
   * Spark application this process belongs to (e.g. S3 credentials set with spark-submit's {@code
   * --conf} or ib's {@code --spark-conf}), or, before its context starts, those of the system
   * properties (where spark-submit puts them).
   *
   * @throws IOException as {@link HadoopCellStorage#HadoopCellStorage(URI, Configuration)}
   */
  @Override
  public CellStorage open(URI uri) throws IOException {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        if (kv._1().startsWith(PREFIX)) {
          conf.set(kv._1().substring(PREFIX.length()), kv._2());
        }
      }
    } else {
      System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
          .forEach(k -> conf.set(k.substring(PREFIX.length()), System.getProperty(k)));
    }
    return new HadoopCellStorage(uri, conf);
  }
}
