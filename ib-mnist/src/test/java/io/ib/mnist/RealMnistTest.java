package io.ib.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.files.TestDirectories;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.PublishedMnist;
import io.ib.data.source.DataOptions;
import io.ib.data.source.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks on the real MNIST files; skipped unless IB_DATA_DIR points to them. */
class RealMnistTest {
  private static Dataset data;

  @BeforeAll
  static void load() throws Exception {
    Path dir = dataDir();
    if (dir != null && IdxDirectory.missingFiles(dir).isEmpty()) {
      data = Mnist.load(dir);
    }
  }

  @BeforeEach
  void requireData() {
    // Checked per test so that each one is reported as skipped, with the reason.
    Assumptions.assumeTrue(data != null,
        "IB_DATA_DIR must point to the MNIST directory (the four *-ubyte.gz files) to run these tests");
  }

  private static Path dataDir() {
    return TestDirectories.fromEnvironment(MnistLocator.ENV_VAR);
  }

  @Test
  void sizesAndPixelRange() {
    assertEquals(60_000, data.train().size());
    assertEquals(10_000, data.test().size());
    assertEquals(784, data.numFeatures());
    for (var split : new io.ib.data.LabelledData[] {data.train(), data.test()}) {
      float[] x = split.features().data().asFloat();
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0f, min);
      assertEquals(1f, max);
    }
  }

  @Test
  void testLabelCounts() {
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
        data.test().classCounts());
  }

  @Test
  void filesHaveThePublishedSums() {
    assertEquals(IdxDirectory.FILE_NAMES, data.files().stream().map(DataFile::name).toList());
    for (DataFile f : data.files()) {
      assertEquals(PublishedMnist.SHA256.get(f.name()), f.sha256(), f.name());
    }
    assertEquals(PublishedMnist.NAME, data.name());
  }

  /** The published files are "mnist" whatever their directory is called: the sums decide. */
  @Test
  void thePublishedFilesAreMnistInAnyDirectory(@TempDir Path tmp) throws Exception {
    Path other = Files.createDirectories(tmp.resolve("Fashion MNIST"));
    for (String name : IdxDirectory.FILE_NAMES) {
      Files.createSymbolicLink(other.resolve(name), dataDir().toAbsolutePath().resolve(name));
    }
    assertEquals(PublishedMnist.NAME, Mnist.load(other).name());
  }

  /** --data DIR reads the published files as Mnist does: same name, shape, classes and files. */
  @Test
  void theDispatcherReadsThemAsMnist() throws Exception {
    Dataset viaData = DataSources.open(dataDir(), DataOptions.defaults());
    assertEquals(data.name(), viaData.name());
    assertEquals(data.numFeatures(), viaData.numFeatures());
    assertEquals(data.numClasses(), viaData.numClasses());
    assertEquals(data.files(), viaData.files());
    assertArrayEquals(data.test().labels(), viaData.test().labels());
  }

  @Test
  void topImageRowIsBlankInEveryTestImage() {
    // Pixel columns 0..27 (the top row) are zero in every test image; estimators may rely on that.
    float[] x = data.test().features().data().asFloat();
    for (int i = 0; i < data.test().size(); i++) {
      for (int j = 0; j < 28; j++) {
        assertEquals(0f, x[i * 784 + j], "image " + i + " pixel " + j);
      }
    }
  }

  @Test
  void secondImageRowIsNotBlankInEveryTestImage() {
    // Guards against a tempting wrong assumption: columns 28..55 (the second row) are NOT all zero
    // (e.g. test image 156 has ink at row 1), so nothing may treat them as constant.
    float[] x = data.test().features().data().asFloat();
    boolean ink = false;
    for (int i = 0; i < data.test().size() && !ink; i++) {
      for (int j = 28; j < 56; j++) {
        ink |= x[i * 784 + j] != 0f;
      }
    }
    assertTrue(ink);
  }
}
