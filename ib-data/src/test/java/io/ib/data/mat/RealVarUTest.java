package io.ib.data.mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.Samples;
import io.ib.data.csv.LabelColumn;
import io.ib.data.files.TestDirectories;
import io.ib.data.mat.MatMatrix.ArrayClass;
import io.ib.data.source.DataOptions;
import io.ib.data.source.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 12-bit task's {@code var_u.mat} (Shwartz-Ziv &amp; Tishby) against the same data as CSV beside
 * it; skipped unless the environment variable {@value #ENV_VAR} names the directory holding
 * {@code var_u.mat}, {@code var_u.csv} and {@code SHA256SUMS}. The file may not be redistributed, so
 * it is never part of this repository.
 */
class RealVarUTest {
  static final String ENV_VAR = "IB_VAR_U_DIR";

  private static Path dir;
  /** var_u.csv parsed here with a plain split: 4096 rows of x0..x11 then y. */
  private static double[][] csv;

  @BeforeAll
  static void load() throws Exception {
    Path d = TestDirectories.fromEnvironment(ENV_VAR);
    if (d != null && Files.isRegularFile(d.resolve("var_u.mat"))
        && Files.isRegularFile(d.resolve("var_u.csv"))) {
      dir = d;
      List<String> lines = Files.readAllLines(d.resolve("var_u.csv"));
      assertEquals("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,y", lines.get(0));
      csv = lines.stream().skip(1).filter(l -> !l.isBlank())
          .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
          .toArray(double[][]::new);
    }
  }

  @BeforeEach
  void requireData() {
    Assumptions.assumeTrue(dir != null, ENV_VAR + " must name a directory with var_u.mat and var_u.csv"
        + " (the 12-bit task of Shwartz-Ziv & Tishby) to run these tests");
  }

  @Test
  void everyValueEqualsTheCsv() throws Exception {
    MatFile mat = MatFile.read(dir.resolve("var_u.mat"));
    assertEquals(List.of("F", "y"), mat.names());
    MatMatrix f = mat.matrix("F");
    MatMatrix y = mat.matrix("y");
    assertEquals(ArrayClass.LOGICAL, f.arrayClass());
    assertEquals(ArrayClass.DOUBLE, y.arrayClass(), "stored as uint8, declared double");
    assertEquals(csv.length, f.rows());
    assertEquals(12, f.columns());
    assertEquals(1, y.rows());
    assertEquals(csv.length, y.columns());
    for (int i = 0; i < csv.length; i++) {
      for (int j = 0; j < 12; j++) {
        assertEquals(csv[i][j], f.get(i, j), "F(" + i + ", " + j + ")");
      }
      assertEquals(csv[i][12], y.get(0, i), "y(" + i + ")");
    }
  }

  /** The task as the information-plane notes describe it: row i is i in binary, 2118 ones in y. */
  @Test
  void rowsAreTheTwelveBitPatternsInOrder() throws Exception {
    MatFile mat = MatFile.read(dir.resolve("var_u.mat"));
    MatMatrix f = mat.matrix("F");
    assertEquals(4096, f.rows());
    for (int i = 0; i < 4096; i++) {
      for (int bit = 0; bit < 12; bit++) {
        assertEquals((i >> (11 - bit)) & 1, f.get(i, bit), "row " + i + ", bit " + bit);
      }
    }
    assertEquals(2118, Arrays.stream(mat.matrix("y").toRowMajor()).filter(v -> v == 1).count());
  }

  @Test
  void identityMatchesSha256Sums() throws Exception {
    String listed = Files.readAllLines(dir.resolve("SHA256SUMS")).stream()
        .filter(l -> l.endsWith(" var_u.mat")).findFirst().orElseThrow().split("\\s+")[0];
    MatFile mat = MatFile.read(dir.resolve("var_u.mat"));
    assertEquals(listed, mat.file().sha256());
    assertEquals(Files.size(dir.resolve("var_u.mat")), mat.file().bytes());
    assertEquals("var_u.mat", mat.file().name());
  }

  @Test
  void samplesAndTheIdnnsSplit() throws Exception {
    Samples all = MatDatasets.load(dir.resolve("var_u.mat"));
    assertEquals("var_u", all.name());
    assertEquals(4096, all.data().size());
    assertEquals(12, all.data().numFeatures());
    assertEquals(2, all.data().numClasses());
    float[] x = all.data().features().data().asFloat();
    int[] labels = all.data().labels();
    for (int i = 0; i < csv.length; i++) {
      for (int j = 0; j < 12; j++) {
        assertEquals((float) csv[i][j], x[i * 12 + j]);
      }
      assertEquals((int) csv[i][12], labels[i]);
    }
    Dataset d = all.split(DataSplit.first(0.8));
    assertEquals("var_u (first 80% train)", d.name());
    assertEquals((int) Math.rint(80 * 4096 / 100.0), d.train().size());
    assertEquals(4096 - d.train().size(), d.test().size());
    assertArrayEquals(Arrays.copyOf(labels, d.train().size()), d.train().labels());
    assertEquals(List.of(MatFile.read(dir.resolve("var_u.mat")).file()), d.files());
  }

  /** The same split of the MAT-file and of the CSV file gives the same samples. */
  @Test
  void matAndCsvOpenToTheSameDataset() throws Exception {
    for (DataSplit split : List.of(DataSplit.first(0.8), DataSplit.random(0.8, 7))) {
      Dataset mat = DataSources.open(dir.resolve("var_u.mat"), DataOptions.defaults().withSplit(split));
      Dataset csvData = DataSources.open(dir.resolve("var_u.csv"), DataOptions.defaults()
          .withLabelColumn(LabelColumn.named("y")).withSplit(split));
      assertEquals(split.isRandom() ? "var_u (random 80% train, seed 7)" : "var_u (first 80% train)",
          mat.name());
      assertEquals(mat.name(), csvData.name());
      assertArrayEquals(mat.train().features().data().asFloat(), csvData.train().features().data().asFloat());
      assertArrayEquals(mat.test().features().data().asFloat(), csvData.test().features().data().asFloat());
      assertArrayEquals(mat.train().labels(), csvData.train().labels());
      assertArrayEquals(mat.test().labels(), csvData.test().labels());
      assertEquals("var_u.csv", csvData.files().get(0).name());
    }
  }
}
