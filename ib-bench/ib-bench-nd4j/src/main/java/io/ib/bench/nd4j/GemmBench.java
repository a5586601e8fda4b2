package io.ib.bench.nd4j;

import io.ib.bench.common.Json;
import io.ib.bench.common.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J GEMM throughput for the shapes that dominate the sweep, float32, with
 * {@code Nd4j.gemm(a, b, c, transA, transB, 1, 0)} into a preallocated result (what ib's {@code Mlp}
 * calls): warm-up, then repetitions of a batch of calls; the median and the best time per call.
 *
 * <p>With {@code --parallel 2} it also runs the same calls on two Java threads at once, each on its
 * own arrays (meant for OMP_NUM_THREADS=1: "two cells in parallel"), and reports the aggregate
 * throughput.
 */
final class GemmBench {
  private GemmBench() {}

  /** A GEMM C (m x n) = op(A) op(B) with inner dimension k. */
  record Shape(String name, int m, int k, int n, boolean transA) {
    double flops() {
      return 2.0 * m * k * n;
    }
  }

  /** The sweep's dominant GEMMs (first layer, batch 256, and the test-set forward). */
  static final List<Shape> SHAPES = List.of(
      new Shape("fwd 256x784 * 784x256", 256, 784, 256, false),
      new Shape("bwd-W (256x784)^T * 256x256", 784, 256, 256, true),
      new Shape("test 10000x784 * 784x256", 10000, 784, 256, false));

  static void run(Map<String, String> o) throws Exception {
    int reps = Integer.parseInt(o.getOrDefault("reps", "30"));
    int parallel = Integer.parseInt(o.getOrDefault("parallel", "1"));
    List<Object> results = new ArrayList<>();
    for (Shape s : SHAPES) {
      int batch = s.m() >= 10000 ? 2 : 10;
      Operands ops = new Operands(s);
      double[] perCall = time(ops, s, reps, batch);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("shape", s.name());
      r.put("flops", s.flops());
      r.put("threads", "BLAS " + Nd4j.factory().blas().getMaxThreads());
      r.put("msMedian", Stats.median(perCall) * 1e3);
      r.put("msMin", Stats.min(perCall) * 1e3);
      r.put("msMax", Stats.max(perCall) * 1e3);
      r.put("gflopsMedian", s.flops() / Stats.median(perCall) / 1e9);
      r.put("gflopsBest", s.flops() / Stats.min(perCall) / 1e9);
      results.add(r);
      if (parallel > 1) {
        double[] wall = timeParallel(s, parallel, reps, batch);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("shape", s.name());
        p.put("flops", s.flops());
        p.put("threads", parallel + " Java threads x BLAS " + Nd4j.factory().blas().getMaxThreads());
        // Per call of one thread; aggregate throughput counts every thread's work.
        p.put("msMedian", Stats.median(wall) * 1e3);
        p.put("msMin", Stats.min(wall) * 1e3);
        p.put("msMax", Stats.max(wall) * 1e3);
        p.put("gflopsMedian", parallel * s.flops() / Stats.median(wall) / 1e9);
        p.put("gflopsBest", parallel * s.flops() / Stats.min(wall) / 1e9);
        results.add(p);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", Nd4jThreads.settings());
    out.put("gemm", results);
    Json.emitResult(out);
  }

  /** Preallocated operands of one shape. */
  static final class Operands {
    final INDArray a;
    final INDArray b;
    final INDArray c;

    Operands(Shape s) {
      a = s.transA() ? Nd4j.rand(DataType.FLOAT, s.k(), s.m()) : Nd4j.rand(DataType.FLOAT, s.m(), s.k());
      b = Nd4j.rand(DataType.FLOAT, s.k(), s.n());
      c = Nd4j.createUninitialized(DataType.FLOAT, s.m(), s.n());
    }

    void call(Shape s) {
      Nd4j.gemm(a, b, c, s.transA(), false, 1.0, 0.0);
    }
  }

  /** Seconds per call, one value per repetition (each a batch of calls), after warm-up. */
  static double[] time(Operands ops, Shape s, int reps, int batch) {
    for (int i = 0; i < 3; i++) {
      ops.call(s);
    }
    double[] perCall = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        ops.call(s);
      }
      perCall[r] = (System.nanoTime() - t0) / 1e9 / batch;
    }
    return perCall;
  }

  /**
   * Wall seconds per call when {@code threads} Java threads call concurrently, per repetition: from
   * the first worker's start to the last worker's end, each read by the workers themselves (a
   * coordinating thread would compete with them for the cores and read its clock late).
   */
  static double[] timeParallel(Shape s, int threads, int reps, int batch) throws Exception {
    Operands[] ops = new Operands[threads];
    for (int t = 0; t < threads; t++) {
      ops[t] = new Operands(s);
    }
    long[][] starts = new long[reps][threads];
    long[][] ends = new long[reps][threads];
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Operands mine = ops[t];
      int id = t;
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < 3; i++) {
            mine.call(s);
          }
          for (int r = 0; r < reps; r++) {
            start.await();
            starts[r][id] = System.nanoTime();
            for (int i = 0; i < batch; i++) {
              mine.call(s);
            }
            ends[r][id] = System.nanoTime();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      th.setDaemon(true);
      th.start();
      workers.add(th);
    }
    for (Thread th : workers) {
      th.join();
    }
    double[] wall = new double[reps];
    for (int r = 0; r < reps; r++) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (int t = 0; t < threads; t++) {
        first = Math.min(first, starts[r][t]);
        last = Math.max(last, ends[r][t]);
      }
      wall[r] = (last - first) / 1e9 / batch;
    }
    return wall;
  }
}
