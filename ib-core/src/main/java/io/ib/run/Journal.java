package io.ib.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces several files of a run directory as one step (a redo log): the new contents are written
 * beside the files as {@code NAME.next}, then the list of them is written as {@value #FILE} (the
 * commit point), then each {@code .next} is renamed over its file and the list deleted. After a crash
 * at any moment, {@link #recover} finishes a committed replacement or discards an uncommitted one, so
 * the files are either all old or all new.
 */
final class Journal {
  /** The commit record inside the run directory. */
  static final String FILE = "commit.json";
  private static final String SUFFIX = ".next";

  private Journal() {}

  /**
   * Replaces the given files of {@code dir} at once.
   *
   * @param files names relative to {@code dir} (e.g. {@code snapshots/index.csv}) with their new
   *     contents, in the order to rename them
   */
  static void commit(Path dir, Map<String, byte[]> files) throws IOException {
    ObjectNode record = Json.MAPPER.createObjectNode();
    var names = record.putArray("files");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Disk.write(dir.resolve(f.getKey() + SUFFIX), f.getValue());
      names.add(f.getKey());
    }
    Disk.writeAtomically(dir.resolve(FILE), Json.bytes(record));
    apply(dir, new ArrayList<>(files.keySet()));
  }

  /**
   * Finishes or discards an interrupted {@link #commit}: with a commit record, renames the
   * {@code .next} files that remain; without one, deletes stray {@code .next} files of the names the
   * run directory uses.
   *
   * @param known every name a commit may replace, for the clean-up of uncommitted ones
   * @throws DamagedFileException if the commit record cannot be read
   */
  static void recover(Path dir, List<String> known) throws IOException {
    Path record = dir.resolve(FILE);
    if (Files.isRegularFile(record)) {
      List<String> names = new ArrayList<>();
      try {
        JsonNode node = Json.MAPPER.readTree(record.toFile());
        node.path("files").forEach(n -> names.add(n.asText()));
        if (names.isEmpty() || !known.containsAll(names)) {
          throw new DamagedFileException(record, "it lists " + names + ", expected some of " + known);
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new DamagedFileException(record, "not valid JSON: " + e.getOriginalMessage());
      }
      apply(dir, names);
    }
    for (String name : known) {
      Path stray = dir.resolve(name + SUFFIX);
      if (Files.exists(stray)) {
        Disk.deleteIfExists(stray);
      }
    }
  }

  private static void apply(Path dir, List<String> names) throws IOException {
    for (String name : names) {
      Path next = dir.resolve(name + SUFFIX);
      if (Files.exists(next)) {
        Disk.move(next, dir.resolve(name));
      }
    }
    Disk.deleteIfExists(dir.resolve(FILE));
  }

  /**
   * The file that holds a name's current contents, without changing anything: its {@code .next}
   * version when a committed replacement is still being applied (a stop between the commit point
   * and the renames), else the file itself. What read-only readers use, so that they see what
   * {@link #recover} will make of the directory.
   *
   * @throws DamagedFileException if the commit record cannot be read
   */
  static Path current(Path dir, String name) throws IOException {
    Path record = dir.resolve(FILE);
    if (Files.isRegularFile(record)) {
      try {
        for (JsonNode n : Json.MAPPER.readTree(record.toFile()).path("files")) {
          Path next = dir.resolve(name + SUFFIX);
          if (n.asText().equals(name) && Files.isRegularFile(next)) {
            return next;
          }
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new DamagedFileException(record, "not valid JSON: " + e.getOriginalMessage());
      }
    }
    return dir.resolve(name);
  }

  /** Contents keyed by name, in insertion order, for {@link #commit}. */
  static Map<String, byte[]> files() {
    return new LinkedHashMap<>();
  }
}
