package io.ib.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataSplitTest {
  /** The IDNNs code's train size: {@code np.rint(percent * n / 100)}, exact for integer percents. */
  private static int idnnsTrainSize(int percent, int n) {
    return (int) Math.rint(percent * n / 100.0);
  }

  @Test
  void firstTakesTheIdnnsShareOfTheTwelveBitTask() {
    DataSplit split = DataSplit.first(0.8);
    int n = 4096; // all 12-bit patterns
    int expected = idnnsTrainSize(80, n);
    assertEquals(3277, expected, "the protocol's published count");
    assertEquals(expected, split.trainSize(n));
    assertArrayEquals(IntStream.range(0, expected).toArray(), split.trainRows(n));
    assertArrayEquals(IntStream.range(expected, n).toArray(), split.testRows(n));
  }

  @Test
  void roundingIsHalfToEvenInDecimalAsNumpyRint() {
    for (int percent = 1; percent < 100; percent++) {
      DataSplit split = DataSplit.first(percent / 100.0);
      for (int n = 2; n <= 300; n++) {
        int expected = idnnsTrainSize(percent, n);
        if (expected >= 1 && expected < n) {
          assertEquals(expected, split.trainSize(n), percent + "% of " + n);
        }
      }
    }
    // Where the roundings part ways: a ceiling would give 3279 and 3 here.
    assertEquals((int) Math.ceil(0.8 * 4098) - 1, DataSplit.first(0.8).trainSize(4098));
    assertEquals((int) Math.ceil(0.5 * 5) - 1, DataSplit.first(0.5).trainSize(5));
  }

  @Test
  void partsPartitionTheRowsInFileOrder() {
    for (DataSplit split : List.of(DataSplit.first(0.7), DataSplit.random(0.7, 3))) {
      int n = 1001;
      int[] train = split.trainRows(n);
      int[] test = split.testRows(n);
      assertEquals(split.trainSize(n), train.length);
      assertEquals(n - train.length, test.length);
      int[] union = IntStream.concat(Arrays.stream(train), Arrays.stream(test)).sorted().toArray();
      assertArrayEquals(IntStream.range(0, n).toArray(), union, "disjoint and complete");
      assertIncreasing(train);
      assertIncreasing(test);
    }
  }

  private static void assertIncreasing(int[] rows) {
    for (int i = 1; i < rows.length; i++) {
      assertTrue(rows[i - 1] < rows[i], "rows " + rows[i - 1] + ", " + rows[i] + " out of order");
    }
  }

  @Test
  void randomFollowsTheDocumentedFisherYates() {
    int n = 50;
    for (long seed : new long[] {0, 1, -7, Long.MAX_VALUE}) {
      int[] order = IntStream.range(0, n).toArray();
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int k = DataSplit.random(0.6, seed).trainSize(n);
      int[] expected = Arrays.copyOf(order, k);
      Arrays.sort(expected);
      assertArrayEquals(expected, DataSplit.random(0.6, seed).trainRows(n), "seed " + seed);
    }
  }

  @Test
  void randomIsReproducibleAndDependsOnTheSeed() {
    int n = 200;
    assertArrayEquals(DataSplit.random(0.8, 7).trainRows(n), DataSplit.random(0.8, 7).trainRows(n));
    assertFalse(Arrays.equals(DataSplit.random(0.8, 0).trainRows(n), DataSplit.random(0.8, 1).trainRows(n)),
        "seed 0 is an ordinary seed, different from 1");
    assertFalse(Arrays.equals(DataSplit.first(0.8).trainRows(n), DataSplit.random(0.8, 1).trainRows(n)));
  }

  @Test
  void randomPutsEachRowInTrainWithTheTrainFraction() {
    int n = 10;
    int seeds = 4000;
    int[] inTrain = new int[n];
    for (long seed = 1; seed <= seeds; seed++) {
      for (int row : DataSplit.random(0.8, seed).trainRows(n)) {
        inTrain[row]++;
      }
    }
    double mean = seeds * 0.8;
    double sd = Math.sqrt(seeds * 0.8 * 0.2);
    for (int row = 0; row < n; row++) {
      assertTrue(Math.abs(inTrain[row] - mean) < 5 * sd,
          "row " + row + " was in train " + inTrain[row] + " times of " + seeds + ", expected about " + mean);
    }
  }

  @Test
  void textFormsRoundTripAndDescribe() {
    assertEquals("first:fraction=0.8", DataSplit.first(0.8).toString());
    assertEquals("random:fraction=0.755,seed=-3", DataSplit.random(0.755, -3).toString());
    assertEquals("first 80%", DataSplit.first(0.8).description());
    assertEquals("random 75.5%, seed 7", DataSplit.random(0.755, 7).description());
    for (DataSplit s : List.of(DataSplit.first(0.8), DataSplit.random(0.755, -3),
        DataSplit.random(1e-3, Long.MIN_VALUE))) {
      assertEquals(s, DataSplit.parse(s.toString()));
      assertEquals(s.hashCode(), DataSplit.parse(s.toString()).hashCode());
    }
    assertEquals(DataSplit.first(DataSplit.DEFAULT_TRAIN_FRACTION), DataSplit.parse(" first "));
    assertEquals(DataSplit.random(DataSplit.DEFAULT_TRAIN_FRACTION, DataSplit.DEFAULT_SEED),
        DataSplit.parse("random"));
    assertEquals(DataSplit.random(0.5, 9), DataSplit.parse("random:seed=9, fraction=0.5"));
    assertEquals(OptionalLong.empty(), DataSplit.first(0.5).seed());
    assertEquals(OptionalLong.of(9), DataSplit.random(0.5, 9).seed());
    assertNotEquals(DataSplit.first(0.5), DataSplit.random(0.5, 0));
  }

  @Test
  void badSplitsSayWhatIsWrong() {
    assertMessage(() -> DataSplit.first(Double.NaN), "got NaN");
    assertMessage(() -> DataSplit.random(1.0, 1), "(0, 1), got 1.0");
    assertMessage(() -> DataSplit.first(0), "(0, 1), got 0.0");
    assertMessage(() -> DataSplit.parse("last:fraction=0.8"), "unknown kind 'last'");
    assertMessage(() -> DataSplit.parse("first:seed=3"), "unknown parameter 'seed' for first");
    assertMessage(() -> DataSplit.parse("random:fraction=0.8,fraction=0.7"), "given twice");
    assertMessage(() -> DataSplit.parse("random:fraction=x"), "invalid split 'random:fraction=x'");
    assertMessage(() -> DataSplit.parse("random:fraction=1.5"), "got 1.5");
    assertMessage(() -> DataSplit.parse("first:"), "'' is not key=value");
    assertMessage(() -> DataSplit.first(0.8).trainSize(1), "at least 2 samples");
    assertMessage(() -> DataSplit.first(0.01).trainSize(10), "gives 0 train and 10 test samples");
    assertMessage(() -> DataSplit.first(0.99).trainSize(10), "gives 10 train and 0 test samples");
  }

  /** Row i has features (i, -i) and label i mod 3, so every picked row can be checked. */
  private static LabelledData indexed(int n) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i % 3;
    }
    return LabelledData.of(x, n, 2, y, 4);
  }

  private static void assertRows(int[] rows, LabelledData part) {
    float[] x = part.features().data().asFloat();
    int[] y = part.labels();
    assertEquals(rows.length, part.size());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(rows[i], x[2 * i]);
      assertEquals(-rows[i], x[2 * i + 1]);
      assertEquals(rows[i] % 3, y[i]);
    }
  }

  @Test
  void rowsGathersInTheGivenOrder() {
    LabelledData all = indexed(10);
    int[] rows = {9, 0, 4, 4, 7};
    LabelledData picked = all.rows(rows);
    assertRows(rows, picked);
    assertEquals('c', picked.features().ordering());
    assertEquals(4, picked.numClasses(), "classes are kept");
    assertEquals(all.features().dataType(), picked.features().dataType());
    assertMessage(() -> all.rows(new int[] {1, 10}), "row index 10 at position 1 is outside [0, 10)");
    assertMessage(() -> all.rows(new int[0]), "at least one row index");
    assertEquals(6, all.withNumClasses(6).numClasses());
    assertMessage(() -> all.withNumClasses(3), "can only grow");
  }

  @Test
  void datasetFromASplitNamesItAndKeepsRowsAndClasses() {
    LabelledData all = indexed(20);
    List<DataFile> files = List.of(new DataFile("t.csv", "0".repeat(64), 99));
    DataSplit split = DataSplit.random(0.75, 5);
    Dataset d = Dataset.split("t", all, split, files);
    assertEquals("t (random 75% train, seed 5)", d.name());
    assertRows(split.trainRows(20), d.train());
    assertRows(split.testRows(20), d.test());
    assertEquals(4, d.numClasses(), "class 3 occurs nowhere, and stays a class");
    assertEquals(files, d.files());
    Dataset first = new Samples("var_u", all, files).split(DataSplit.first(0.8));
    assertEquals("var_u (first 80% train)", first.name());
    assertRows(IntStream.range(0, 16).toArray(), first.train());
    assertRows(IntStream.range(16, 20).toArray(), first.test());
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
