package io.ib.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.Samples;
import io.ib.data.files.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CsvDatasetsTest {
  @TempDir Path dir;

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void loadsFeaturesLabelsAndProvenance() throws Exception {
    Path train = csv("iris-train.csv", "a,label,b\n1.5,0,2\n-3,2,4e1\n\n0.25,1,\"7\"\n\n");
    Path test = csv("iris-test.csv", "a,label,b\n9,3.0,8\n");

    Dataset d = CsvDatasets.load(train, test, 1, 1);

    assertEquals("iris-train+iris-test", d.name());
    assertEquals(4, d.numClasses()); // max label 3 is only in the test file
    assertEquals(2, d.numFeatures());
    assertEquals(DataType.FLOAT, d.train().features().dataType());
    assertArrayEquals(new float[] {1.5f, 2f, -3f, 40f, 0.25f, 7f}, d.train().features().data().asFloat());
    assertArrayEquals(new int[] {0, 2, 1}, d.train().labels());
    assertArrayEquals(new float[] {9f, 8f}, d.test().features().data().asFloat());
    assertArrayEquals(new int[] {3}, d.test().labels());
    assertEquals(Sha256.of(train), d.files().get(0).sha256());
    assertEquals(Files.size(test), d.files().get(1).bytes());
  }

  @Test
  void growsPastTheInitialBuffers() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      sb.append(i).append(',').append(i % 3).append('\n');
    }
    Path train = csv("big.csv", sb.toString());
    Dataset d = CsvDatasets.load(train, train, 1, 0);
    float[] x = d.train().features().data().asFloat();
    assertEquals(3000, x.length);
    assertEquals(2999f, x[2999]);
    assertEquals(2999 % 3, d.train().labels()[2999]);
  }

  private void fails(String trainText, String testText, String... words) throws IOException {
    Path train = csv("train.csv", trainText);
    Path test = csv("test.csv", testText);
    IOException e = assertThrows(IOException.class, () -> CsvDatasets.load(train, test, 0, 0));
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), e.getMessage() + " lacks " + w);
    }
  }

  @Test
  void nonNumericValue() throws IOException {
    fails("0,1\n1,x7\n", "0,1\n", "train.csv", "line 2", "column 1", "x7", "not a number");
    fails("0,1\n", "0,1\n1,NaN\n", "test.csv", "line 2", "column 1", "NaN");
  }

  @Test
  void lineNumbersCountSkippedHeaderLines() throws IOException {
    Path train = csv("h.csv", "x,y\nlabel,feature\n0,1\n1,oops\n");
    IOException e = assertThrows(IOException.class, () -> CsvDatasets.load(train, train, 0, 2));
    assertTrue(e.getMessage().contains("h.csv: line 4, column 1"), e.getMessage());
  }

  @Test
  void raggedRow() throws IOException {
    fails("0,1,2\n1,2\n", "0,1,2\n", "train.csv", "line 2", "ragged", "expected 3", "found 2");
    fails("0,1,2\n", "0,1\n", "test.csv", "line 1", "ragged");
  }

  @Test
  void badLabels() throws IOException {
    fails("0,1\n-1,2\n", "0,1\n", "train.csv", "line 2", "column 0", "'-1'", "label");
    fails("0,1\n1.5,2\n", "0,1\n", "'1.5'", "label");
    fails("0,1\ncat,2\n", "0,1\n", "'cat'", "label");
    fails("0,1\n", "0,1\n", "at least 2 classes");
  }

  @Test
  void emptyFileAndBadArguments() throws IOException {
    fails("", "1,1\n", "train.csv", "no data");
    Path f = csv("f.csv", "0,1\n1,1\n");
    assertThrows(IllegalArgumentException.class, () -> CsvDatasets.load(f, f, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> CsvDatasets.load(f, f, 0, -1));
    IOException e = assertThrows(IOException.class, () -> CsvDatasets.load(f, f, 5, 0));
    assertTrue(e.getMessage().contains("label column 5"), e.getMessage());
  }

  @Test
  void oneFileWithTheLabelColumnByNameIndexOrLast() throws Exception {
    Path all = csv("toy.csv", "# toy data\na,label,b\n1,0,2\n3,1,4\n\n5,2,6\n7,1,8\n");
    Samples byName = CsvDatasets.load(all, LabelColumn.named(" label "), 2);
    Samples byIndex = CsvDatasets.load(all, LabelColumn.index(1), 2);
    assertEquals("toy", byName.name());
    assertEquals(3, byName.data().numClasses());
    assertArrayEquals(new int[] {0, 1, 2, 1}, byName.data().labels());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, byName.data().features().data().asFloat());
    assertArrayEquals(byName.data().labels(), byIndex.data().labels());
    assertEquals(Sha256.of(all), byName.files().get(0).sha256());
    assertEquals("toy.csv", byName.files().get(0).name());

    Samples last = CsvDatasets.load(csv("last.csv", "1,2,0\n3,4,1\n"), LabelColumn.last(), 0);
    assertArrayEquals(new int[] {0, 1}, last.data().labels());
    assertArrayEquals(new float[] {1, 2, 3, 4}, last.data().features().data().asFloat());

    Dataset split = byName.split(DataSplit.first(0.5));
    assertEquals("toy (first 50% train)", split.name());
    assertArrayEquals(new int[] {0, 1}, split.train().labels());
  }

  @Test
  void pairByNameNeedsTheSameHeader() throws Exception {
    Path train = csv("tr.csv", "x,y\n1,0\n2,1\n");
    Dataset d = CsvDatasets.load(train, csv("te.csv", "x,y\n3,1\n"), LabelColumn.named("y"), 1);
    assertArrayEquals(new float[] {3}, d.test().features().data().asFloat());
    IOException e = assertThrows(IOException.class,
        () -> CsvDatasets.load(train, csv("te2.csv", "y,x\n1,3\n"), LabelColumn.named("y"), 1));
    assertTrue(e.getMessage().startsWith("te2.csv: line 1: the header line differs"), e.getMessage());
  }

  private void failsOne(String text, LabelColumn label, int headerLines, String... words) throws IOException {
    Path file = csv("one.csv", text);
    IOException e = assertThrows(IOException.class, () -> CsvDatasets.load(file, label, headerLines));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), e.getMessage() + " lacks " + w);
    }
  }

  @Test
  void badSingleFilesSayFileLineAndColumn() throws IOException {
    failsOne("a,b\n1,0\n", LabelColumn.named("label"), 1, "one.csv: line 1", "no column named 'label'",
        "'a', 'b'");
    failsOne("y,a,y\n1,0,1\n", LabelColumn.named("y"), 1, "line 1", "appears twice", "columns 0 and 2");
    failsOne("1,0\n2,1\n", LabelColumn.index(2), 0, "one.csv: line 1", "label column 2 does not exist");
    failsOne("x0,y\n1,0\n", LabelColumn.last(), 0, "one.csv: line 1, column 0", "not a number: 'x0'",
        "header");
    failsOne("1,0\n2,1\n3,x\n", LabelColumn.last(), 0, "line 3, column 1", "'x'");
    failsOne("1,0\n2,1,5\n", LabelColumn.last(), 0, "line 2", "ragged", "expected 2", "found 3");
    failsOne("1,3\n2,3\n", LabelColumn.last(), 0, "one.csv", "every label is 3", "at least 2 classes");
    failsOne("", LabelColumn.last(), 0, "one.csv", "no data rows");
    failsOne("a,y\n", LabelColumn.named("y"), 1, "one.csv", "no data rows after 1 header lines");
    failsOne("", LabelColumn.named("y"), 1, "one.csv", "ends before its header line 1");
    failsOne("1,0\n\"2,1\n3,1\n", LabelColumn.last(), 0, "one.csv: after line 1",
        "Un-terminated quoted field");
    failsOne("y\n1\n", LabelColumn.named("y"), 1, "line 1", "at least one feature");
    Path f = csv("f.csv", "0,1\n1,1\n");
    IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class,
        () -> CsvDatasets.load(f, LabelColumn.named("y"), 0));
    assertTrue(noHeader.getMessage().contains("needs a header line"), noHeader.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CsvDatasets.load(f, LabelColumn.last(), -1));
  }

  @Test
  void labelColumnForms() {
    assertEquals(LabelColumn.index(12), LabelColumn.parse(" 12 "));
    assertEquals(LabelColumn.named("y"), LabelColumn.parse("y"));
    assertEquals(LabelColumn.named("12b"), LabelColumn.parse("12b"));
    assertEquals("column 'y'", LabelColumn.named("y").toString());
    assertEquals("column 3", LabelColumn.index(3).toString());
    assertEquals("the last column", LabelColumn.last().toString());
    assertTrue(LabelColumn.last().isLast());
    assertEquals(java.util.OptionalInt.of(3), LabelColumn.index(3).index());
    assertThrows(IllegalArgumentException.class, () -> LabelColumn.parse(" "));
    assertThrows(IllegalArgumentException.class, () -> LabelColumn.parse("99999999999"));
    assertThrows(IllegalArgumentException.class, () -> LabelColumn.index(-1));
  }
}
