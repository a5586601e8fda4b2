package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is not a run directory, or is damaged, is one IOException naming the file; nothing is written. */
class RunDirectoryErrorsTest {
  @TempDir
  Path tmp;

  @Test
  void notARunDirectoryIsAnIoExceptionNamingPathAndWhatIsMissing() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IOException e = assertThrows(IOException.class, () -> Report.write(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sweep.json") && e.getMessage().contains("measurements.csv"),
        e.getMessage());
    assertFalse(Files.exists(empty.resolve("plots")), "wrote into a directory that is not a run");

    Path onlyManifest = Files.createDirectories(tmp.resolve("only-manifest"));
    Files.writeString(onlyManifest.resolve("sweep.json"), "{}");
    IOException e2 = assertThrows(IOException.class, () -> Report.write(onlyManifest));
    assertTrue(e2.getMessage().contains("measurements.csv is missing"), e2.getMessage());

    Path nowhere = tmp.resolve("does-not-exist");
    IOException e3 = assertThrows(NoSuchFileException.class, () -> Report.write(nowhere));
    assertTrue(e3.getMessage().contains(nowhere.toString()), e3.getMessage());

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    IOException e4 = assertThrows(IOException.class, () -> Report.write(file));
    assertTrue(e4.getMessage().contains(file + " is not a directory"), e4.getMessage());
  }

  @Test
  void malformedFilesNameTheFile() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    Files.writeString(dir.resolve("sweep.json"), "{\"status\": ");
    IOException e = assertThrows(IOException.class, () -> Report.write(dir));
    assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());

    Path dir2 = new SyntheticRun().write(tmp.resolve("run2"));
    Files.writeString(dir2.resolve("measurements.csv"), "not,the,header\n");
    IOException e2 = assertThrows(IOException.class, () -> Report.write(dir2));
    assertTrue(e2.getMessage().contains(dir2.resolve("measurements.csv").toString()), e2.getMessage());
  }

  @Test
  void manifestWithoutConfigurationIsAnIoExceptionNamingTheFile() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.withConfig = false;
    Path dir = run.write(tmp.resolve("run"));
    IOException e = assertThrows(IOException.class, () -> Report.write(dir));
    assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("\"config\""), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertFalse(Files.exists(dir.resolve("plots")));
  }

  @Test
  void manifestOfAnotherFormatIsRejectedAndTheNextIbSweepFormatAccepted() throws Exception {
    for (String format : new String[] {"ib-sweep/3", "something-else/1", "", null}) {
      SyntheticRun run = new SyntheticRun();
      run.format = format;
      Path dir = run.write(tmp.resolve("run-" + (format == null ? "none" : Specs.stem(format + "x"))));
      IOException e = assertThrows(IOException.class, () -> Report.write(dir), "format " + format);
      assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());
      assertTrue(e.getMessage().contains("ib-sweep/1"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertFalse(Files.exists(dir.resolve("report.html")));
    }
    SyntheticRun next = new SyntheticRun();
    next.format = "ib-sweep/2";
    Path dir = next.write(tmp.resolve("run-2"));
    assertTrue(Files.exists(Report.write(dir).html()));
  }
}
