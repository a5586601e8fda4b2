package io.ib.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.arch.ModuleArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ib-data's classes stack in layers (its packages' layers are {@link PackagesTest}'s), live in its
 * own packages, and use nothing of the modules above it or of ib-core's internals.
 */
class ArchitectureTest {
  private static final ModuleArchitecture MODULE = ModuleArchitecture.of("ib-data");

  @Test
  void theClassesFormNoCycle() {
    assertEquals(List.of(), MODULE.cycles());
  }

  @Test
  void itAddsNoClassToAnotherModulesPackages() {
    assertEquals(Set.of(), MODULE.outside("io.ib.data.files", "io.ib.data.idx", "io.ib.data.csv",
        "io.ib.data.mat", "io.ib.data.npy", "io.ib.data.source", "io.ib.data.activations"));
  }

  @Test
  void itUsesNoModuleAboveItNorInternals() {
    assertEquals(Set.of(), MODULE.usesOf("io.ib.mnist", "io.ib.report", "io.ib.cli", "io.ib.spark",
        "io.ib.internal", "io.ib.train.internal"));
  }
}
