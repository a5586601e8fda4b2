package io.ib.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.LoggerFactory;

/**
 * Keeps Spark's, Hadoop's and ND4J's start-up chatter (about a hundred INFO lines per sweep) out of
 * ib's output: their loggers log warnings and errors only, unless the user chose their levels. Two
 * logging set-ups are handled: slf4j-simple (ib's command line: the levels are system properties
 * read when each logger is made, so this runs before Spark and ND4J start) and Log4j 2 with Spark's
 * default profile (spark-submit without a log4j2 configuration of the user's; a configuration of
 * the user's is left alone). Under any other binding it does nothing.
 *
 * <p>One error is silenced too: SparkContext's own report of a failed start (a stack trace at
 * ERROR), which the engine turns into one line naming the settings ({@link SparkEngine#start()}).
 * Under Log4j 2 only while the context starts; under slf4j-simple, whose levels are fixed when a
 * logger is made, the SparkContext logger stays at OFF (its other messages are about jars and files
 * it cannot add, which the engine checks itself for local paths, and about stopping).
 */
final class SparkLogging {
  /** The loggers quieted: Spark (and its shaded Jetty), Hadoop, Netty, Parquet, ND4J, JavaCPP. */
  static final List<String> CHATTY = List.of("org.apache.spark", "org.sparkproject",
      "org.apache.hadoop", "io.netty", "org.apache.parquet", "org.nd4j", "org.bytedeco");

  /**
   * Warnings that say nothing a user of ib can act on, kept to errors: Hadoop's native library is
   * optional; a failed start stops a metrics system that never started; a lost task attempt (with
   * its stack trace) is retried, and a task that fails for good ends the sweep with its reason in
   * one line (an executor that cannot load ib's classes included).
   */
  static final List<String> IDLE_WARNINGS = List.of("org.apache.hadoop.util.NativeCodeLoader",
      "org.apache.spark.metrics.MetricsSystem", "org.apache.spark.scheduler.TaskSetManager");

  /** The logger of SparkContext, whose failed start the engine reports itself. */
  static final String CONTEXT = "org.apache.spark.SparkContext";

  private static final String SIMPLE = "org.slf4j.simple.SimpleLoggerFactory";
  private static final String LOG4J = "org.apache.logging.slf4j.Log4jLoggerFactory";

  private SparkLogging() {}

  /** Spark's utilities, whose warnings include the driver host it picks (see {@link #quiet}). */
  static final String UTILS = "org.apache.spark.util.Utils";

  /**
   * Quiets the loggers (see above).
   *
   * @param loopbackDriver whether the engine makes the driver advertise 127.0.0.1 itself: Spark's
   *     two warnings that it would use another address instead do not apply then, and go too
   */
  static void quiet(boolean loopbackDriver) {
    String binding = binding();
    if (binding.equals(SIMPLE)) {
      for (String prefix : CHATTY) {
        setIfAbsent("org.slf4j.simpleLogger.log." + prefix, "warn");
      }
      for (String name : IDLE_WARNINGS) {
        setIfAbsent("org.slf4j.simpleLogger.log." + name, "error");
      }
      if (loopbackDriver) {
        setIfAbsent("org.slf4j.simpleLogger.log." + UTILS, "error");
      }
      setIfAbsent("org.slf4j.simpleLogger.log." + CONTEXT, "off");
    } else if (binding.equals(LOG4J)) {
      Log4j.quiet(loopbackDriver);
    }
  }

  /** Starts Spark with SparkContext's report of a failed start silenced (see above). */
  static <T> T starting(Supplier<T> start) {
    return binding().equals(LOG4J) ? Log4j.silencing(CONTEXT, start) : start.get();
  }

  private static String binding() {
    return LoggerFactory.getILoggerFactory().getClass().getName();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Log4j 2, in a class of its own: loaded only where Log4j's core is the binding. */
  private static final class Log4j {
    static void quiet(boolean loopbackDriver) {
      if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
        return;
      }
      Configuration config = context.getConfiguration();
      String source = config.getConfigurationSource().getLocation();
      if (source == null || !source.contains("org/apache/spark/log4j2")) {
        return; // the user's own configuration decides
      }
      Map<String, Level> levels = new HashMap<>();
      for (String name : CHATTY) {
        if (!config.getLoggerConfig(name).getLevel().isMoreSpecificThan(Level.WARN)) {
          levels.put(name, Level.WARN);
        }
      }
      List<String> errorsOnly = new java.util.ArrayList<>(IDLE_WARNINGS);
      if (loopbackDriver) {
        errorsOnly.add(UTILS);
      }
      for (String name : errorsOnly) {
        if (!config.getLoggerConfig(name).getLevel().isMoreSpecificThan(Level.ERROR)) {
          levels.put(name, Level.ERROR);
        }
      }
      Configurator.setLevel(levels);
    }

    static <T> T silencing(String logger, Supplier<T> body) {
      if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
        return body.get();
      }
      var config = context.getConfiguration();
      boolean own = config.getLoggers().containsKey(logger);
      Level before = config.getLoggerConfig(logger).getLevel();
      Configurator.setLevel(logger, Level.OFF);
      try {
        return body.get();
      } finally {
        if (own) {
          Configurator.setLevel(logger, before);
        } else {
          // The logger had no configuration of its own: it inherits again.
          config.removeLogger(logger);
          context.updateLoggers();
        }
      }
    }
  }
}
