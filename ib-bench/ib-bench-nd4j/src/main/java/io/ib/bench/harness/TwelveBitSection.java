package io.ib.bench.harness;

import io.ib.bench.common.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * {@code ./bench --twelve-bit PATH/var_u.mat}: the 12-bit experiment of Shwartz-Ziv &amp; Tishby
 * (2017), 8 seeds x 8000 epochs of the 12-10-7-5-4-3-2 tanh network, in ib and in libtorch on the same
 * training samples, batch order and initial weights, alternating over repetitions. ib runs its sweep
 * (training, a forward pass over all 4096 samples and IDNNs' binning of every layer at the 274 logged
 * epochs) on both cores; libtorch trains the same seeds in two one-thread processes, half the seeds
 * each, with the same forward passes and no estimation. Times are each contender's own clock around
 * the work (data already loaded); the JVM's wall is printed beside them.
 */
final class TwelveBitSection {
  private final Child child;
  private final Path data;
  private final Path workload;
  private final int seeds;
  private final int epochs;
  private final int reps;
  private final Consumer<String> progress;

  TwelveBitSection(Child child, Path data, Path workload, int seeds, int epochs, int reps,
      Consumer<String> progress) {
    this.child = child;
    this.data = data;
    this.workload = workload;
    this.seeds = seeds;
    this.epochs = epochs;
    this.reps = reps;
    this.progress = progress;
  }

  String run() throws IOException {
    List<String> common = List.of("--data", data.toString(), "--seeds", String.valueOf(seeds),
        "--epochs", String.valueOf(epochs));
    progress.accept("writing the 12-bit workload to " + workload);
    Child.Outcome prep = child.run(Child.ND4J, 1, Bench.concat(List.of("twelve-prepare",
        "--workload", workload.toString()), common), "12-bit prepare");
    if (!prep.ok()) {
      throw new IOException("could not write the 12-bit workload: " + prep.failure());
    }
    List<double[]> pairs = new ArrayList<>(); // ib wall, libtorch wall
    List<String> lines = new ArrayList<>();
    List<Double> ibAccuracy = new ArrayList<>();
    List<Double> torchAccuracy = new ArrayList<>();
    for (int rep = 1; rep <= reps; rep++) {
      double ib = Double.NaN;
      double torch = Double.NaN;
      for (int k = 0; k < 2; k++) {
        boolean ibTurn = (k + rep) % 2 == 1;
        if (ibTurn) {
          progress.accept("ib, 12-bit, repetition " + rep + "/" + reps + " ...");
          Child.Outcome r = child.run(Child.ND4J, 1, Bench.concat(List.of("twelve-ib",
              "--parallel", "2"), common), "12-bit ib");
          if (!r.ok()) {
            throw new IOException("ib failed: " + r.failure());
          }
          ib = r.result().get("wallSeconds").asDouble();
          r.result().get("finalAccuracy").forEach(a -> ibAccuracy.add(a.asDouble()));
          progress.accept(String.format(Locale.ROOT, "  %.1f s (JVM %.1f s)", ib, r.wallSeconds()));
        } else {
          progress.accept("libtorch, 12-bit, 2 processes, repetition " + rep + "/" + reps + " ...");
          double[] walls = new double[2];
          double[] jvm = new double[2];
          List<CompletableFuture<Child.Outcome>> halves = new ArrayList<>();
          for (int h = 0; h < 2; h++) {
            int half = h;
            String list = String.join(",", LongStream.rangeClosed(1, seeds)
                .filter(s -> (s - 1) % 2 == half).mapToObj(String::valueOf).toList());
            halves.add(CompletableFuture.supplyAsync(() -> torchRun(list)));
          }
          for (int h = 0; h < 2; h++) {
            Child.Outcome r = halves.get(h).join();
            if (!r.ok()) {
              throw new IOException("libtorch failed: " + r.failure());
            }
            walls[h] = r.result().get("wallSeconds").asDouble();
            jvm[h] = r.wallSeconds();
            r.result().get("finalAccuracy").forEach(a -> torchAccuracy.add(a.asDouble()));
          }
          torch = Math.max(walls[0], walls[1]);
          progress.accept(String.format(Locale.ROOT, "  %.1f s (processes %.1f and %.1f s, JVMs"
              + " %.1f and %.1f s)", torch, walls[0], walls[1], jvm[0], jvm[1]));
        }
      }
      pairs.add(new double[] {ib, torch});
      lines.add(String.format(Locale.ROOT, "  repetition %d: ib %.1f s, libtorch %.1f s, ib/libtorch"
          + " %.2f", rep, ib, torch, ib / torch));
    }
    double[] ibs = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] torches = pairs.stream().mapToDouble(p -> p[1]).toArray();
    double[] ratios = pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "12-bit experiment (Shwartz-Ziv & Tishby 2017): %d seeds x %d"
        + " epochs, 12-10-7-5-4-3-2 tanh, batches of 512 in file order, 2 cores%n", seeds, epochs));
    lines.forEach(l -> sb.append(l).append('\n'));
    sb.append(String.format(Locale.ROOT, "  median [min .. max]: ib %.1f s [%.1f .. %.1f], libtorch"
        + " %.1f s [%.1f .. %.1f], ib/libtorch %.2f [%.2f .. %.2f]%n", Stats.median(ibs),
        Stats.min(ibs), Stats.max(ibs), Stats.median(torches), Stats.min(torches),
        Stats.max(torches), Stats.median(ratios), Stats.min(ratios), Stats.max(ratios)));
    sb.append(String.format(Locale.ROOT, "  same work check, final accuracy on all 4096 samples, mean"
        + " over runs: ib %.4f, libtorch %.4f (different float sums: runs differ, not the task)%n",
        ibAccuracy.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
        torchAccuracy.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
    Files.deleteIfExists(workload);
    return sb.toString();
  }

  private Child.Outcome torchRun(String seedList) {
    try {
      List<String> args = List.of("twelve", "--workload", workload.toString(), "--threads", "1",
          "--seeds", seedList);
      Child.Outcome r = child.run(Child.TORCH, 1, args, "12-bit libtorch " + seedList);
      if (!r.ok()) {
        r = child.run(Child.TORCH, 1, args, "12-bit libtorch " + seedList + " (retry)");
      }
      return r;
    } catch (IOException e) {
      return new Child.Outcome(null, 0, e.getMessage(), List.of());
    }
  }
}
