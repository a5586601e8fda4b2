package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EntropyTest {
  @Test
  void closedForms() {
    assertEquals(0, Entropy.ofCounts(new int[] {7}), 0);
    assertEquals(0, Entropy.ofCounts(new int[] {0, 10000, 0}), 0);
    assertEquals(1, Entropy.ofCounts(new int[] {3, 3}), 1e-15);
    assertEquals(1.5, Entropy.ofCounts(new int[] {1, 1, 2}), 1e-15);
    assertEquals(Entropy.log2(10000), Entropy.ofCounts(ones(10000)), 0);
    assertEquals(Entropy.log2(60000), Entropy.ofCounts(ones(60000)), 0);
    // MNIST test label counts: H(Y) = 3.31942 bits (information-plane.md).
    int[] mnistTest = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
    assertEquals(3.31942, Entropy.ofCounts(mnistTest), 5e-6);
  }

  @Test
  void mutualInformationOfCopiesIndependenceAndXor() {
    int[] a = {0, 1, 2, 3, 0, 1, 2, 3};
    assertEquals(2, Entropy.mutualInformation(a, 4, a, 4), 1e-12);
    int[] x = {0, 0, 1, 1};
    int[] y = {0, 1, 0, 1};
    assertEquals(0, Entropy.mutualInformation(x, 2, y, 2), 1e-12);
    int[] xor = {0, 1, 1, 0};
    assertEquals(0, Entropy.mutualInformation(x, 2, xor, 2), 1e-12);
    // Jointly (x, y) determines xor: I((x,y); xor) = 1 bit.
    int[] pair = {0, 1, 2, 3};
    assertEquals(1, Entropy.mutualInformation(pair, 4, xor, 2), 1e-12);
  }

  @Test
  void sparseJointTableGivesTheSameAsDense() {
    int n = 5000;
    int[] a = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i * 31) % 977;
      b[i] = (i * 17) % 13;
    }
    double dense = Entropy.joint(a, 977, b, 13);
    // 977 * 5000 cells exceeds the dense limit: the sorted path runs.
    double sparse = Entropy.joint(a, 977 * 5000, b, 13);
    assertEquals(dense, sparse, 1e-12);
  }

  private static int[] ones(int n) {
    int[] c = new int[n];
    java.util.Arrays.fill(c, 1);
    return c;
  }
}
