package io.ib.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class CoreShareTest {
  @Test
  void fillsTheCoresThenStartsTheLastCellsTogether() {
    CoreShare two = new CoreShare(2);
    assertEquals(2, two.cellsToStart(5, 0)); // the default sweep: cells 1 and 2 first
    assertEquals(3, two.cellsToStart(3, 1)); // then the last three at once
    assertEquals(2, two.cellsToStart(4, 0)); // four cells: two rounds of two
    assertEquals(2, two.cellsToStart(2, 0));
    assertEquals(1, two.cellsToStart(9, 1)); // one per freed core while many remain
    assertEquals(0, two.cellsToStart(9, 2));
    assertEquals(3, two.cellsToStart(3, 0)); // three cells share two cores from the start
    assertEquals(0, two.cellsToStart(0, 1));
    CoreShare one = new CoreShare(1);
    assertEquals(1, one.cellsToStart(5, 0));
    assertEquals(0, one.cellsToStart(4, 1)); // one core: strictly one cell after another
    assertEquals(1, one.cellsToStart(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new CoreShare(0));
  }

  /** The makespan of equal cells under the start rule, in units of one cell's work on one core. */
  @Test
  void equalCellsKeepEveryCoreBusyToTheEnd() {
    for (int cores = 1; cores <= 4; cores++) {
      for (int cells = 1; cells <= 12; cells++) {
        double ideal = Math.max(1.0, cells / (double) cores);
        assertEquals(ideal, simulate(new CoreShare(cores), cores, cells), 1e-9,
            cells + " cells on " + cores + " cores");
      }
    }
  }

  /** Processor sharing: the cells in progress split the cores evenly. */
  private static double simulate(CoreShare share, int cores, int cells) {
    List<Double> left = new ArrayList<>();
    int next = 0;
    double time = 0;
    while (true) {
      int start = share.cellsToStart(cells - next, left.size());
      for (int i = 0; i < start; i++, next++) {
        left.add(1.0);
      }
      if (left.isEmpty()) {
        return time;
      }
      double rate = Math.min(1.0, cores / (double) left.size());
      double first = left.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      time += first / rate;
      List<Double> after = new ArrayList<>();
      for (double l : left) {
        if (l - first > 1e-12) {
          after.add(l - first);
        }
      }
      left = after;
    }
  }

  @Test
  void atMostCoresCellsComputeAndWaitingCellsGetTurns() throws Exception {
    CoreShare share = new CoreShare(2);
    int threads = 3;
    int steps = 10 * CoreShare.TURN_STEPS;
    AtomicInteger active = new AtomicInteger();
    AtomicInteger maxActive = new AtomicInteger();
    AtomicIntegerArray done = new AtomicIntegerArray(threads);
    AtomicInteger othersWhenFirstFinished = new AtomicInteger(-1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          share.acquire();
          try {
            for (int s = 1; s <= steps; s++) {
              maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
              long until = System.nanoTime() + 200_000;
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              active.decrementAndGet();
              done.set(id, s);
              share.endOfStep(s);
            }
            int least = Integer.MAX_VALUE;
            for (int o = 0; o < threads; o++) {
              least = Math.min(least, done.get(o));
            }
            othersWhenFirstFinished.compareAndSet(-1, least);
          } finally {
            share.release();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertTrue(maxActive.get() <= 2, "cells computing at once: " + maxActive.get());
    // Turns of TURN_STEPS keep the cells within a few turns of each other; without them the
    // third cell would not have started when the first finished.
    assertTrue(othersWhenFirstFinished.get() >= steps / 2,
        "least progress when the first cell finished: " + othersWhenFirstFinished.get());
  }
}
