package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Spark engine's classes stack in layers, live in {@code io.ib.spark}, and use ib-core's public
 * API only (a library module: nothing of the command line either).
 */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-spark");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.spark"));
  }

  @Test
  void itUsesThePublicApiOnly() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.internal", "io.ib.train.internal", "io.ib.cli",
        "picocli"));
  }
}
