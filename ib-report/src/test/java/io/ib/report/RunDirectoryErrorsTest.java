package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is not a run directory, or is damaged, is one IOException naming the file; nothing is written. */
class RunDirectoryErrorsTest {
  @TempDir
  Path tmp;

  /**
   * Ways a {@code sweep.json} can be damaged, or belong to something else than this version of ib,
   * each applied to the manifest of a complete run.
   */
  static Map<String, Consumer<ObjectNode>> damagedManifests() {
    Map<String, Consumer<ObjectNode>> damages = new LinkedHashMap<>();
    damages.put("without its configuration", m -> m.remove("config"));
    for (String format : new String[] {"ib-sweep/1", "ib-sweep/3", "something-else/1", ""}) {
      damages.put("of format '" + format + "'", m -> m.put("format", format));
    }
    damages.put("without a format", m -> m.remove("format"));
    damages.put("with a configuration changed after the start",
        m -> ((ObjectNode) m.get("config")).put("epochs", 3));
    damages.put("with another config_sha256", m -> m.put("config_sha256", "0123abcd"));
    damages.put("with a cell the configuration does not have",
        m -> ((ObjectNode) m.get("cells").get(0)).put("width", 7));
    damages.put("with a cell listed twice",
        m -> ((ArrayNode) m.get("cells")).add(m.get("cells").get(0).deepCopy()));
    damages.put("with seeds a cell does not derive",
        m -> ((ObjectNode) m.get("cells").get(0)).put("init_seed", 12345));
    damages.put("with a status of no run", m -> m.put("status", "paused"));
    return damages;
  }

  /** Replaces a run's manifest by an edited copy. */
  static void editManifest(Path dir, Consumer<ObjectNode> edit) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode m = (ObjectNode) mapper.readTree(dir.resolve("sweep.json").toFile());
    edit.accept(m);
    Files.write(dir.resolve("sweep.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
  }

  @Test
  void notARunDirectoryIsAnIoExceptionNamingPathAndWhatIsMissing() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IOException e = assertThrows(IOException.class, () -> Report.write(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sweep.json is missing"), e.getMessage());
    assertFalse(Files.exists(empty.resolve("plots")), "wrote into a directory that is not a run");

    // A manifest whose finished cells have no measurements file.
    Path noRows = new SyntheticRun().write(tmp.resolve("no-rows"));
    Files.delete(noRows.resolve("measurements.csv"));
    IOException e2 = assertThrows(IOException.class, () -> Report.write(noRows));
    assertTrue(e2.getMessage().contains(noRows.resolve("measurements.csv") + " is damaged: it is missing"),
        e2.getMessage());
    assertFalse(Files.exists(noRows.resolve("plots")));

    Path nowhere = tmp.resolve("does-not-exist");
    IOException e3 = assertThrows(IOException.class, () -> Report.write(nowhere));
    assertTrue(e3.getMessage().contains(nowhere + " does not exist"), e3.getMessage());
    assertFalse(Files.exists(nowhere));

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
  void aDamagedOrForeignManifestIsOneLineNamingTheFileAndNothingIsWritten() throws Exception {
    int i = 0;
    for (Map.Entry<String, Consumer<ObjectNode>> damage : damagedManifests().entrySet()) {
      Path dir = new SyntheticRun().write(tmp.resolve("run-" + i++));
      editManifest(dir, damage.getValue());
      IOException e = assertThrows(IOException.class, () -> Report.write(dir), damage.getKey());
      String where = damage.getKey() + ": " + e.getMessage();
      assertTrue(e.getMessage().startsWith(dir.resolve("sweep.json") + " is damaged: "), where);
      assertEquals(1, e.getMessage().lines().count(), where);
      assertFalse(Files.exists(dir.resolve("report.html")), where);
      assertFalse(Files.exists(dir.resolve("plots")), where);
      assertFalse(Files.exists(dir.resolve(Report.COMPRESSION)), where);
    }
  }

  @Test
  void aManifestOfAnotherFormatSaysWhichFormatIsRead() throws Exception {
    for (String format : new String[] {"ib-sweep/1", "something-else/1"}) {
      Path dir = new SyntheticRun().write(tmp.resolve("run-" + Specs.stem(format)));
      editManifest(dir, m -> m.put("format", format));
      IOException e = assertThrows(IOException.class, () -> Report.write(dir), format);
      assertTrue(e.getMessage().contains("'" + format + "', expected ib-sweep/2"), e.getMessage());
    }
  }

  @Test
  void finishedCellsWhoseRowsDisagreeWithTheManifestAreOneLineNamingTheFileAndNothingIsWritten()
      throws Exception {
    // A run never reported, and one with an earlier report, which must stay as it was.
    Path fresh = new SyntheticRun().write(tmp.resolve("fresh"));
    Path reported = new SyntheticRun().write(tmp.resolve("reported"));
    Report.write(reported);
    Map<Path, byte[]> before = files(reported);
    for (Path dir : List.of(fresh, reported)) {
      // The rows of width 5, seed 1 at step 200 are gone; sweep.json records the cell as finished.
      Path csv = dir.resolve("measurements.csv");
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(csv)) {
        String[] f = line.split(",");
        if (!(f[0].equals("5") && f[1].equals("1") && f[3].equals("200"))) {
          kept.add(line);
        }
      }
      Files.write(csv, kept);
      IOException e = assertThrows(IOException.class, () -> Report.write(dir));
      assertTrue(e.getMessage().startsWith(csv + " is damaged: ")
          && e.getMessage().contains("width 5, seed 1"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    assertFalse(Files.exists(fresh.resolve("report.html")));
    assertFalse(Files.exists(fresh.resolve("plots")), "plots written for a damaged run");
    assertFalse(Files.exists(fresh.resolve(Report.COMPRESSION)));
    Map<Path, byte[]> after = files(reported);
    assertEquals(before.keySet(), after.keySet(), "the earlier report's files");
    for (Path f : List.of(reported.resolve("report.html"), reported.resolve(Report.COMPRESSION),
        reported.resolve("plots/capacity.png"))) {
      assertArrayEquals(before.get(f), after.get(f), f + " changed");
    }
  }

  /** Every file under a directory except measurements.csv, with its bytes. */
  private static Map<Path, byte[]> files(Path dir) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals("measurements.csv")) {
          files.put(f, Files.readAllBytes(f));
        }
      }
    }
    return files;
  }
}
