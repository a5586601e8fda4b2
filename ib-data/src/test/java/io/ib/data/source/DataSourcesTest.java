package io.ib.data.source;

import static io.ib.data.mat.MatTestFiles.MI_DOUBLE;
import static io.ib.data.mat.MatTestFiles.MI_UINT8;
import static io.ib.data.mat.MatTestFiles.MX_DOUBLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataFile;
import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.data.csv.LabelColumn;
import io.ib.data.files.Sha256;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxTestFiles;
import io.ib.data.mat.MatDatasets;
import io.ib.data.mat.MatTestFiles;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
  @TempDir Path dir;

  private static final MatTestFiles MAT = new MatTestFiles(ByteOrder.LITTLE_ENDIAN);

  /** n rows "i,-i,label" with label i mod 3. */
  private Path indexedCsv(String name, int n, String header) throws IOException {
    StringBuilder sb = new StringBuilder(header);
    for (int i = 0; i < n; i++) {
      sb.append(i).append(',').append(-i).append(',').append(i % 3).append('\n');
    }
    return Files.writeString(dir.resolve(name), sb);
  }

  /** Row i of a part holds the file's row {@code rows[i]}: features (r, -r), label r mod 3. */
  private static void assertRows(int[] rows, LabelledData part) {
    float[] x = part.features().data().asFloat();
    assertEquals(rows.length, part.size());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(rows[i], x[2 * i]);
      assertEquals(-rows[i], x[2 * i + 1]);
      assertEquals(rows[i] % 3, part.labels()[i]);
    }
  }

  @Test
  void csvIsSplitByTheDefaultAndNamedAfterStemAndSplit() throws IOException {
    Path csv = indexedCsv("Toy Data.CSV", 50, "");
    Dataset d = DataSources.open(csv, DataOptions.defaults());
    DataSplit split = DataOptions.DEFAULT_SPLIT;
    assertEquals(DataSplit.random(0.8, 1), split);
    assertEquals("Toy Data (random 80% train, seed 1)", d.name());
    assertRows(split.trainRows(50), d.train());
    assertRows(split.testRows(50), d.test());
    assertEquals(3, d.numClasses());
    assertEquals(List.of(new DataFile("Toy Data.CSV", Sha256.of(csv), Files.size(csv))), d.files());
  }

  @Test
  void csvWithLabelByNameSplitOrTestFile() throws IOException {
    Path csv = indexedCsv("t.csv", 10, "a,b,y\n");
    Dataset first = DataSources.open(csv, DataOptions.defaults().withLabelColumn(LabelColumn.named("y"))
        .withSplit(DataSplit.first(0.7)));
    assertEquals("t (first 70% train)", first.name());
    assertRows(IntStream.range(0, 7).toArray(), first.train());
    assertRows(IntStream.range(7, 10).toArray(), first.test());

    Path test = indexedCsv("u.csv", 4, "a,b,y\n");
    Dataset pair = DataSources.open(csv, DataOptions.defaults().withTestFile(test).withHeaderLines(1));
    assertEquals("t+u", pair.name());
    assertRows(IntStream.range(0, 10).toArray(), pair.train());
    assertRows(IntStream.range(0, 4).toArray(), pair.test());
    assertEquals(2, pair.files().size());
  }

  private Path matFile(String name, int n, int d, int maxLabel) throws IOException {
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[j * n + i] = j == 0 ? i : -i; // column-major: column 0 is i, the others -i
      }
      y[i] = i % (maxLabel + 1);
    }
    return Files.write(dir.resolve(name), MAT.file(
        MAT.compressed(MAT.numeric("F", MX_DOUBLE, 0, n, d, MI_DOUBLE, x)),
        MAT.compressed(MAT.numeric("y", MX_DOUBLE, 0, 1, n, MI_UINT8, y)),
        MAT.numeric("X2", MX_DOUBLE, 0, n, d, MI_DOUBLE, x),
        MAT.numeric("lab", MX_DOUBLE, 0, n, 1, MI_UINT8, y)));
  }

  @Test
  void matIsReadWithDefaultOrGivenVariables() throws IOException {
    Path mat = matFile("x.mat", 30, 2, 2);
    Dataset d = DataSources.open(mat, DataOptions.defaults().withSplit(DataSplit.first(0.8)));
    assertEquals("x (first 80% train)", d.name());
    assertRows(IntStream.range(0, 24).toArray(), d.train());
    assertRows(IntStream.range(24, 30).toArray(), d.test());
    Dataset other = DataSources.open(mat, DataOptions.defaults().withMatVariables("X2", "lab"));
    assertEquals("x (random 80% train, seed 1)", other.name());
    assertRows(DataOptions.DEFAULT_SPLIT.trainRows(30), other.train());
    assertEquals(List.of(d.files().get(0)), other.files());
  }

  @Test
  void matPairTakesTheClassesOfBoth() throws IOException {
    Path train = matFile("a.mat", 12, 2, 1);
    Path test = matFile("b.mat", 5, 2, 4);
    Dataset d = DataSources.open(train, DataOptions.defaults().withTestFile(test));
    assertEquals("a+b", d.name());
    assertEquals(5, d.numClasses());
    assertEquals(12, d.train().size());
    assertEquals(5, d.test().size());
    assertEquals(List.of("a.mat", "b.mat"), d.files().stream().map(DataFile::name).toList());
    Path wide = matFile("c.mat", 5, 3, 1);
    IOException e = assertThrows(IOException.class,
        () -> DataSources.open(train, DataOptions.defaults().withTestFile(wide)));
    assertOneLine(e, "a.mat, c.mat", "2 features", "the test file 3");
  }

  @Test
  void idxDirectoryIsMnistsLayout() throws IOException {
    Path digits = Files.createDirectory(dir.resolve("digits"));
    IdxTestFiles.writeMnist(digits, 6, 4, 9, true);
    Dataset d = DataSources.open(digits, DataOptions.defaults());
    assertEquals("digits", d.name());
    assertEquals(6, d.train().size());
    assertEquals(4, d.test().size());
    assertEquals(IdxDirectory.FILE_NAMES, d.files().stream().map(DataFile::name).toList());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    IOException e = assertThrows(IOException.class, () -> DataSources.open(empty, DataOptions.defaults()));
    assertOneLine(e, empty.toString(), "IDX files in MNIST's layout", IdxDirectory.TRAIN_IMAGES);
  }

  /** Any IDX directory: its image size and classes, not MNIST's, become the network's input and output. */
  @Test
  void idxDirectoryOfAnyImageSizeAndNumberOfClasses() throws IOException {
    Path small = Files.createDirectory(dir.resolve("small"));
    java.util.Random random = new java.util.Random(3);
    IdxTestFiles.writePart(small, IdxDirectory.TRAIN_IMAGES, IdxDirectory.TRAIN_LABELS, 5, 7,
        new byte[] {0, 1, 2, 1}, random);
    IdxTestFiles.writePart(small, IdxDirectory.TEST_IMAGES, IdxDirectory.TEST_LABELS, 5, 7,
        new byte[] {2, 0}, random);
    Dataset d = DataSources.open(small, DataOptions.defaults());
    assertEquals("small", d.name());
    assertEquals(35, d.numFeatures());
    assertEquals(3, d.numClasses());
    assertEquals(4, d.train().size());
    assertEquals(2, d.test().size());
  }

  @Test
  void optionsThatDoNotApplyAreRefused() throws IOException {
    Path digits = Files.createDirectory(dir.resolve("digits"));
    IdxTestFiles.writeMnist(digits, 2, 2, 9, true);
    Path csv = indexedCsv("t.csv", 10, "");
    Path mat = matFile("x.mat", 10, 2, 1);
    DataOptions none = DataOptions.defaults();
    refused(() -> DataSources.open(digits, none.withSplit(DataSplit.first(0.8))),
        "a split (first:fraction=0.8)", digits.toString(), "own test part", IdxDirectory.TEST_IMAGES);
    refused(() -> DataSources.open(digits, none.withTestFile(csv)), "a test file", "own test part");
    refused(() -> DataSources.open(csv, none.withTestFile(csv).withSplit(DataSplit.first(0.5))),
        "both a test file", "and a split");
    refused(() -> DataSources.open(mat, none.withLabelColumn(LabelColumn.index(1))),
        "a label column (column 1)", "x.mat", "apply to .csv files");
    refused(() -> DataSources.open(digits, none.withHeaderLines(1)), "header lines (1)");
    refused(() -> DataSources.open(csv, none.withMatVariables("A", "b")), "MAT variables (A, b)",
        "not a .mat file");
    refused(() -> DataSources.open(csv, none.withTestFile(mat)), "the test file", "must be a .csv file");
    Path txt = Files.writeString(dir.resolve("data.txt"), "1,0\n");
    refused(() -> DataSources.open(txt, none), "data.txt: unknown kind of data source",
        "a directory of IDX files", ".csv", ".mat");
    refused(() -> none.withMatVariables("F", "F"), "two different, non-blank names");
    refused(() -> none.withHeaderLines(-1), "got -1");
  }

  @Test
  void missingPathsAndTooSmallFilesSayWhere() throws IOException {
    Path absent = dir.resolve("absent.csv");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> DataSources.open(absent, DataOptions.defaults()));
    assertEquals(absent + ": no such file or directory", e.getMessage());
    Path csv = indexedCsv("t.csv", 3, "");
    assertThrows(NoSuchFileException.class,
        () -> DataSources.open(csv, DataOptions.defaults().withTestFile(absent)));
    IOException small = assertThrows(IOException.class,
        () -> DataSources.open(csv, DataOptions.defaults().withSplit(DataSplit.first(0.9))));
    assertOneLine(small, "t.csv: ", "gives 3 train and 0 test samples");
  }

  @Test
  void optionDefaultsHaveOneHome() {
    DataOptions none = DataOptions.defaults();
    assertEquals(LabelColumn.last(), none.labelColumnOrDefault());
    assertEquals(0, none.headerLinesOrDefault());
    assertEquals(1, none.withLabelColumn(LabelColumn.named("y")).headerLinesOrDefault());
    assertEquals(3, none.withLabelColumn(LabelColumn.named("y")).withHeaderLines(3).headerLinesOrDefault());
    assertEquals(DataOptions.DEFAULT_SPLIT, none.splitOrDefault());
    assertEquals(MatDatasets.FEATURES, none.featuresVariableOrDefault());
    assertEquals(MatDatasets.LABELS, none.labelsVariableOrDefault());
    assertEquals("[]", none.toString());
    assertEquals("[split first:fraction=0.8, MAT variables X, t]",
        none.withMatVariables("X", "t").withSplit(DataSplit.first(0.8)).toString());
    assertFalse(none.split().isPresent(), "a default is not a given option");
  }

  private static void refused(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertOneLine(e, fragments);
  }

  private static void assertOneLine(Exception e, String... fragments) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
  }
}
