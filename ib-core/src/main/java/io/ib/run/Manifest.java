package io.ib.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sweep.json} read back and checked before anything is built on it: every field a resume,
 * an analysis or a summary relies on is present with its type, the configuration is the one its
 * hash was taken of, and every finished cell belongs to that configuration, once, with the seeds it
 * derives. Anything else is a {@link DamagedFileException} naming the field.
 */
final class Manifest {
  static final String RUNNING = "running";
  static final String COMPLETE = "complete";
  static final String FAILED = "failed";

  /**
   * A finished cell as the manifest records it.
   *
   * @param measurements its measurement points
   * @param rows its rows in measurements.csv, -1 where the format did not record them
   */
  record CellEntry(Cell cell, int measurements, long rows, JsonNode node) {}

  final Path file;
  final ObjectNode node;
  final String format;
  final String status;
  final SweepConfig config;
  final List<CellEntry> cells;
  final boolean snapshots;

  private Manifest(Path file, ObjectNode node, String format, String status, SweepConfig config,
      List<CellEntry> cells, boolean snapshots) {
    this.file = file;
    this.node = node;
    this.format = format;
    this.status = status;
    this.config = config;
    this.cells = List.copyOf(cells);
    this.snapshots = snapshots;
  }

  /**
   * Reads and checks the manifest of a run directory.
   *
   * @throws IOException if the directory holds no manifest
   * @throws DamagedFileException if the manifest is malformed or inconsistent
   * @throws IllegalArgumentException if the run uses an estimator that is not on the class path
   */
  static Manifest read(Path directory) throws IOException {
    Path file = directory.resolve(RunDirectory.MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new IOException(directory + " is not an ib run directory: " + RunDirectory.MANIFEST
          + " is missing");
    }
    JsonNode root;
    try {
      root = SweepJson.MAPPER.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new DamagedFileException(file, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (!(root instanceof ObjectNode o)) {
      throw new DamagedFileException(file, "expected a JSON object");
    }
    String format = o.path("format").asText("");
    if (!SweepJson.READABLE_FORMATS.contains(format)) {
      throw new DamagedFileException(file, "its format is '" + format + "', expected "
          + SweepJson.FORMAT + " (is it an ib run?)");
    }
    String status = o.path("status").asText("");
    if (!List.of(RUNNING, COMPLETE, FAILED).contains(status)) {
      throw new DamagedFileException(file, "its status is '" + status + "', expected running,"
          + " complete or failed");
    }
    SweepConfig config = config(file, o);
    String hash = o.path("config_sha256").asText("");
    // Format 1 hashed a configuration form that has since grown fields, so its hash is not checked.
    if (format.equals(SweepJson.FORMAT) && !hash.equals(SweepJson.configSha256(config))) {
      throw new DamagedFileException(file, "its configuration does not match its config_sha256, so"
          + " it was changed after the run started; ib continues a run only with the configuration it"
          + " started with");
    }
    if (!o.path("dataset").isObject()) {
      throw new DamagedFileException(file, "'dataset' is missing or not an object");
    }
    if (!o.path("snapshots").isBoolean()) {
      throw new DamagedFileException(file, "'snapshots' is missing or not true/false");
    }
    JsonNode cellsNode = o.get("cells");
    if (cellsNode == null || !cellsNode.isArray()) {
      throw new DamagedFileException(file, "'cells' is missing or not an array");
    }
    List<CellEntry> cells = new ArrayList<>();
    Set<Cell> seen = new HashSet<>();
    List<Cell> planned = config.cells();
    for (int i = 0; i < cellsNode.size(); i++) {
      CellEntry e = cell(file, "cells[" + i + "]", cellsNode.get(i), format.equals(SweepJson.FORMAT));
      if (!planned.contains(e.cell())) {
        throw new DamagedFileException(file, "cells[" + i + "] is " + e.cell()
            + ", which the configuration does not have");
      }
      if (!seen.add(e.cell())) {
        throw new DamagedFileException(file, "cells[" + i + "] lists " + e.cell() + " a second time");
      }
      cells.add(e);
    }
    return new Manifest(file, o, format, status, config, cells, o.get("snapshots").asBoolean());
  }

  private static SweepConfig config(Path file, ObjectNode o) throws IOException {
    try {
      return SweepJson.readConfig(o.get("config"));
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("unknown estimator")) {
        throw new IllegalArgumentException("the run in " + file.getParent() + " uses an estimator"
            + " this ib does not have (" + message + "); add the jar that provides it (--plugin"
            + " JAR)", e);
      }
      throw new DamagedFileException(file, "its configuration is invalid: " + message);
    }
  }

  private static CellEntry cell(Path file, String where, JsonNode c, boolean hasRows)
      throws DamagedFileException {
    if (c == null || !c.isObject()) {
      throw new DamagedFileException(file, where + " is not an object");
    }
    try {
      Cell cell = new Cell(SweepJson.intValue(c.get("width"), where + ".width"),
          SweepJson.longValue(c.get("seed"), where + ".seed"));
      if (SweepJson.longValue(c.get("init_seed"), where + ".init_seed") != cell.initSeed()
          || SweepJson.longValue(c.get("order_seed"), where + ".order_seed") != cell.orderSeed()) {
        throw new DamagedFileException(file, where + " records seeds that " + cell
            + " does not derive");
      }
      int measurements = SweepJson.intValue(c.get("measurements"), where + ".measurements");
      long rows = hasRows ? SweepJson.longValue(c.get("rows"), where + ".rows") : -1;
      if (measurements < 1 || (hasRows && rows < measurements)) {
        throw new DamagedFileException(file, where + " records " + measurements
            + " measurements in " + rows + " rows");
      }
      for (String field : new String[] {"training_seconds", "evaluation_seconds"}) {
        if (!c.path(field).isNumber()) {
          throw new DamagedFileException(file, where + "." + field + " is missing or not a number");
        }
      }
      if (!c.path("estimator_seconds").isObject()) {
        throw new DamagedFileException(file, where + ".estimator_seconds is missing or not an"
            + " object");
      }
      return new CellEntry(cell, measurements, rows, c);
    } catch (IllegalArgumentException e) {
      throw new DamagedFileException(file, e.getMessage());
    }
  }

  /** The manifest's cells array, to add to or reorder. */
  ArrayNode cellsArray() {
    return (ArrayNode) node.get("cells");
  }
}
