package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one home of publishing by a temporary name and a rename, shared by the local directory and
 * ib-spark's Hadoop storage: the temporary name is one the commit protocol clears as a dead
 * writer's leftover, and a failed rename leaves no temporary file.
 */
class RenamingCellStorageTest {
  @Test
  void temporaryNamesAreTheProtocolsAndSitNextToTheirFile() {
    String cell = RenamingCellStorage.temporaryName("w5-s1.csv");
    assertTrue(cell.startsWith(".w5-s1.csv.") && cell.endsWith(".tmp"), cell);
    assertTrue(CellCommits.isOurs(cell), "the merge clears it: " + cell);
    String plot = RenamingCellStorage.temporaryName("plots/a.svg");
    assertTrue(plot.startsWith("plots/.a.svg.") && plot.endsWith(".tmp"), plot);
    assertFalse(cell.equals(RenamingCellStorage.temporaryName("w5-s1.csv")), "one per writer");
  }

  @Test
  void aFailedRenameLeavesNoTemporaryFile() {
    List<String> files = new ArrayList<>();
    RenamingCellStorage failing = new RenamingCellStorage() {
      @Override
      protected void write(String name, byte[] bytes) {
        files.add(name);
      }

      @Override
      protected void replace(String from, String to) throws IOException {
        throw new IOException("no rename");
      }

      @Override
      public void delete(String name) {
        files.remove(name);
      }

      @Override
      public String describe() {
        return "test";
      }

      @Override
      public List<String> list() {
        return files;
      }

      @Override
      public byte[] read(String name) {
        return null;
      }
    };
    assertThrows(IOException.class, () -> failing.publish("w1-s1.csv", new byte[] {1}));
    assertEquals(List.of(), files);
  }

  @Test
  void theLocalDirectoryPublishesIntoSubfoldersAndIsRemovedOnceEmpty(@TempDir Path dir)
      throws IOException {
    CellStorage s = CellStorages.local(dir.resolve("c"));
    s.removeIfEmpty(); // absent: nothing to do
    s.publish("plots/a.svg", "<svg/>".getBytes(StandardCharsets.UTF_8));
    try (Stream<Path> plots = Files.list(dir.resolve("c/plots"))) {
      assertEquals(List.of(dir.resolve("c/plots/a.svg")), plots.toList());
    }
    s.publish("w1-s1.csv", "a\n".getBytes(StandardCharsets.UTF_8));
    s.removeIfEmpty();
    assertTrue(Files.isDirectory(dir.resolve("c")), "it holds files");
    s.delete("w1-s1.csv");
    s.delete("plots/a.svg");
    Files.delete(dir.resolve("c/plots"));
    s.removeIfEmpty();
    assertFalse(Files.exists(dir.resolve("c")));
  }
}
