package io.ib.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ib-core's classes stack in layers: the packages' layers are {@code LayeringTest}'s, and within the
 * packages no two classes use each other, but for the optimisers and the settings that make them
 * (each settings record creates its optimiser, which reports its settings).
 */
class CoreArchitectureTest {
  private static final List<Set<String>> ALLOWED = List.of(
      Set.of("io.ib.optim.Optimizer", "io.ib.optim.OptimizerSettings"),
      Set.of("io.ib.optim.Adam", "io.ib.optim.AdamSettings"),
      Set.of("io.ib.optim.Sgd", "io.ib.optim.SgdSettings"));

  @Test
  void theClassesFormNoCycleButTheOptimisersAndTheirSettings() {
    List<Set<String>> cycles = new java.util.ArrayList<>(ModuleArchitecture.of("ib-core").cycles());
    cycles.removeAll(ALLOWED);
    assertEquals(List.of(), cycles);
  }

  @Test
  void everyClassIsInIbsPackages() {
    assertEquals(Set.of(), ModuleArchitecture.of("ib-core").outside("io.ib"));
  }
}
