package io.ib.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * How a contender is run in one section of the benchmark.
 *
 * @param contender ib, libtorch or dl4j
 * @param section the cores the section gives every contender (1, or all of them)
 * @param kind one JVM with {@code threads} threads, ib's cells sharing the cores, or a pool of 1-thread JVMs
 * @param threads threads per JVM (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS, and
 *     libtorch's {@code at::set_num_threads})
 * @param workers ib's cells in parallel, or JVMs in the pool (1 for a single JVM)
 */
record Variant(String contender, int section, Kind kind, int threads, int workers) {
  enum Kind { JVM, IB_CELLS, JVM_POOL }

  /** The variants of a section of {@code cores} cores. */
  static List<Variant> of(int cores, List<String> contenders) {
    List<Variant> r = new ArrayList<>();
    for (String c : contenders) {
      if (cores == 1) {
        r.add(new Variant(c, 1, Kind.JVM, 1, 1));
      } else if (c.equals("ib")) {
        r.add(new Variant(c, cores, Kind.IB_CELLS, 1, cores));
      } else {
        r.add(new Variant(c, cores, Kind.JVM, cores, 1));
        r.add(new Variant(c, cores, Kind.JVM_POOL, 1, cores));
      }
    }
    return r;
  }

  /** A short name for tables, e.g. "libtorch 2 JVMs x 1 thr". */
  String label() {
    return switch (kind) {
      case JVM -> section == 1 ? contender : contender + " 1 JVM x " + threads + " thr";
      case IB_CELLS -> contender + " " + workers + " cores x 1 thr";
      case JVM_POOL -> contender + " " + workers + " JVMs x 1 thr";
    };
  }

  /** What a reader needs to know about how it ran. */
  String description() {
    return switch (kind) {
      case JVM -> section == 1 ? "one JVM, 1 thread"
          : "one JVM, " + threads + " threads" + (contender.equals("libtorch")
              ? " (at::set_num_threads(" + threads + "), OMP/OpenBLAS " + threads + ")"
              : " (ND4J OpenMP and OpenBLAS " + threads + ")");
      case IB_CELLS -> "the library's sweep with parallelism(" + workers + "): each cell on its own"
          + " Java thread with 1 ND4J/BLAS thread, at most " + workers + " computing at once; the"
          + " last cells start together and take turns";
      case JVM_POOL -> workers + " concurrent JVMs of 1 thread; each free JVM takes the next width in"
          + " order; wall = first width handed out to last width done";
    };
  }
}
