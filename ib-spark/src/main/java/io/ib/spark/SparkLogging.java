package io.ib.spark;

/**
 * Keeps Spark's and Hadoop's start-up chatter out of ib's output when the logging binding is
 * slf4j-simple (the command line's): their loggers log warnings only, unless the user set a level.
 */
final class SparkLogging {
  private SparkLogging() {}

  static void quiet() {
    for (String prefix : new String[] {"org.apache.spark", "org.sparkproject", "org.apache.hadoop",
        "io.netty", "org.apache.parquet"}) {
      String key = "org.slf4j.simpleLogger.log." + prefix;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }
}
