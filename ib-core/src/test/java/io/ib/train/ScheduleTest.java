package io.ib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.train.MeasurementSchedule.Anchor;
import io.ib.train.MeasurementSchedule.EpochPoints;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void idnnsLogSpacedEpochs() {
    // 8000 epochs of 7 steps, measured at the start of each logged epoch, as the IDNNs code does.
    int[] steps = MeasurementSchedule.idnns().resolve(7, 8000);
    assertEquals(274, steps.length);
    for (int k = 0; k <= 34; k++) {
      assertEquals(7 * k, steps[k], "every one of epochs 0..34");
    }
    assertEquals(7 * 7999, steps[steps.length - 1]);
    // At the end of each epoch instead: one epoch later.
    int[] ends = MeasurementSchedule.idnns().withAnchor(Anchor.END).resolve(7, 8000);
    assertEquals(7, ends[0]);
    assertEquals(7 * 8000, ends[ends.length - 1]);
  }

  @Test
  void everyNEpochsAtTheStartOrTheEnd() {
    MeasurementSchedule every3 = new MeasurementSchedule(false, List.of(), EpochPoints.every(3),
        Anchor.END);
    assertArrayEquals(new int[] {30, 60, 90}, every3.resolve(10, 10));
    assertArrayEquals(new int[] {0, 30, 60, 90}, every3.withAnchor(Anchor.START).resolve(10, 10));
    assertEquals(EpochPoints.every(3), EpochPoints.parse("every:3"));
    assertEquals(EpochPoints.logSpaced(400), EpochPoints.parse("log:400"));
    assertEquals("log:400", EpochPoints.logSpaced(400).toString());
    assertThrows(IllegalArgumentException.class, () -> EpochPoints.parse("every:0"));
    assertThrows(IllegalArgumentException.class, () -> EpochPoints.parse("sometimes"));
  }

  /** The same epochs as NumPy's formula, where Python and NumPy are at hand. */
  @Test
  void logSpacedEpochsEqualNumpys() throws IOException, InterruptedException {
    int[] epochs = {8000, 300, 1000, 2000, 50};
    StringBuilder script = new StringBuilder("import numpy as np\n");
    for (int e : epochs) {
      script.append("print(' '.join(str(int(v)) for v in np.unique(np.array(np.logspace(0,"
          + " np.log2(" + e + "), 400, base=2), dtype=int)) - 1))\n");
    }
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", script.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 not found");
      return;
    }
    String[] lines = new String(p.getInputStream().readAllBytes()).trim().split("\n");
    Assumptions.assumeTrue(p.waitFor() == 0, "NumPy not available: " + String.join(" ", lines));
    for (int i = 0; i < epochs.length; i++) {
      int[] numpy = Arrays.stream(lines[i].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
      int[] ours = Arrays.stream(MeasurementSchedule.idnns().resolve(1, epochs[i])).toArray();
      assertArrayEquals(numpy, ours, epochs[i] + " epochs");
      assertTrue(ours.length > 10);
    }
  }
}
