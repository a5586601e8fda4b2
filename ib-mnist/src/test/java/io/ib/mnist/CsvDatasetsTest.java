package io.ib.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
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
}
