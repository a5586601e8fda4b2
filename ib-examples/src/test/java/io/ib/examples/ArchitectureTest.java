package io.ib.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The examples use ib as a user would: public API only, in their own packages. */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-examples");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.examples"));
  }

  @Test
  void itUsesThePublicApiOnly() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.internal", "io.ib.train.internal", "io.ib.cli"));
  }
}
