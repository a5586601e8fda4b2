package io.ib.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ib.data.csv.CsvDatasets;
import io.ib.data.csv.LabelColumn;
import io.ib.data.files.Sha256;
import io.ib.data.idx.IdxReader;
import io.ib.data.mat.MatDatasets;
import io.ib.data.mat.MatFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named pipe (FIFO) given as data is refused at once, in one line, by every reader: opening one
 * for reading waits for a writer, so a reader that opened it would wait forever. Run with a time
 * limit, so that a reader that opens the pipe fails the test instead of hanging the build.
 */
class NotRegularFileTest {
  @TempDir Path dir;

  private Path fifo(String name) throws IOException, InterruptedException {
    Path path = dir.resolve(name);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("needs mkfifo: " + e.getMessage());
      throw e;
    }
    Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
        "mkfifo could not make a named pipe here");
    return path;
  }

  private static void refused(Path fifo, Executable read) {
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(IOException.class, read), "the reader waited on the pipe " + fifo);
    assertEquals(fifo + ": not a regular file", e.getMessage());
  }

  @Test
  void dataSourcesRefuseAPipeForTheDataOrTheTestFile() throws Exception {
    Path csv = fifo("data.csv");
    Path mat = fifo("data.mat");
    refused(csv, () -> DataSources.open(csv, DataOptions.defaults()));
    refused(mat, () -> DataSources.open(mat, DataOptions.defaults()));
    Path train = Files.writeString(dir.resolve("train.csv"), "0,1\n1,0\n");
    refused(csv, () -> DataSources.open(train, DataOptions.defaults().withTestFile(csv)));
  }

  @Test
  void everyReaderRefusesAPipe() throws Exception {
    Path pipe = fifo("pipe");
    refused(pipe, () -> IdxReader.read(pipe));
    refused(pipe, () -> CsvDatasets.load(pipe, LabelColumn.last(), 0));
    refused(pipe, () -> MatFile.read(pipe));
    refused(pipe, () -> MatDatasets.load(pipe));
    refused(pipe, () -> Sha256.of(pipe));
    refused(pipe, () -> Sha256.identity(pipe));
  }
}
