package io.ib.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Counts the tasks of the driver it is registered with ({@code spark.extraListeners}), so that a
 * test can act while tasks run (kill a Worker) and check afterwards that some failed and were
 * retried, or how many ran. Also used by ib-cli's tests (ib-spark's test jar).
 */
public final class KillSwitch extends SparkListener {
  /** Tasks running now. */
  public static final AtomicInteger RUNNING = new AtomicInteger();
  /** Tasks that ended well. */
  public static final AtomicInteger SUCCEEDED = new AtomicInteger();
  /** Tasks that failed (lost with their executor, or thrown). */
  public static final AtomicInteger FAILED = new AtomicInteger();

  /** Zero counts, before a sweep. */
  public static void reset() {
    RUNNING.set(0);
    SUCCEEDED.set(0);
    FAILED.set(0);
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    RUNNING.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    RUNNING.decrementAndGet();
    if (end.taskInfo().successful()) {
      SUCCEEDED.incrementAndGet();
    } else {
      FAILED.incrementAndGet();
    }
  }
}
