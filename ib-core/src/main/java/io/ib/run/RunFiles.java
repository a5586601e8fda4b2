package io.ib.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The files of a run directory, by name, and the checks and helpers for choosing one. A run
 * directory holds {@value #MANIFEST} (see {@link RunManifest}), {@value #MEASUREMENTS} (see
 * {@link MeasurementRow}), optionally {@code snapshots/} (saved activations), and what ib-report
 * writes: {@value #REPORT}, {@value #COMPRESSION} and {@value #PLOTS}/.
 */
public final class RunFiles {
  /** The manifest. */
  public static final String MANIFEST = "sweep.json";
  /** The measurements. */
  public static final String MEASUREMENTS = "measurements.csv";
  /** The HTML report (ib-report writes it). */
  public static final String REPORT = "report.html";
  /** The compression summary (ib-report writes it). */
  public static final String COMPRESSION = "compression.csv";
  /** The folder of plots (ib-report writes it). */
  public static final String PLOTS = "plots";
  /** The folder where cells that run as tasks commit until the run adopts them. */
  public static final String CELLS = "cells";
  /** The lock file: a run directory is locked while a process works in it. */
  public static final String LOCK = ".ib-lock";
  /** The names of the plot files ib writes into {@value #PLOTS}. */
  public static final Pattern PLOT_FILE = RunLayout.PLOT_FILE;

  private RunFiles() {}

  /**
   * Checks that a new run may be written into a directory, before anything is loaded or trained: it
   * must not exist, be empty, hold only what a run stopped before it started leaves, or, with
   * {@code overwrite}, hold an earlier ib run and nothing else (whose files are then replaced).
   *
   * @throws IllegalArgumentException if it is not a directory, holds files ib did not write, or holds
   *     a run and {@code overwrite} is false (the message says which and what to do)
   * @throws IOException if it cannot be read
   */
  public static void checkNewRun(Path directory, boolean overwrite) throws IOException {
    if (directory.toString().isBlank()) {
      throw new IllegalArgumentException("the output directory is empty: give a directory name");
    }
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(directory + " exists and is not a directory");
    }
    if (Files.isDirectory(directory)) {
      RunLayout.checkNewRun(directory, overwrite);
    }
  }

  /**
   * A new directory {@code parent/<date-time>} (e.g. {@code runs/20261207-081500}), with a suffix
   * -2, -3, ... when another run took that name in the same second: created here, atomically, so
   * that two runs never share one.
   *
   * @throws IOException if it cannot be created
   */
  public static Path newRunDirectory(Path parent) throws IOException {
    Files.createDirectories(parent);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    for (int i = 1; ; i++) {
      Path candidate = parent.resolve(i == 1 ? stamp : stamp + "-" + i);
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }

  /**
   * Checks that no process (this one or another) works in a run directory now, e.g. before loading
   * the data to resume it: the check takes the directory's lock and releases it at once.
   *
   * @throws IOException naming the process that holds it
   */
  public static void checkNotInUse(Path directory) throws IOException {
    RunLock.acquire(directory, "a check").close();
  }

  /**
   * Locks a run directory for writing its report (what ib-report does), first finishing or
   * discarding a change that a stop interrupted. Close the lock when the report is written.
   *
   * @throws IOException if the directory is in use or cannot be recovered
   */
  public static RunLock lockForReport(Path directory) throws IOException {
    RunLock lock = RunLock.acquire(directory, "ib report");
    try {
      if (Files.isRegularFile(directory.resolve(MANIFEST))) {
        RunLayout.recoverLocked(directory);
      }
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }
}
