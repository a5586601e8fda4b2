package io.ib.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ib-mnist's classes stack in layers, in its own package, above ib-data and ib-core only. */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-mnist");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.mnist"));
  }

  @Test
  void itUsesNoModuleAboveItNorInternals() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.report", "io.ib.cli", "io.ib.spark",
        "io.ib.internal", "io.ib.train.internal"));
  }
}
