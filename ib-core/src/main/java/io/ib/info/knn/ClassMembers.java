package io.ib.info.knn;

/**
 * The classes as the mixed estimator of I(T;Y) reads them ({@link NeighbourCounts#mixedCounts}).
 *
 * @param count points per class
 * @param members each class's points, ascending
 * @param dropped the points whose label occurs once, ascending: they take no part in its counts
 */
record ClassMembers(int[] count, int[][] members, int[] dropped) {
  /** The classes of n labels in [0, numClasses). */
  static ClassMembers of(int[] labels, int numClasses) {
    int n = labels.length;
    int[] classCount = new int[numClasses];
    for (int y : labels) {
      classCount[y]++;
    }
    int[][] members = new int[numClasses][];
    for (int y = 0; y < numClasses; y++) {
      members[y] = new int[classCount[y]];
    }
    int[] fill = new int[numClasses];
    int droppedCount = 0;
    for (int i = 0; i < n; i++) {
      members[labels[i]][fill[labels[i]]++] = i;
      if (classCount[labels[i]] == 1) {
        droppedCount++;
      }
    }
    int[] dropped = new int[droppedCount];
    droppedCount = 0;
    for (int i = 0; i < n; i++) {
      if (classCount[labels[i]] == 1) {
        dropped[droppedCount++] = i;
      }
    }
    return new ClassMembers(classCount, members, dropped);
  }
}
