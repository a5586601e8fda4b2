package io.ib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.LabelledData;
import org.junit.jupiter.api.Test;

class LabelledDataTest {
  @Test
  void rejectsBadInputWithMessagesThatSayWhere() {
    float[] x = new float[12];
    assertMessage(() -> LabelledData.of(x, 4, 3, new int[] {0, 1, 2, 3}, 3), "label 3 at row 3");
    assertMessage(() -> LabelledData.of(x, 4, 3, new int[] {0, 1}, 3), "4 rows but there are 2 labels");
    assertMessage(() -> LabelledData.of(x, 4, 2, new int[4], 3), "n * d");
    float[] nan = x.clone();
    nan[7] = Float.NaN;
    assertMessage(() -> LabelledData.of(nan, 4, 3, new int[4], 3), "NaN at row 2, column 1");
    float[] big = x.clone();
    big[0] = 3e38f;
    big[1] = 3e38f; // the sum overflows, the values are fine
    assertEquals(4, LabelledData.of(big, 4, 3, new int[4], 3).size());
  }

  @Test
  void classCountsAndHead() {
    LabelledData d = LabelledData.of(new float[8], 4, 2, new int[] {1, 1, 0, 2}, 3);
    assertEquals(java.util.List.of(1, 2, 1),
        java.util.Arrays.stream(d.classCounts()).boxed().toList());
    assertEquals(2, d.head(2).size());
    assertEquals(2, d.head(2).numFeatures());
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
