package io.ib.data.idx;

import static io.ib.data.idx.IdxDirectory.TEST_IMAGES;
import static io.ib.data.idx.IdxDirectory.TEST_LABELS;
import static io.ib.data.idx.IdxDirectory.TRAIN_IMAGES;
import static io.ib.data.idx.IdxDirectory.TRAIN_LABELS;
import static io.ib.data.idx.IdxTestFiles.writePart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories of IDX files in MNIST's layout with other image sizes and numbers of classes: the
 * network's input and output follow the data, as for CSV and MAT files.
 */
class IdxDirectoryTest {
  @TempDir Path dir;

  private final Random random = new Random(17);

  /** Row i of {@code part} holds image i of {@code pixels} scaled to [0, 1], and label i. */
  private static void assertPart(byte[] pixels, byte[] labels, LabelledData part) {
    int d = pixels.length / labels.length;
    float[] x = part.features().data().asFloat();
    assertEquals(labels.length, part.size());
    assertEquals(d, part.numFeatures());
    for (int k = 0; k < pixels.length; k++) {
      assertEquals((pixels[k] & 0xFF) / 255f, x[k], "pixel " + k);
    }
    for (int i = 0; i < labels.length; i++) {
      assertEquals(labels[i], part.labels()[i]);
    }
  }

  @Test
  void anyImageSizeAndNumberOfClasses() throws IOException {
    Path fives = Files.createDirectory(dir.resolve("Five by Seven"));
    byte[] trainLabels = {0, 1, 2, 2, 1, 0};
    byte[] testLabels = {2, 0, 1, 1};
    byte[] train = writePart(fives, TRAIN_IMAGES, TRAIN_LABELS, 5, 7, trainLabels, random);
    byte[] test = writePart(fives, TEST_IMAGES, TEST_LABELS, 5, 7, testLabels, random);

    Dataset d = IdxDirectory.load(fives);

    assertEquals("five-by-seven", d.name());
    assertEquals(35, d.numFeatures(), "5 x 7 pixels, the top row first");
    assertEquals(3, d.numClasses(), "the largest label plus one");
    assertPart(train, trainLabels, d.train());
    assertPart(test, testLabels, d.test());
    assertEquals(IdxDirectory.FILE_NAMES, d.files().stream().map(DataFile::name).toList());
  }

  @Test
  void classesAreTheLargestLabelOfBothPartsPlusOne() throws IOException {
    writePart(dir, TRAIN_IMAGES, TRAIN_LABELS, 2, 3, new byte[] {0, 1, 1}, random);
    writePart(dir, TEST_IMAGES, TEST_LABELS, 2, 3, new byte[] {4, 0}, random);
    Dataset d = IdxDirectory.load(dir, "five-classes");
    assertEquals("five-classes", d.name());
    assertEquals(5, d.numClasses());
    assertEquals(5, d.train().numClasses(), "a class only in the test part counts for both");
    assertEquals(6, d.numFeatures());
  }

  @Test
  void trainAndTestImagesMustHaveOneSize() throws IOException {
    writePart(dir, TRAIN_IMAGES, TRAIN_LABELS, 5, 7, new byte[] {0, 1}, random);
    writePart(dir, TEST_IMAGES, TEST_LABELS, 7, 5, new byte[] {0, 1}, random);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxDirectory.load(dir));
    assertOneLine(e, TEST_IMAGES, "wrong image size", "5 x 7 pixels, as in " + TRAIN_IMAGES, "found 7 x 5");
  }

  @Test
  void oneClassIsNotEnough() throws IOException {
    writePart(dir, TRAIN_IMAGES, TRAIN_LABELS, 2, 2, new byte[] {3, 3}, random);
    writePart(dir, TEST_IMAGES, TEST_LABELS, 2, 2, new byte[] {3}, random);
    IOException e = assertThrows(IOException.class, () -> IdxDirectory.load(dir));
    assertOneLine(e, TRAIN_LABELS, TEST_LABELS, "every label is 3", "at least 2 classes");
  }

  /** What a caller such as ib-mnist requires: a fixed image size and number of classes. */
  @Test
  void aRequiredLayoutIsChecked() throws IOException {
    IdxDirectory.Layout digits = new IdxDirectory.Layout(28, 28, 10);
    writePart(dir, TRAIN_IMAGES, TRAIN_LABELS, 5, 7, new byte[] {0, 1}, random);
    writePart(dir, TEST_IMAGES, TEST_LABELS, 5, 7, new byte[] {0, 1}, random);
    IdxFormatException size =
        assertThrows(IdxFormatException.class, () -> IdxDirectory.load(dir, null, digits));
    assertOneLine(size, TRAIN_IMAGES, "wrong image size", "28 x 28 pixels", "found 5 x 7");
    IdxDirectory.Layout fives = new IdxDirectory.Layout(5, 7, 10);
    assertEquals(10, IdxDirectory.load(dir, null, fives).numClasses(),
        "the layout's classes, not the labels'");
    writePart(dir, TEST_IMAGES, TEST_LABELS, 5, 7, new byte[] {0, 12}, random);
    IdxFormatException label =
        assertThrows(IdxFormatException.class, () -> IdxDirectory.load(dir, null, fives));
    assertOneLine(label, TEST_LABELS, "bad label", "0..9 at index 1", "found 12");
    assertEquals(8 + 1, label.offset());
    assertThrows(IllegalArgumentException.class, () -> new IdxDirectory.Layout(0, 28, 10));
    assertThrows(IllegalArgumentException.class, () -> new IdxDirectory.Layout(28, 28, 1));
  }

  private static void assertOneLine(Exception e, String... fragments) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
  }
}
