package io.ib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ib.data.Dataset;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.perunit.PerUnitEstimator;
import io.ib.run.ConfigJson;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepPlan;
import io.ib.sweep.SweepResult;
import io.ib.train.DivergenceException;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SweepTest {
  private static final Dataset DATA = SyntheticData.blobs(640, 200, 12, 3, 42);

  private static SweepConfig small() {
    return SweepConfig.notebook()
        .withWidths(List.of(2, 6))
        .withHiddenBeforeBottleneck(List.of(16))
        .withSeeds(List.of(1L, 2L))
        .withEpochs(3)
        .withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(1, 4), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5), PerUnitEstimator.notebook()));
  }

  @Test
  void writesBothFilesWithOneRowPerMeasurementLayerAndEstimator(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    SweepResult result = InformationBottleneck.sweep(small()).on(DATA).writeTo(out).run();

    // 4 cells x 6 measured steps (0, 1, 4, 10, 20, 30) x 2 hidden layers x 2 estimators.
    assertEquals(4, result.cells().size());
    assertEquals(List.of(0, 1, 4, 10, 20, 30),
        result.cells().get(0).measurements().stream().map(Measurement::step).toList());
    List<String> lines = Files.readAllLines(out.resolve("measurements.csv"));
    assertEquals("width,seed,epoch,step,layer,layer_width,estimator,i_xt_bits,i_ty_bits,h_t_bits,n,"
        + "log2n_bits,h_y_bits,train_loss,test_loss,test_accuracy", lines.get(0));
    assertEquals(1 + 4 * 6 * 2 * 2, lines.size());
    assertTrue(lines.get(1).startsWith("2,1,0,0,hidden1,16,binning:width=0.5,"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.contains(",hidden2,6,\"per-unit:bins=30,units=50\",")));

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    assertEquals("ib-sweep/2", manifest.get("format").asText());
    assertEquals(4, manifest.get("cells").size());
    assertEquals(640, manifest.get("dataset").get("train_size").asInt());
    SweepConfig reread = ConfigJson.fromJson(manifest.get("config").toString());
    assertEquals(ConfigJson.toJson(small()), ConfigJson.toJson(reread));
    assertEquals(ConfigJson.sha256(small()), manifest.get("config_sha256").asText());
    assertEquals(small().estimators().stream().map(e -> e.spec()).toList(),
        reread.estimators().stream().map(e -> e.spec()).toList());
    assertEquals(result.cells(), SavedRun.read(out).results(), "read back equal to the sweep's");
    assertTrue(manifest.get("provenance").get("nd4j_version").asText().startsWith("1.0.0"));
  }

  @Test
  void sameSeedGivesBitwiseIdenticalResults(@TempDir Path dir) throws IOException {
    SweepConfig config = small().withSeeds(List.of(3L));
    InformationBottleneck.sweep(config).on(DATA).writeTo(dir.resolve("a")).run();
    InformationBottleneck.sweep(config).on(DATA).writeTo(dir.resolve("b")).run();
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/measurements.csv")),
        Files.readAllBytes(dir.resolve("b/measurements.csv")));
    InformationBottleneck.sweep(config.withSeeds(List.of(4L))).on(DATA).writeTo(dir.resolve("c")).run();
    assertNotEquals(Files.readAllLines(dir.resolve("a/measurements.csv")),
        Files.readAllLines(dir.resolve("c/measurements.csv")));
  }

  @Test
  void trainingLearnsTheBlobs() throws IOException {
    SweepResult result = InformationBottleneck.sweep(
        small().withSeeds(List.of(1L)).withLearningRate(1e-2)).on(DATA).run();
    for (CellResult cell : result.cells()) {
      Measurement first = cell.measurements().get(0);
      Measurement last = cell.last();
      assertTrue(Double.isNaN(first.trainLoss()), "no training loss before the first step");
      assertTrue(last.testLoss() < first.testLoss(), "test loss falls: " + first.testLoss()
          + " -> " + last.testLoss());
      if (cell.cell().width() == 6) {
        // Width 2 may lose a ReLU unit and plateau; 6 units separate three blobs.
        assertTrue(last.testAccuracy() > 0.9, "accuracy " + last.testAccuracy());
      }
      assertEquals(3.0, last.epoch(), 0);
    }
  }

  @Test
  void listenerHearsEveryEventInOrder() throws IOException {
    List<String> events = new ArrayList<>();
    int[] steps = {0};
    SweepConfig config = small().withSeeds(List.of(1L)).withWidths(List.of(3));
    InformationBottleneck.sweep(config).on(DATA).listener(new SweepListener() {
      @Override
      public void sweepStarted(SweepPlan plan) {
        events.add("start " + plan.cells().size() + " " + plan.stepsPerCell());
      }

      @Override
      public void cellStarted(Cell cell, int index) {
        events.add("cell " + cell.width());
      }

      @Override
      public void stepCompleted(Cell cell, int step, double loss) {
        steps[0]++;
      }

      @Override
      public void measured(Measurement m) {
        events.add("m" + m.step());
      }

      @Override
      public void cellFinished(CellResult r) {
        events.add("done");
      }

      @Override
      public void sweepFinished(SweepResult r) {
        events.add("end");
      }
    }).run();
    assertEquals(List.of("start 1 30", "cell 3", "m0", "m1", "m4", "m10", "m20", "m30", "done", "end"),
        events);
    assertEquals(30, steps[0]);
  }

  @Test
  void divergenceNamesTheCellAndMarksTheRunFailed(@TempDir Path dir) throws IOException {
    // Adam moves every weight by about lr per step: with lr = 1e30 the activations overflow float32
    // within a few steps and the loss becomes NaN or infinite.
    SweepConfig config = small().withSeeds(List.of(9L)).withWidths(List.of(3))
        .withLearningRate(1e30).withSchedule(MeasurementSchedule.epochEnds())
        .withEstimators(List.of());
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> InformationBottleneck.sweep(config).on(DATA).writeTo(dir).run());
    // In parallel, the failing cell is reported, not the one stopped because of it.
    DivergenceException parallel = assertThrows(DivergenceException.class,
        () -> InformationBottleneck.sweep(config.withWidths(List.of(3, 4)).withSeeds(List.of(9L)))
            .on(DATA).parallelism(2).run());
    assertTrue(parallel.getMessage().contains("seed 9, epoch 1"), parallel.getMessage());
    assertTrue(e.getMessage().contains("width 3, seed 9, epoch 1"), e.getMessage());
    assertTrue(e.getMessage().contains("learning rate 1.0E30"), e.getMessage());
    assertTrue(e.step() > 1 && e.step() <= 10, "step " + e.step());
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("sweep.json").toFile());
    assertEquals("failed", manifest.get("status").asText());
    assertTrue(manifest.get("error").asText().contains("diverged"));
  }

  @Test
  void badConfigurationsAreRejectedBeforeTraining(@TempDir Path dir) throws IOException {
    // A step beyond the end of training is left out with a warning, not refused.
    List<String> warnings = new ArrayList<>();
    SweepResult clipped = InformationBottleneck.sweep(small().withSeeds(List.of(1L))
        .withWidths(List.of(2)).withSchedule(new MeasurementSchedule(false, List.of(10_000), true)))
        .on(DATA).listener(new SweepListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        }).run();
    assertEquals(List.of(10, 20, 30),
        clipped.cells().get(0).measurements().stream().map(Measurement::step).toList());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("10000 lies beyond the last step"), warnings.get(0));
    IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.sweep(small().withSchedule(
            new MeasurementSchedule(false, List.of(10_000), false))).on(DATA).run());
    assertTrue(nothing.getMessage().contains("measures nothing"), nothing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> small().withWidths(List.of(5, 5)));
    assertThrows(IllegalArgumentException.class, () -> small().withEpochs(0));
    assertThrows(IllegalArgumentException.class, () -> small().withLearningRate(-1));
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(small()).run());
    Files.writeString(dir.resolve("sweep.json"), "{}");
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.sweep(small()).on(DATA).writeTo(dir).run());
    assertTrue(exists.getMessage().contains("already holds an ib run"), exists.getMessage());
  }

  @Test
  void sizesBeyondWhatFitsAreRejectedWithASentence() {
    assertEquals(List.of(1L, 2L), small().withSeeds(List.of(1, 2)).seeds()); // List<Integer> works
    assertEquals(List.of(7L), small().withSeeds(7).seeds());
    assertThrows(IllegalArgumentException.class, () -> small().withSeeds(List.of(1.5)));
    IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
        () -> small().withWidths(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList())
            .withSeeds(java.util.stream.LongStream.rangeClosed(1, 1000).toArray()));
    assertTrue(cells.getMessage().contains("at most " + SweepConfig.MAX_CELLS), cells.getMessage());
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> small().withWidths(List.of(Integer.MAX_VALUE)));
    assertTrue(huge.getMessage().contains("use narrower layers"), huge.getMessage());
    // Fits one array, not the memory of this JVM: refused before anything is written.
    IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.sweep(small().withWidths(List.of(5_000_000))).on(DATA).run());
    assertTrue(memory.getMessage().contains("a cell of bottleneck width 5000000")
        && memory.getMessage().contains("needs about"), memory.getMessage());
  }

  @Test
  void protocolsOfThePapers(@TempDir Path dir) throws IOException {
    // SGD, a fixed order, full batches, all samples measured, the output as logits and softmax,
    // log-spaced epochs at their start: what the configuration says is what runs and is written.
    SweepConfig c = small().withSeeds(List.of(1L)).withWidths(List.of(3))
        .withOptimizer(new io.ib.optim.SgdSettings(0.05, 0.9)).withShuffle(false)
        .withBatchSize(SweepConfig.FULL_BATCH).withEpochs(20)
        .withSchedule(MeasurementSchedule.idnns())
        .withOutputLayer(OutputLayer.BOTH).withEvaluateOn(EvaluationSet.ALL)
        .withInit(io.ib.nn.WeightInit.TRUNCATED_NORMAL)
        .withEstimators(List.of(io.ib.info.binning.DigitizeBinning.idnns()));
    Path out = dir.resolve("run");
    SweepResult r = InformationBottleneck.sweep(c).on(DATA).writeTo(out).saveSnapshots(true).run();
    List<Measurement> ms = r.cells().get(0).measurements();
    // one step per epoch (full batch); log:400 over 20 epochs measures every epoch's start
    assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(),
        ms.stream().map(Measurement::step).toList());
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT, Layer.SOFTMAX),
        ms.get(0).estimates().stream().map(e -> e.layer()).toList());
    assertEquals(640 + 200, ms.get(0).estimates().get(0).estimate().n(), "all samples");
    // softmax rows are probabilities
    io.ib.sweep.SnapshotSource saved = SavedRun.read(out).snapshots();
    io.ib.sweep.ActivationMatrix p = saved.read(saved.entries().stream()
        .filter(e -> e.layer().equals(Layer.SOFTMAX)).findFirst().orElseThrow());
    for (int i = 0; i < p.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < p.columns(); j++) {
        sum += p.values()[i * p.columns() + j];
      }
      assertEquals(1.0, sum, 1e-6, "row " + i);
    }
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertEquals(ConfigJson.toJson(c), ConfigJson.toJson(ConfigJson.fromJson(
        manifest.get("config").toString())));
    assertEquals("sgd", manifest.get("config").get("optimizer").get("name").asText());
  }

  @Test
  void theFirstFormatsConfigurationIsStillRead() throws IOException {
    JsonNode old = new ObjectMapper().readTree("{\"widths\":[5],\"hidden_before_bottleneck\":[256],"
        + "\"seeds\":[1],\"activation\":\"relu\",\"init\":\"pytorch\",\"epochs\":10,"
        + "\"batch_size\":256,\"optimizer\":{\"name\":\"adam\",\"learning_rate\":0.001,"
        + "\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1.0E-8},\"schedule\":{\"at_start\":true,"
        + "\"steps\":[10,30,100],\"every_epoch\":true},\"estimators\":[\"binning:width=4\"],"
        + "\"measure_output_layer\":true,\"data_type\":\"float32\"}");
    SweepConfig c = ConfigJson.fromJson(old.toString());
    assertEquals(MeasurementSchedule.denseEarly(), c.schedule());
    assertEquals(OutputLayer.LOGITS, c.outputLayer());
    assertEquals(EvaluationSet.TEST, c.evaluateOn());
    assertTrue(c.shuffle());
  }

  @Test
  void presetsAreThePapersNetworks() {
    SweepConfig szt = SweepConfig.shwartzZivTishby2017();
    assertEquals("12-10-7-5-4-3-2 tanh", szt.architecture(12, 2, 3).toString());
    assertEquals(274, szt.schedule().resolve(7, 8000).length);
    assertEquals(OutputLayer.SOFTMAX, szt.outputLayer());
    assertEquals(EvaluationSet.ALL, szt.evaluateOn());
    SweepConfig saxe = SweepConfig.saxe2018(io.ib.nn.Activation.RELU);
    assertEquals("12-10-7-5-4-3-2 relu", saxe.architecture(12, 2, 3).toString());
    assertEquals(List.of("binning:width=0.07", "kernel:bound=upper,s2=0.001",
        "digitize:edges=30,range=-1:1"),
        saxe.estimators().stream().map(e -> e.spec().toString()).toList());
  }

  @Test
  void allWidthsOfASeedSeeTheSameBatches() {
    assertEquals(new Cell(5, 1).orderSeed(), new Cell(100, 1).orderSeed());
    assertNotEquals(new Cell(5, 1).orderSeed(), new Cell(5, 2).orderSeed());
    assertNotEquals(new Cell(5, 1).initSeed(), new Cell(10, 1).initSeed());
    assertNotEquals(0, new Cell(0, 0).initSeed());
  }

  @Test
  void notebookPresetIsTheIssueSetup() {
    SweepConfig c = SweepConfig.notebook();
    assertEquals(List.of(5, 10, 20, 50, 100), c.widths());
    assertEquals(List.of(256), c.hiddenBeforeBottleneck());
    assertEquals(10, c.epochs());
    assertEquals(256, c.batchSize());
    assertEquals(1e-3, c.optimizer().learningRate());
    assertEquals("784-256-5-10 relu", c.architecture(784, 10, 5).toString());
    assertEquals(Nd4j.dataType(), Nd4j.dataType()); // backend starts
    assertEquals(DataType.FLOAT, io.ib.nn.Mlp.initialize(c.architecture(784, 10, 5),
        c.init(), 1, DataType.FLOAT).dataType());
  }
}
