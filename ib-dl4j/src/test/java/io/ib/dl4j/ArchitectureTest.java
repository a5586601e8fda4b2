package io.ib.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ib-dl4j's classes stack in layers, live in {@code io.ib.dl4j}, and use ib-core's public API only
 * (nothing of the command line either).
 */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-dl4j");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.dl4j"));
  }

  @Test
  void itUsesThePublicApiOnly() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.internal", "io.ib.train.internal", "io.ib.cli",
        "picocli"));
  }
}
