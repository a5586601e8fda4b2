package io.ib.mnist;

import static io.ib.data.idx.IdxTestFiles.gzip;
import static io.ib.data.idx.IdxTestFiles.raw;
import static io.ib.data.idx.IdxTestFiles.ubyte;
import static io.ib.data.idx.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.files.Sha256;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxFormatException;
import io.ib.data.idx.IdxReader;
import io.ib.data.idx.IdxTestFiles;
import io.ib.data.idx.PublishedMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** MNIST loading from synthetic files with the standard names. */
class MnistTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void loadsScaledPixelsLabelsAndFileSums(boolean gzipped) throws Exception {
    IdxTestFiles.writeMnist(dir, 7, 3, 11, gzipped);

    Dataset data = Mnist.load(dir);

    // Synthetic files are not the published MNIST files: named after the directory.
    assertEquals(IdxDirectory.derivedName(dir), data.name());
    assertNotEquals(PublishedMnist.NAME, data.name());
    assertEquals(7, data.train().size());
    assertEquals(3, data.test().size());
    assertEquals(784, data.numFeatures());
    assertEquals(10, data.numClasses());
    assertEquals(DataType.FLOAT, data.train().features().dataType());
    // Expected values come straight from the stored bytes, scaled here independently of the loader.
    byte[] pixels = IdxReader.read(IdxDirectory.find(dir, IdxDirectory.TRAIN_IMAGES)).toByteArray();
    float[] expected = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      expected[i] = (pixels[i] & 0xFF) / 255f;
    }
    assertArrayEquals(expected, data.train().features().data().asFloat());
    assertEquals(1.0f, data.train().features().maxNumber().floatValue());
    byte[] labels = IdxReader.read(IdxDirectory.find(dir, IdxDirectory.TEST_LABELS)).toByteArray();
    for (int i = 0; i < labels.length; i++) {
      assertEquals(labels[i], data.test().labels()[i]);
    }
    List<String> names = data.files().stream().map(DataFile::name).toList();
    List<String> expectedNames = gzipped ? IdxDirectory.FILE_NAMES
        : IdxDirectory.FILE_NAMES.stream().map(IdxTestFiles::raw).toList();
    assertEquals(expectedNames, names);
    for (DataFile f : data.files()) {
      Path p = dir.resolve(f.name());
      assertEquals(Sha256.of(p), f.sha256());
      assertEquals(Files.size(p), f.bytes());
    }
  }

  /**
   * Only the published files are "mnist" (RealMnistTest checks that they are); files in MNIST
   * layout from elsewhere (Fashion-MNIST, ...) are named after their directory, or as the caller
   * says.
   */
  @Test
  void otherFilesInMnistLayoutAreNamedAfterTheirDirectoryOrAsGiven() throws Exception {
    Path fashion = Files.createDirectories(dir.resolve("Fashion MNIST"));
    IdxTestFiles.writeMnist(fashion, 3, 2, 7, true);
    assertEquals("fashion-mnist", Mnist.load(fashion).name());
    assertEquals("zalando.fashion_v1", Mnist.load(fashion, "zalando.fashion_v1").name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mnist.load(fashion, "Fashion MNIST"));
    assertTrue(e.getMessage().contains("'Fashion MNIST'"), e.getMessage());
    // A directory called mnist does not make its files MNIST.
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    IdxTestFiles.writeMnist(mnist, 3, 2, 7, false);
    assertEquals("mnist-unverified", Mnist.load(mnist).name());
  }

  @Test
  void derivedNamesAreLowerCaseLettersDigitsDotsUnderscoresAndHyphens() {
    assertEquals("fashion-mnist", IdxDirectory.derivedName(Path.of("/data/Fashion MNIST")));
    assertEquals("kmnist_v2.0", IdxDirectory.derivedName(Path.of("/data/KMNIST_v2.0/")));
    assertEquals("a-b", IdxDirectory.derivedName(Path.of("/data/(a) + [b]!")));
    assertEquals("mnist-unverified", IdxDirectory.derivedName(Path.of("/data/MNIST")));
    assertEquals("idx", IdxDirectory.derivedName(Path.of("/")));
    assertEquals("idx", IdxDirectory.derivedName(Path.of("/data/___")));
    // A relative path is named by the directory it resolves to.
    assertEquals(IdxDirectory.derivedName(Path.of("").toAbsolutePath()),
        IdxDirectory.derivedName(Path.of(".")));
  }

  @Test
  void prefersGzipAndFallsBackToTheRawName() throws Exception {
    IdxTestFiles.writeMnist(dir, 2, 2, 3, false);
    assertEquals(dir.resolve(raw(IdxDirectory.TRAIN_IMAGES)),
        IdxDirectory.find(dir, IdxDirectory.TRAIN_IMAGES));
    Files.write(dir.resolve(IdxDirectory.TRAIN_IMAGES),
        gzip(Files.readAllBytes(dir.resolve(raw(IdxDirectory.TRAIN_IMAGES)))));
    assertEquals(dir.resolve(IdxDirectory.TRAIN_IMAGES), IdxDirectory.find(dir, IdxDirectory.TRAIN_IMAGES));
    Files.delete(dir.resolve(raw(IdxDirectory.TEST_LABELS)));
    assertNull(IdxDirectory.find(dir, IdxDirectory.TEST_LABELS));
    assertEquals(List.of(IdxDirectory.TEST_LABELS), IdxDirectory.missingFiles(dir));
    Exception e = assertThrows(java.io.IOException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains(IdxDirectory.TEST_LABELS), e.getMessage());
  }

  @Test
  void imageAndLabelCountsMustAgree() throws Exception {
    IdxTestFiles.writeMnist(dir, 5, 3, 5, true);
    write(dir, IdxDirectory.TRAIN_LABELS, gzip(ubyte(new int[] {4}, new byte[4])));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains(IdxDirectory.TRAIN_LABELS), e.getMessage());
    assertTrue(e.getMessage().contains(IdxDirectory.TRAIN_IMAGES), e.getMessage());
    assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
  }

  @Test
  void labelsAboveNineAreRejectedWithIndexAndValue() throws Exception {
    IdxTestFiles.writeMnist(dir, 5, 3, 5, true);
    write(dir, IdxDirectory.TEST_LABELS, gzip(ubyte(new int[] {3}, new byte[] {1, 2, (byte) 200})));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains(IdxDirectory.TEST_LABELS), e.getMessage());
    assertTrue(e.getMessage().contains("bad label"), e.getMessage());
    assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    assertTrue(e.getMessage().contains("200"), e.getMessage());
    assertEquals(8 + 2, e.offset());
  }

  @Test
  void imagesMustBe28By28() throws Exception {
    IdxTestFiles.writeMnist(dir, 2, 2, 5, true);
    write(dir, IdxDirectory.TRAIN_IMAGES, gzip(ubyte(new int[] {2, 28, 27}, new byte[2 * 28 * 27])));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains(IdxDirectory.TRAIN_IMAGES) && e.getMessage().contains("28 x 27"),
        e.getMessage());
  }

  @Test
  void labelFileWithImageRankIsRejected() throws Exception {
    IdxTestFiles.writeMnist(dir, 2, 2, 5, true);
    Files.copy(dir.resolve(IdxDirectory.TRAIN_IMAGES), dir.resolve(IdxDirectory.TRAIN_LABELS),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains(IdxDirectory.TRAIN_LABELS) && e.getMessage().contains("dimensions"),
        e.getMessage());
  }

  @Test
  void pixelsCoverTheFullByteRange() throws Exception {
    // Guards the unsigned conversion: 255 must become 1.0, 128 must not become negative.
    Random random = new Random(1);
    IdxTestFiles.writeMnist(dir, 1, 1, random.nextLong(), true);
    float[] row = Mnist.load(dir).train().features().data().asFloat();
    assertEquals(0f, row[0]);
    assertEquals(128 / 255f, row[128]);
    assertEquals(1f, row[255]);
  }
}
