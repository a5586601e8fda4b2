package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The report's classes stack in layers (Report on the sections and plots, those on the run's data
 * and the drawing primitives), live in {@code io.ib.report}, and need no module above ib-core: no
 * data readers, no command line, no internals.
 */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-report");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.report"));
  }

  @Test
  void itUsesNoModuleAboveCoreNorInternals() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.data.csv", "io.ib.data.mat", "io.ib.data.idx",
        "io.ib.data.source", "io.ib.mnist", "io.ib.cli", "io.ib.spark", "io.ib.internal",
        "io.ib.train.internal"));
  }
}
