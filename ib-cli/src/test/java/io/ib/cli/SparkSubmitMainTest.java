package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spark-submit entry point runs sweeps and resumptions on Spark unless told otherwise. */
class SparkSubmitMainTest {
  @Test
  void sweepAndResumeGetTheSparkEngine() {
    assertEquals(List.of("sweep", "--engine", "spark", "--widths", "5"),
        args("sweep", "--widths", "5"));
    assertEquals(List.of("resume", "--engine", "spark", "runs/a", "--", "x"),
        args("resume", "runs/a", "--", "x"));
  }

  @Test
  void anEngineChosenOrAnotherCommandIsLeftAlone() {
    assertEquals(List.of("sweep", "--engine", "local"), args("sweep", "--engine", "local"));
    assertEquals(List.of("sweep", "--engine=local"), args("sweep", "--engine=local"));
    assertEquals(List.of("cells", "run", "runs/a", "3"), args("cells", "run", "runs/a", "3"));
    assertEquals(List.of("report", "runs/a"), args("report", "runs/a"));
    assertEquals(List.of(), args());
  }

  private static List<String> args(String... args) {
    return List.of(SparkSubmitMain.withSparkEngine(args));
  }
}
