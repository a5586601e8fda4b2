package io.ib.run;

import java.util.Locale;

/** Where a run stands, as its manifest records it. */
public enum RunStatus {
  /** Cells are running, or the run stopped before it ended: resume it to finish. */
  RUNNING,
  /** Every cell finished and the run was completed. */
  COMPLETE,
  /** The run stopped on an error (recorded with it); it may be resumed once the cause is fixed. */
  FAILED;

  /** The text in {@code sweep.json}: {@code running}, {@code complete} or {@code failed}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a text written by {@link #id()}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static RunStatus parse(String text) {
    for (RunStatus s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status '" + text + "' is not running, complete or failed");
  }
}
