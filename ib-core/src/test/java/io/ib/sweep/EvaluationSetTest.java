package io.ib.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples a sweep measures on, and their labels alone. */
class EvaluationSetTest {
  private static final Dataset DATA = new Dataset("tiny",
      LabelledData.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, new int[] {0, 1, 1}, 3),
      LabelledData.of(new float[] {7, 8, 9, 10}, 2, 2, new int[] {2, 0}, 3), List.of());

  @Test
  void allIsTheTrainingSamplesThenTheTestSamples() {
    LabelledData all = EvaluationSet.ALL.of(DATA);
    assertArrayEquals(new int[] {0, 1, 1, 2, 0}, all.labels());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
        all.features().dup().data().asFloat());
  }

  @Test
  void labelsAreThoseOfTheSamples() {
    for (EvaluationSet set : EvaluationSet.values()) {
      assertArrayEquals(set.of(DATA).labels(), set.labels(DATA), set.id());
    }
  }
}
