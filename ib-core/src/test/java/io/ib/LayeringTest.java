package io.ib;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of ib-core, bottom to top: each may use the ones below it, never one above. Checked on
 * the compiled classes (so a fully qualified name without an import counts too).
 */
class LayeringTest {
  /** Package patterns, lowest layer first. */
  static final List<String> LAYERS = List.of(
      "io.ib.internal..",      // bulk host copies: below everything
      "io.ib.data..",          // labelled data
      "io.ib.nn..",            // the model, plainly
      "io.ib.optim..",         // optimisers
      "io.ib.train.internal..", // the fast training step
      "io.ib.train",           // trainer, loop, evaluation
      "io.ib.info..",          // estimators
      "io.ib.provenance..",    // what ran where
      "io.ib.sweep..",         // the sweep engine, its store interface
      "io.ib.run..",            // run directories, which implement that store
      "io.ib");                // the facade

  private static JavaClasses core;

  @BeforeAll
  static void importClasses() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ib");
  }

  @Test
  void noLayerUsesALayerAboveIt() {
    for (int low = 0; low < LAYERS.size(); low++) {
      for (int high = low + 1; high < LAYERS.size(); high++) {
        noClasses().that().resideInAPackage(LAYERS.get(low)).should().dependOnClassesThat()
            .resideInAPackage(LAYERS.get(high))
            .because(LAYERS.get(low) + " lies below " + LAYERS.get(high))
            .check(core);
      }
    }
  }

  @Test
  void everyPackageIsInALayer() {
    classes().should().resideInAnyPackage(LAYERS.toArray(String[]::new)).check(core);
  }

  @Test
  void estimatorsDoNotDependOnTheModel() {
    noClasses().that().resideInAPackage("io.ib.info..").should().dependOnClassesThat()
        .resideInAnyPackage("io.ib.nn..", "io.ib.optim..", "io.ib.train..").check(core);
  }
}
