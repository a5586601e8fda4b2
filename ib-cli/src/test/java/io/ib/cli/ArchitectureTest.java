package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The command line's classes stack in layers (Main, the commands, their option groups, the helpers
 * below them), live in {@code io.ib.cli}, and use the library's public API only: no internals, and
 * the Spark engine through ServiceLoader, never by name.
 */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-cli");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.cli"));
  }

  @Test
  void itUsesThePublicApiOnly() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.internal", "io.ib.train.internal", "io.ib.spark",
        "org.apache.spark", "org.apache.hadoop"));
  }
}
