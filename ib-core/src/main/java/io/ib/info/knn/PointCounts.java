package io.ib.info.knn;

import java.util.Arrays;

/**
 * Each point's counts, as {@link NeighbourCounts} found them (for tests: the counts, not only the
 * sums, must not depend on the order of samples or columns). mixedK and mixedM are -1 for a
 * point the mixed estimator drops.
 */
final class PointCounts {
  final int[] ksgK;
  final int[] ksgX;
  final int[] ksgT;
  final int[] mixedK;
  final int[] mixedM;

  /** Room for n points. */
  PointCounts(int n) {
    ksgK = new int[n];
    ksgX = new int[n];
    ksgT = new int[n];
    mixedK = new int[n];
    mixedM = new int[n];
    Arrays.fill(mixedK, -1);
    Arrays.fill(mixedM, -1);
  }

  void ksg(int i, NeighbourCounts counts) {
    ksgK[i] = counts.ksgK();
    ksgX[i] = counts.ksgX();
    ksgT[i] = counts.ksgT();
  }

  void mixed(int i, NeighbourCounts counts) {
    mixedK[i] = counts.mixedK();
    mixedM[i] = counts.mixedM();
  }
}
