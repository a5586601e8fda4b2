package io.ib.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A width that ran {@code steps} steps and {@code points} measurements. */
  private static ObjectNode width(ArrayNode widths, int k, int steps, double train, int points,
      double forward, double wall, Integer worker) {
    ObjectNode w = widths.addObject();
    w.put("width", k);
    w.put("steps", steps);
    w.put("trainSeconds", train);
    w.put("points", points);
    w.put("forwardSeconds", forward);
    w.put("estimationSeconds", 0.0);
    w.put("wallSeconds", wall);
    if (worker != null) {
      w.put("worker", worker);
    }
    return w;
  }

  @Test
  void aWholeSweepKeepsItsMeasuredWallTime() {
    ObjectNode r = JSON.createObjectNode();
    ArrayNode ws = r.putArray("widths");
    width(ws, 5, 100, 1.0, 4, 0.2, 1.3, null);
    width(ws, 10, 100, 1.5, 4, 0.2, 1.8, null);
    r.put("stepMedianMs", 10.0);
    r.put("wallSeconds", 3.2);
    SweepRun run = SweepRun.of(new Variant("libtorch", 1, Variant.Kind.JVM, 1, 1), 1, r, 100, 4);
    assertFalse(run.extrapolated());
    assertEquals(2.5, run.trainSeconds(), 1e-12);
    assertEquals(0.4, run.forwardSeconds(), 1e-12);
    assertEquals(3.2, run.wallSeconds(), 1e-12);
  }

  @Test
  void aTruncatedPoolTakesItsBusiestWorkersExtrapolatedWidths() {
    // Full sweep: 100 steps and 4 measurements per width; each width ran 25 steps and 2 measurements.
    ObjectNode r = JSON.createObjectNode();
    ArrayNode ws = r.putArray("widths");
    width(ws, 5, 25, 1.0, 2, 0.1, 1.2, 0); // full: 4.0 + 0.2, wall 1.2 + 3.0 + 0.1 = 4.3
    width(ws, 10, 25, 1.0, 2, 0.1, 1.1, 1); // wall 1.1 + 3.1 = 4.2
    width(ws, 20, 25, 2.0, 2, 0.1, 2.2, 0); // wall 2.2 + 6.0 + 0.1 = 8.3
    r.put("stepMedianMs", 10.0);
    r.put("wallSeconds", 3.0);
    r.put("poolWorkers", 2);
    SweepRun run = SweepRun.of(new Variant("dl4j", 2, Variant.Kind.JVM_POOL, 1, 2), 1, r, 100, 4);
    assertTrue(run.extrapolated());
    assertEquals(25, run.stepsRun());
    assertEquals(16.0, run.trainSeconds(), 1e-12);
    assertEquals(0.6, run.forwardSeconds(), 1e-12);
    assertEquals(4.3 + 8.3, run.wallSeconds(), 1e-12); // worker 0 is the busiest
  }

  @Test
  void variantsOfASectionGiveEveryContenderTheSameCores() {
    List<Variant> two = Variant.of(2, List.of("ib", "libtorch", "dl4j"));
    assertEquals(List.of("ib 2 cores x 1 thr", "libtorch 1 JVM x 2 thr", "libtorch 2 JVMs x 1 thr",
        "dl4j 1 JVM x 2 thr", "dl4j 2 JVMs x 1 thr"), two.stream().map(Variant::label).toList());
    for (Variant v : two) {
      assertEquals(2, v.threads() * v.workers());
    }
    assertEquals(List.of("ib", "libtorch"),
        Variant.of(1, List.of("ib", "libtorch")).stream().map(Variant::label).toList());
  }

}
