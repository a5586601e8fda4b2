package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.sweep.Cell;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run directory refuses, and what it leaves alone: other people's files, a run of its own
 * without --overwrite, a second process, damaged or edited files.
 */
class RunWriterTest {
  private static final Dataset DATA = SyntheticData.blobs(192, 60, 6, 3, 5);

  private static SweepConfig config() {
    return SweepConfig.notebook().withWidths(List.of(2, 3)).withHiddenBeforeBottleneck(List.of(5))
        .withSeeds(List.of(1L, 2L)).withEpochs(2).withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5)));
  }

  @Test
  void aDirectoryWithOtherFilesIsRefusedAndLeftAsItWas(@TempDir Path dir) throws IOException {
    Path theirs = dir.resolve("theirs");
    Files.createDirectories(theirs.resolve("plots"));
    Files.createDirectories(theirs.resolve("snapshots"));
    Files.writeString(theirs.resolve("report.html"), "my report");
    Files.writeString(theirs.resolve("plots/capacity.png"), "my plot");
    Files.writeString(theirs.resolve("snapshots/index.csv"), "my index");
    Map<String, byte[]> before = TestRuns.read(theirs);
    for (boolean overwrite : new boolean[] {false, true}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> InformationBottleneck.sweep(config()).on(DATA).writeTo(theirs).overwrite(overwrite)
              .saveSnapshots(true).run());
      assertTrue(e.getMessage().contains("holds files ib did not write (plots, report.html,"
          + " snapshots)"), e.getMessage());
      assertFiles(before, TestRuns.read(theirs));
    }
  }

  @Test
  void anEarlierRunIsReplacedOnlyWhenAskedAndOnlyItsOwnFiles(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(run).saveSnapshots(true).run();
    Files.createDirectories(run.resolve("plots"));
    Files.writeString(run.resolve("plots/capacity.png"), "ib's plot");
    Files.writeString(run.resolve("plots/notes.txt"), "mine");
    byte[] csv = Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
        InformationBottleneck.sweep(config()).on(DATA).writeTo(run).run());
    assertTrue(refused.getMessage().contains("already holds an ib run (status 'complete')"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());

    InformationBottleneck.sweep(config().withSeeds(List.of(1L))).on(DATA).writeTo(run)
        .overwrite(true).run();
    assertEquals("mine", Files.readString(run.resolve("plots/notes.txt")));
    assertFalse(Files.exists(run.resolve("plots/capacity.png")), "ib's old plot is gone");
    assertFalse(Files.exists(run.resolve("snapshots")), "the old run's snapshots are gone");
    assertTrue(Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS)).length < csv.length);

    // A file of someone else beside an ib run: not even --overwrite touches the directory.
    Files.writeString(run.resolve("notes.txt"), "mine too");
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () ->
        InformationBottleneck.sweep(config()).on(DATA).writeTo(run).overwrite(true).run());
    assertTrue(mixed.getMessage().contains("holds files ib did not write (notes.txt)"),
        mixed.getMessage());
    assertTrue(mixed.getMessage().contains("--overwrite replaces a run only where nothing else is"),
        mixed.getMessage());
    // The check a program (the CLI) makes before it loads any data says the same.
    assertThrows(IllegalArgumentException.class, () -> RunFiles.checkNewRun(run, true));
  }

  @Test
  void aRunStoppedBeforeItsManifestStartsAgainInPlace(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunLock.FILE), "ib sweep (process 1)\n");
    Files.writeString(run.resolve(RunFiles.MANIFEST + ".tmp"), "{\"format\" : \"ib-swe");
    IOException resume = assertThrows(IOException.class, () -> InformationBottleneck.resume(run));
    assertTrue(resume.getMessage().contains("sweep.json is missing"), resume.getMessage());
    InformationBottleneck.sweep(config()).on(DATA).writeTo(run).run();
    assertFalse(Files.exists(run.resolve(RunFiles.MANIFEST + ".tmp")));
  }

  @Test
  void aRunInUseIsRefusedToASecondSweep(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    String[] refusal = {null};
    InformationBottleneck.sweep(config()).on(DATA).writeTo(run).listener(new SweepListener() {
      @Override
      public void measured(Measurement m) {
        if (refusal[0] == null) {
          IOException e = assertThrows(IOException.class,
              () -> InformationBottleneck.resume(run).on(DATA).run());
          refusal[0] = e.getMessage();
          assertThrows(IOException.class, () -> AnalysisWriter.open(run));
        }
      }
    }).run();
    assertTrue(refusal[0].contains("is in use by ib sweep"), refusal[0]);
    RunFiles.lockForReport(run).close(); // released at the end
  }

  @Test
  void damagedOrEditedFilesAreRefusedWithOneLine(@TempDir Path dir) throws IOException {
    Path template = dir.resolve("template");
    stopAfterFirstCell(template);
    String csv = Files.readString(template.resolve(RunFiles.MEASUREMENTS));
    String[] lines = csv.split("\n");

    expectDamaged(dir, "header only", null, text -> lines[0] + "\n",
        "measurements.csv is damaged: it holds 0 measurements in 0 rows of width 2, seed 1");
    expectDamaged(dir, "short line", null, text -> text.replace(lines[3] + "\n",
        lines[3].substring(0, 20) + "\n"), "measurements.csv is damaged: line 4 has");
    expectDamaged(dir, "garbage line", null, text -> text.replace(lines[2] + "\n",
        "\u0000\u0001garbage\n"), "measurements.csv is damaged: line 3 has 1 fields");
    expectDamaged(dir, "missing row", null, text -> text.replace(lines[2] + "\n", ""),
        "records 4 measurements in 8 rows");
    expectDamaged(dir, "foreign cell", null, text -> text + lines[1].replaceFirst("^2,", "7,") + "\n",
        "belongs to width 7, seed 1, which the run's configuration does not have");
    expectDamaged(dir, "cells not an array", m -> m.put("cells", "none"), null,
        "sweep.json is damaged: 'cells' is missing or not an array");
    expectDamaged(dir, "missing key", m -> ((ObjectNode) m.get("cells").get(0)).remove("seed"),
        null, "sweep.json is damaged: 'cells[0].seed' is missing or not an integer");
    expectDamaged(dir, "cell twice", m -> ((ArrayNode) m.get("cells")).add(m.get("cells").get(0)),
        null, "sweep.json is damaged: cells[1] lists width 2, seed 1 a second time");
    expectDamaged(dir, "edited epochs", m -> ((ObjectNode) m.get("config")).put("epochs", 5), null,
        "its configuration does not match its config_sha256");
    expectDamaged(dir, "no configuration", m -> m.remove("config"), null,
        "sweep.json is damaged: its configuration is invalid");
    expectDamaged(dir, "not json", null, null, "sweep.json is damaged: not valid JSON");
  }

  /** A copy of the template with one file changed must be refused by resume, naming the problem. */
  private static void expectDamaged(Path dir, String name, java.util.function.Consumer<ObjectNode>
      editManifest, UnaryOperator<String> editCsv, String message) throws IOException {
    Path template = dir.resolve("template");
    Path run = dir.resolve(name.replace(' ', '-'));
    TestRuns.copy(template, run);
    Path manifest = run.resolve(RunFiles.MANIFEST);
    if (editManifest != null) {
      ObjectNode m = (ObjectNode) Json.MAPPER.readTree(manifest.toFile());
      editManifest.accept(m);
      Files.write(manifest, Json.bytes(m));
    } else if (editCsv != null) {
      Path csv = run.resolve(RunFiles.MEASUREMENTS);
      Files.writeString(csv, editCsv.apply(Files.readString(csv)));
    } else {
      Files.writeString(manifest, "{\"format\": \"ib-sweep/2\", \"cells\": [");
      Files.createDirectories(run.resolve("snapshots")); // the clean-up that reads the manifest too
    }
    Map<String, byte[]> before = TestRuns.read(run);
    IOException e = assertThrows(IOException.class,
        () -> InformationBottleneck.resume(run).on(DATA).run(), name);
    assertTrue(e instanceof DamagedFileException, name + ": " + e);
    assertTrue(e.getMessage().contains(message), name + ": " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), name + ": one line");
    assertFiles(before, TestRuns.read(run)); // never repaired
  }

  private static void stopAfterFirstCell(Path run) {
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(config()).on(DATA)
        .writeTo(run).parallelism(1).listener(new SweepListener() {
          @Override
          public void measured(Measurement m) {
            if (!m.cell().equals(new Cell(2, 1))) {
              throw new IllegalStateException("stop");
            }
          }
        }).run());
  }



  static void assertFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name + ": "
        + new String(Arrays.copyOf(actual.get(name), Math.min(80, actual.get(name).length)),
            StandardCharsets.UTF_8)));
  }
}
