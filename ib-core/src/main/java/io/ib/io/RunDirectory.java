package io.ib.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.data.Dataset;
import io.ib.provenance.Provenance;
import io.ib.sweep.CellResult;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run directory being written: {@code sweep.json} and {@code measurements.csv}.
 *
 * <p>{@code sweep.json} is rewritten whole (to a temporary file, then atomically renamed) at the start,
 * after every cell and at the end, so it is always complete, valid JSON whose {@code status} says
 * {@code running}, {@code complete} or {@code failed}.
 */
public final class RunDirectory implements AutoCloseable {
  /** Name of the manifest file. */
  public static final String MANIFEST = "sweep.json";
  /** Name of the measurements file. */
  public static final String MEASUREMENTS = "measurements.csv";

  private final Path directory;
  private final ObjectNode manifest;
  private final ArrayNode cells;
  private final MeasurementsCsv csv;

  private RunDirectory(Path directory, ObjectNode manifest, MeasurementsCsv csv) {
    this.directory = directory;
    this.manifest = manifest;
    this.cells = manifest.putArray("cells");
    this.csv = csv;
  }

  /**
   * Creates the directory (and parents) and starts both files.
   *
   * @throws IOException if the directory already holds a run, or cannot be written
   */
  public static RunDirectory create(Path directory, SweepConfig config, Dataset data,
      Provenance provenance, Instant started) throws IOException {
    Files.createDirectories(directory);
    for (String name : new String[] {MANIFEST, MEASUREMENTS}) {
      if (Files.exists(directory.resolve(name))) {
        throw new IOException(directory + " already holds a run (" + name
            + " exists): choose another output directory");
      }
    }
    ObjectNode m = SweepJson.MAPPER.createObjectNode();
    m.put("format", SweepJson.FORMAT);
    m.put("status", "running");
    m.put("started", started.toString());
    m.putNull("finished");
    m.set("config", SweepJson.config(config));
    m.put("config_sha256", SweepJson.configSha256(config));
    m.put("seed_derivation", "init = Seeds.mix(seed, 1, width); batch order = Seeds.mix(seed, 2);"
        + " epoch e permutation = Seeds.mix(order seed, e) (SplitMix64 finaliser, io.ib.train.Seeds)");
    m.set("dataset", SweepJson.dataset(data));
    m.set("provenance", SweepJson.provenance(provenance));
    RunDirectory run = new RunDirectory(directory, m, MeasurementsCsv.create(directory.resolve(MEASUREMENTS)));
    run.writeManifest();
    return run;
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** Appends a measurement's rows to the CSV (flushed). */
  public void append(Measurement measurement) throws IOException {
    csv.append(measurement);
  }

  /** Records a finished cell in the manifest. */
  public void cellFinished(CellResult result) throws IOException {
    ObjectNode c = cells.addObject();
    c.put("width", result.cell().width());
    c.put("seed", result.cell().seed());
    c.put("init_seed", result.cell().initSeed());
    c.put("order_seed", result.cell().orderSeed());
    c.put("measurements", result.measurements().size());
    c.put("final_test_accuracy", result.last().testAccuracy());
    c.put("training_seconds", result.trainingSeconds());
    c.put("evaluation_seconds", result.evaluationSeconds());
    ObjectNode est = c.putObject("estimator_seconds");
    Map<String, Double> sorted = new TreeMap<>(result.estimatorSeconds());
    sorted.forEach(est::put);
    writeManifest();
  }

  /** Marks the run complete. */
  public void finished(Instant time) throws IOException {
    manifest.put("status", "complete");
    manifest.put("finished", time.toString());
    writeManifest();
  }

  /** Marks the run failed, with the reason. */
  public void failed(Instant time, String reason) throws IOException {
    manifest.put("status", "failed");
    manifest.put("finished", time.toString());
    manifest.put("error", reason);
    writeManifest();
  }

  private void writeManifest() throws IOException {
    Path tmp = directory.resolve(MANIFEST + ".tmp");
    Files.write(tmp, SweepJson.bytes(manifest));
    Files.move(tmp, directory.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
