package io.ib.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.csv.CsvDatasets;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxReader;
import io.ib.data.idx.IdxTestFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read give one line naming the file and the cause. */
class ReadFailuresTest {
  @TempDir Path dir;

  /** What the JDK throws on Linux for EACCES: the path alone, no word about permissions. */
  @Test
  void accessDeniedSaysPermissionDenied() {
    Path file = Path.of("/data/mnist/t10k-labels-idx1-ubyte.gz");
    AccessDeniedException jdk = new AccessDeniedException(file.toString());
    assertEquals(file.toString(), jdk.getMessage(), "the JDK's message, for comparison");
    IOException e = ReadFailures.describe(file, jdk);
    assertInstanceOf(AccessDeniedException.class, e);
    assertEquals("/data/mnist/t10k-labels-idx1-ubyte.gz: permission denied", e.getMessage());
    assertSame(jdk, e.getCause());
  }

  @Test
  void otherFailuresGiveTheirReasonOnOneLine() {
    Path file = Path.of("/data/x.csv");
    assertEquals("/data/x.csv: no such file",
        ReadFailures.describe(file, new NoSuchFileException(file.toString())).getMessage());
    assertEquals("/data/x.csv: Input/output error", ReadFailures.describe(file,
        new FileSystemException(file.toString(), null, "Input/output error")).getMessage());
    assertEquals("/data/x.csv: stale handle, retry", ReadFailures.describe(file,
        new IOException("stale handle,\n  retry")).getMessage());
    assertEquals("/data/x.csv: IOException",
        ReadFailures.describe(file, new IOException()).getMessage());
  }

  @Test
  void readersUseIt() throws IOException {
    Path absent = dir.resolve("absent.idx");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(absent));
    assertEquals(absent + ": no such file", e.getMessage());
    IOException onDirectory = assertThrows(IOException.class, () -> IdxReader.read(dir));
    assertTrue(onDirectory.getMessage().startsWith(dir + ": "), onDirectory.getMessage());
    assertTrue(!onDirectory.getMessage().contains("\n"), onDirectory.getMessage());
    Path csv = Files.writeString(dir.resolve("train.csv"), "0,1\n1,0\n");
    IOException onCsv = assertThrows(IOException.class,
        () -> CsvDatasets.load(csv, dir.resolve("test.csv"), 1, 0));
    assertEquals(dir.resolve("test.csv") + ": no such file", onCsv.getMessage());
  }

  /**
   * A real unreadable file. Root reads it anyway (chmod 000 does not stop root), so the test is
   * skipped there; {@link #accessDeniedSaysPermissionDenied} covers the message in every run.
   */
  @Test
  void unreadableFilesSayPermissionDenied() throws IOException {
    Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "needs a file system with POSIX permissions");
    IdxTestFiles.writeMnist(dir, 2, 2, 3, true);
    Path images = dir.resolve(IdxDirectory.TEST_IMAGES);
    Path csv = Files.writeString(dir.resolve("train.csv"), "0,1\n1,0\n");
    Set<java.nio.file.attribute.PosixFilePermission> none = PosixFilePermissions.fromString("---------");
    Files.setPosixFilePermissions(images, none);
    Files.setPosixFilePermissions(csv, none);
    try {
      Assumptions.assumeFalse(Files.isReadable(images),
          "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not prevent reading");
      AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> IdxDirectory.load(dir));
      assertEquals(images + ": permission denied", e.getMessage());
      AccessDeniedException onCsv =
          assertThrows(AccessDeniedException.class, () -> CsvDatasets.load(csv, csv, 1, 0));
      assertEquals(csv + ": permission denied", onCsv.getMessage());
    } finally {
      Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
