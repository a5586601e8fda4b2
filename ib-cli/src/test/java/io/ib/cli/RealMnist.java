package io.ib.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real MNIST directory for tests, from IB_DATA_DIR; tests that need it skip without it. */
final class RealMnist {
  private RealMnist() {}

  /** The directory, or the calling test is skipped with the reason. */
  static String directoryOrSkip(String what) {
    String data = System.getenv("IB_DATA_DIR");
    Assumptions.assumeTrue(
        data != null && Files.isRegularFile(Path.of(data, "t10k-labels-idx1-ubyte.gz")),
        "IB_DATA_DIR must point to the MNIST directory to run " + what);
    return data;
  }
}
