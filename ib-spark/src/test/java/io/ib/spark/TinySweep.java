package io.ib.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A small sweep on a CSV file of Gaussian blobs, and how to compare its run directories. */
final class TinySweep {
  private TinySweep() {}

  /** {@code ib sweep} on the blobs with the given extra arguments. */
  static String[] args(Path csv, String widths, int epochs, String... more) {
    List<String> all = new ArrayList<>(List.of("sweep", "--data", csv.toString(), "--hidden", "12",
        "--widths", widths, "--seeds", "2", "--epochs", String.valueOf(epochs), "--batch-size", "16",
        "--measure-steps", "3"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** 800 rows of 10 features around one centre per class (3 classes), label last, no header. */
  static Path blobs(Path dir) throws IOException {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] centres = new double[3][10];
    for (double[] c : centres) {
      for (int j = 0; j < c.length; j++) {
        c[j] = rng.nextGaussian() * 1.5;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 800; i++) {
      int y = rng.nextInt(3);
      for (int j = 0; j < 10; j++) {
        sb.append(String.format(Locale.ROOT, "%.5f", centres[y][j] + rng.nextGaussian()))
            .append(',');
      }
      sb.append(y).append('\n');
    }
    Path csv = dir.resolve("blobs.csv");
    Files.writeString(csv, sb);
    return csv;
  }

}
