package io.ib.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cell-level commit protocol: how a cell that ran outside the driver's process (a Spark task, a
 * job-array task) hands its results to the run, so that a killed, retried or duplicated attempt never
 * leaves a partial or a second copy of its rows.
 *
 * <p>A cell {@code (width 5, seed 1)} commits two files into the run's {@value #DIRECTORY} folder
 * (a {@link CellStorage}):
 * <ol>
 *   <li>{@code w5-s1.csv}: its rows of {@code measurements.csv}, exactly as a local sweep writes them;
 *   <li>{@code w5-s1.json}, last: the completion marker, the cell's entry of {@code sweep.json} plus
 *       {@code rows_sha256}, the SHA-256 of the rows file.
 * </ol>
 * Each file is {@linkplain CellStorage#publish published} whole (a temporary name then a rename, or
 * one upload on an object store). A cell is committed when its marker exists and the rows file has the
 * marker's checksum; anything else (a rows file without a marker, a temporary file of a killed
 * attempt) is ignored and cleared at the merge. Every attempt of a cell writes the same rows (the
 * cell's seeds derive from the cell alone), so two attempts that both commit agree; the merge adopts a
 * cell once, keyed by the cell.
 */
final class CellCommits {
  /** The folder of the run directory that holds committed cells until the merge adopts them. */
  static final String DIRECTORY = RunFiles.CELLS;

  private static final Pattern MARKER = Pattern.compile("w(\\d+)-s(-?\\d+)\\.json");
  private static final Pattern OURS = Pattern.compile("w\\d+-s-?\\d+\\.(csv|json)"
      + "|\\.w\\d+-s-?\\d+\\.(csv|json)\\.[0-9a-f-]+\\.tmp"
      + "|\\.?w\\d+-s-?\\d+-step\\d{7,}-[a-z][a-z0-9]*\\.npy(\\.[0-9a-f-]+\\.tmp)?");
  private static final String SNAPSHOTS = "snapshots";

  private CellCommits() {}

  /** Where cells commit in a local run directory: its {@value #DIRECTORY} folder. */
  static CellStorage storageOf(Path runDirectory) {
    return CellStorages.local(runDirectory.resolve(DIRECTORY));
  }

  /** {@link #storageOf} as a URI that tasks on other machines can open. */
  static URI locationOf(Path runDirectory) {
    return runDirectory.toAbsolutePath().resolve(DIRECTORY).toUri();
  }

  /**
   * A committed cell: its rows, its manifest entry and the activations it saved, if the run keeps
   * any.
   */
  record Committed(Cell cell, byte[] rows, CellRecord record, List<SnapshotFile> snapshots) {}

  /** One saved layer of a committed cell: where it lies in the storage, and its index fields. */
  record SnapshotFile(int step, double epoch, Layer layer, int layerWidth, String name,
      String sha256) {}

  /** The storage name of a cell's saved layer, e.g. {@code w5-s1-step0000010-hidden1.npy}. */
  static String snapshotName(Cell cell, int step, Layer layer) {
    return stem(cell) + String.format(java.util.Locale.ROOT, "-step%07d-%s.npy", step, layer);
  }

  /** The file stem of a cell, e.g. {@code w5-s1}. */
  static String stem(Cell cell) {
    return "w" + cell.width() + "-s" + cell.seed();
  }

  /** True for the names the protocol writes (committed files and temporary ones). */
  static boolean isOurs(String name) {
    return OURS.matcher(name).matches();
  }

  /**
   * Commits a cell: its rows first, then the marker, which also lists the cell's saved activations
   * (published before, as they were saved) with their checksums.
   *
   * @param rows the cell's lines of {@code measurements.csv} (no header)
   * @param entry the cell's entry of {@code sweep.json}
   * @param snapshots the cell's saved layers, in the order saved (empty if the run keeps none)
   */
  static void commit(CellStorage storage, Cell cell, byte[] rows, CellRecord entry,
      List<SnapshotFile> snapshots) throws IOException {
    ObjectNode marker = ManifestJson.cell(entry);
    marker.put("rows_sha256", Sha256.of(rows));
    if (!snapshots.isEmpty()) {
      var list = marker.putArray(SNAPSHOTS);
      for (SnapshotFile f : snapshots) {
        ObjectNode o = list.addObject();
        o.put("step", f.step());
        o.put("epoch", f.epoch());
        o.put("layer", f.layer().toString());
        o.put("layer_width", f.layerWidth());
        o.put("file", f.name());
        o.put("sha256", f.sha256());
      }
    }
    storage.publish(stem(cell) + ".csv", rows);
    storage.publish(stem(cell) + ".json", Json.bytes(marker));
  }

  /**
   * The .npy bytes of a committed cell's saved layer, checked against the checksum its marker
   * records.
   *
   * @throws IOException if the file is missing or its checksum differs (one line, naming it)
   */
  static byte[] readSnapshot(CellStorage storage, SnapshotFile f) throws IOException {
    byte[] bytes = storage.read(f.name());
    if (bytes == null) {
      throw damaged(storage, f.name(), "it is missing, but a committed cell's marker lists it");
    }
    if (!Sha256.of(bytes).equals(f.sha256())) {
      throw damaged(storage, f.name(), "its SHA-256 is not the " + f.sha256() + " its marker"
          + " records");
    }
    return bytes;
  }

  /**
   * The cells committed in the storage, by cell, each checked before anything is built on it: its
   * marker must describe one of the configuration's cells with the seeds it derives, and its rows
   * must be that cell's, as many as the marker records, with the marker's checksum. A refusal names
   * the committed file; remove the cell's files to run it again.
   */
  static Map<Cell, Committed> read(CellStorage storage, SweepConfig config) throws IOException {
    Set<Cell> planned = new HashSet<>(config.cells());
    Map<Cell, Committed> result = new TreeMap<>(
        java.util.Comparator.comparingInt(Cell::width).thenComparingLong(Cell::seed));
    for (String name : storage.list()) {
      Matcher m = MARKER.matcher(name);
      if (!m.matches()) {
        continue;
      }
      Cell cell = new Cell(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
      if (!planned.contains(cell)) {
        throw damaged(storage, name, "it commits " + cell + ", which the run's configuration does"
            + " not have");
      }
      byte[] markerBytes = storage.read(name);
      byte[] rows = storage.read(stem(cell) + ".csv");
      if (markerBytes == null) {
        continue; // deleted meanwhile by a merge
      }
      Committed c = parse(storage, name, cell, markerBytes, rows);
      result.put(cell, c);
    }
    return result;
  }

  private static Committed parse(CellStorage storage, String name, Cell cell, byte[] markerBytes,
      byte[] rows) throws IOException {
    Path where = Path.of(storage.describe(), name);
    JsonNode marker;
    try {
      marker = Json.MAPPER.readTree(markerBytes);
    } catch (JacksonException e) {
      throw damaged(storage, name, "it is not valid JSON: " + e.getOriginalMessage());
    }
    CellRecord record = ManifestJson.cell(marker, new JsonFields(where, ""));
    if (!record.cell().equals(cell)) {
      throw damaged(storage, name, "it does not describe " + cell);
    }
    if (rows == null) {
      throw damaged(storage, name, "its rows file " + stem(cell) + ".csv is missing");
    }
    String expected = marker.path("rows_sha256").asText();
    if (!Sha256.of(rows).equals(expected)) {
      throw damaged(storage, stem(cell) + ".csv", "its SHA-256 is not the " + expected
          + " its marker " + name + " records");
    }
    List<MeasurementRow> parsed = MeasurementsCsv.parseRows(rows,
        Path.of(storage.describe(), stem(cell) + ".csv"));
    long steps = parsed.stream().mapToInt(MeasurementRow::step).distinct().count();
    if (parsed.stream().anyMatch(r -> !r.cell().equals(cell)) || parsed.size() != record.rows()
        || steps != record.measurements()) {
      throw damaged(storage, name, "it records " + record.measurements() + " measurements in "
          + record.rows() + " rows of " + cell + ", but its rows file holds " + steps
          + " measurements in " + parsed.size() + " rows" + (parsed.stream().anyMatch(
              r -> !r.cell().equals(cell)) ? ", some of other cells" : ""));
    }
    List<SnapshotFile> snapshots = new java.util.ArrayList<>();
    for (JsonNode o : marker.path(SNAPSHOTS)) {
      String file = o.path("file").asText();
      Layer layer;
      try {
        layer = Layer.parse(o.path("layer").asText());
      } catch (IllegalArgumentException e) {
        throw damaged(storage, name, "its snapshot entry " + o + ": " + e.getMessage());
      }
      if (!file.equals(snapshotName(cell, o.path("step").asInt(), layer))
          || !o.path("step").isInt() || !o.path("layer_width").isInt()
          || !o.path("epoch").isNumber() || o.path("sha256").asText().isEmpty()) {
        throw damaged(storage, name, "its snapshot entry " + o + " is not one of " + cell);
      }
      snapshots.add(new SnapshotFile(o.get("step").asInt(), o.get("epoch").asDouble(), layer,
          o.get("layer_width").asInt(), file, o.get("sha256").asText()));
    }
    return new Committed(cell, rows, record, List.copyOf(snapshots));
  }

  /**
   * Deletes the protocol's files of the given cells, markers first (a stop in between leaves rows
   * without a marker, which count for nothing), then every temporary file.
   */
  static void clear(CellStorage storage, Set<Cell> cells) throws IOException {
    List<String> names = storage.list();
    for (Cell c : cells) {
      if (names.contains(stem(c) + ".json")) {
        storage.delete(stem(c) + ".json");
      }
    }
    for (String name : names) {
      boolean temporary = name.startsWith(".") && isOurs(name);
      boolean rows = cells.stream().anyMatch(c -> name.equals(stem(c) + ".csv")
          || name.startsWith(stem(c) + "-step") && name.endsWith(".npy"));
      if (temporary || rows) {
        storage.delete(name);
      }
    }
  }

  /**
   * The cells whose marker a storage lists, from the names alone (nothing is read or checked): a
   * cheap view for progress; {@link #read} is the checked one.
   */
  static List<Cell> markedCells(CellStorage storage) throws IOException {
    List<Cell> result = new java.util.ArrayList<>();
    for (String name : storage.list()) {
      Matcher m = MARKER.matcher(name);
      if (m.matches()) {
        result.add(new Cell(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
      }
    }
    return result;
  }

  private static IOException damaged(CellStorage storage, String name, String problem) {
    return new IOException(storage.describe() + "/" + name + " is damaged: " + problem);
  }

  static byte[] utf8(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
