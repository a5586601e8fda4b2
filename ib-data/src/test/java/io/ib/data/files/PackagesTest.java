package io.ib.data.files;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of ib-data, one way: {@code files} at the bottom, one package per format above it, the
 * dispatcher {@code source} and the import of recorded activations {@code activations} on top;
 * checked on the compiled classes.
 */
class PackagesTest {
  private static final List<String> FORMATS = List.of("io.ib.data.idx", "io.ib.data.csv", "io.ib.data.mat",
      "io.ib.data.npy");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ib.data.files", "io.ib.data.idx", "io.ib.data.csv", "io.ib.data.mat",
            "io.ib.data.npy", "io.ib.data.source", "io.ib.data.activations");
  }

  @Test
  void sharedHelpersUseNoReader() {
    noClasses().that().resideInAPackage("io.ib.data.files").should().dependOnClassesThat()
        .resideInAnyPackage("io.ib.data.idx", "io.ib.data.csv", "io.ib.data.mat", "io.ib.data.npy",
            "io.ib.data.source", "io.ib.data.activations")
        .check(classes);
  }

  @Test
  void formatsUseNeitherEachOtherNorTheDispatcher() {
    for (String format : FORMATS) {
      List<String> others = FORMATS.stream().filter(f -> !f.equals(format)).toList();
      noClasses().that().resideInAPackage(format).should().dependOnClassesThat()
          .resideInAnyPackage(others.toArray(String[]::new)).check(classes);
      noClasses().that().resideInAPackage(format).should().dependOnClassesThat()
          .resideInAnyPackage("io.ib.data.source", "io.ib.data.activations").check(classes);
    }
  }

  @Test
  void nothingHereKnowsMnistsModule() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.ib.mnist..").check(classes);
  }
}
