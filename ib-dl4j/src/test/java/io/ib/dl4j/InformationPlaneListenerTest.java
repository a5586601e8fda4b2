package io.ib.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Estimators;
import io.ib.run.MeasurementRow;
import io.ib.run.RecordedLayer;
import io.ib.run.RecordedRunWriter;
import io.ib.run.RunStatus;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class InformationPlaneListenerTest {
  private static final int TRAIN = 32;
  private static final int BATCH = 8;
  private static final int EPOCHS = 2;
  /** Step 0, steps 1 and 3, and the ends of both epochs of 4 steps: 0, 1, 3, 4, 8. */
  private static final MeasurementSchedule SCHEDULE = new MeasurementSchedule(true, List.of(1, 3),
      MeasurementSchedule.EpochPoints.every(1), MeasurementSchedule.Anchor.END);

  @TempDir
  Path dir;

  private final INDArray x = TinyCnn.features(TRAIN, 4);
  private final INDArray y = TinyCnn.oneHot(TinyCnn.labels(x));
  private final INDArray evalX = TinyCnn.features(20, 9);
  private final EvaluationSamples evaluation =
      new EvaluationSamples(evalX, TinyCnn.labels(evalX), TinyCnn.CLASSES);

  @Test
  void aTwoCellRunIsReadBackWithEveryLayerAndPoint() throws IOException {
    Path out = dir.resolve("run");
    try (RecordedRunWriter run = RecordedRunWriter.create(out, evaluation.writerSettings(
        List.of(Estimators.parse("binning:bins=4,range=point")), false, List.of("test")))) {
      for (long seed : new long[] {1, 2}) {
        InformationPlaneListener listener = train(run, new Cell(2, seed));
        assertTrue(listener.finished(), "finished at its last scheduled step");
        assertEquals(5, listener.cost().points());
      }
      run.finish();
    }
    SavedRun saved = SavedRun.read(out);
    assertEquals(RunStatus.COMPLETE, saved.manifest().status());
    Map<Layer, RecordedLayer> layers = saved.manifest().recording().orElseThrow()
        .layers(new Cell(2, 1));
    assertEquals(List.of("conv", "layer1", "layer2", "layer3"),
        layers.values().stream().map(RecordedLayer::name).toList());
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.hidden(3), Layer.OUTPUT),
        List.copyOf(layers.keySet()));
    List<MeasurementRow> rows = saved.rows();
    assertEquals(2 * 5 * 4, rows.size(), "2 cells x 5 points x 4 layers x 1 estimator");
    assertEquals(new TreeSet<>(List.of(0, 1, 3, 4, 8)),
        rows.stream().map(MeasurementRow::step).collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(Set.of(32, 8, 3, 2), rows.stream().map(r -> r.estimate().orElseThrow().layerWidth())
        .collect(Collectors.toSet()));
    MeasurementRow lastOutput = rows.stream().filter(r -> r.step() == 8
        && r.estimate().orElseThrow().layer().equals(Layer.OUTPUT)).findFirst().orElseThrow();
    assertTrue(lastOutput.testAccuracy() >= 0 && lastOutput.testAccuracy() <= 1);
    assertTrue(lastOutput.testLoss() > 0, "softmax cross-entropy is positive");
    assertEquals(2.0, lastOutput.epoch(), 0.0, "step 8 at 4 steps per epoch: 2 epochs taken");
  }

  /** fit(iterator, epochs) trains inside DL4J's workspaces and calls the epoch hooks. */
  @Test
  void aNetworkFitOnAnIteratorIsMeasuredAtEveryScheduledStep() throws IOException {
    Path out = dir.resolve("run");
    try (RecordedRunWriter run = RecordedRunWriter.create(out, evaluation.writerSettings(
        List.of(Estimators.parse("binning:bins=4,range=point")), false, List.of()))) {
      MultiLayerNetwork net = TinyCnn.create(3);
      InformationPlaneListener listener = InformationPlaneListener.builder(run, new Cell(2, 1),
          evaluation).schedule(SCHEDULE, TRAIN / BATCH, EPOCHS).start(net);
      net.setListeners(listener);
      net.fit(new ListDataSetIterator<>(new DataSet(x, y).asList(), BATCH), EPOCHS);
      assertTrue(listener.finished());
      run.finish();
    }
    assertEquals(List.of(0, 1, 3, 4, 8), SavedRun.read(out).rows().stream()
        .map(MeasurementRow::step).distinct().toList());
  }

  @Test
  void trainingWithTheListenerGivesTheParametersTrainingWithoutIt() throws IOException {
    INDArray plain = trainedParameters(null);
    try (RecordedRunWriter run = RecordedRunWriter.create(dir.resolve("run"),
        evaluation.writerSettings(List.of(Estimators.parse("binning:bins=4,range=point")), false,
            List.of()))) {
      assertEquals(plain, trainedParameters(run));
    }
  }

  @Test
  void mistakesGiveOneLine() throws IOException {
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> new EvaluationSamples(evalX, new int[19], 2));
    assertEquals("the evaluation features have 20 rows but there are 19 labels", rows.getMessage());
    INDArray notOneHot = Nd4j.createFromArray(new float[][] {{1, 0}, {0.5f, 0.5f}});
    IllegalArgumentException hot = assertThrows(IllegalArgumentException.class,
        () -> EvaluationSamples.fromOneHot(TinyCnn.features(2, 1), notOneHot));
    assertEquals("label row 1 is not one-hot (a single 1, zeros elsewhere): [0.5, 0.5]",
        hot.getMessage());
    assertArrayEquals(new int[] {0, 1}, EvaluationSamples.fromOneHot(TinyCnn.features(2, 1),
        Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}})).labels());

    try (RecordedRunWriter run = RecordedRunWriter.create(dir.resolve("run"),
        evaluation.writerSettings(List.of(Estimators.parse("binning:bins=4,range=point")), false,
            List.of()))) {
      MultiLayerNetwork net = TinyCnn.create(1);
      EvaluationSamples threeClasses = new EvaluationSamples(evalX, new int[20], 3);
      IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
          () -> InformationPlaneListener.builder(run, new Cell(2, 1), threeClasses)
              .schedule(SCHEDULE, 4, 2).start(net));
      assertEquals("the output layer layer3 has 2 units but the evaluation set has 3 classes",
          classes.getMessage());
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> InformationPlaneListener.builder(run, new Cell(2, 1),
              new EvaluationSamples(TinyCnn.features(20, 1).reshape(20, 6, 6), new int[20], 2))
              .schedule(SCHEDULE, 4, 2).start(net));
      assertTrue(shape.getMessage().startsWith("the network cannot take evaluation samples of shape"
          + " [1, 6, 6]: "), shape.getMessage());
      assertFalse(shape.getMessage().contains("\n"), shape.getMessage());
      IllegalArgumentException noSchedule = assertThrows(IllegalArgumentException.class,
          () -> InformationPlaneListener.builder(run, new Cell(2, 1), evaluation).start(net));
      assertTrue(noSchedule.getMessage().startsWith("the listener needs a schedule"));
    }
  }

  private InformationPlaneListener train(RecordedRunWriter run, Cell cell) {
    MultiLayerNetwork net = TinyCnn.create(cell.initSeed());
    InformationPlaneListener listener = InformationPlaneListener.builder(run, cell, evaluation)
        .schedule(SCHEDULE, TRAIN / BATCH, EPOCHS).batchSize(7).start(net);
    net.setListeners(listener);
    fit(net);
    return listener;
  }

  /** Trains with dropout, which draws random numbers; with the listener if run is not null. */
  private INDArray trainedParameters(RecordedRunWriter run) {
    Nd4j.getRandom().setSeed(11);
    MultiLayerNetwork net = TinyCnn.create(5);
    if (run != null) {
      net.setListeners(InformationPlaneListener.builder(run, new Cell(2, 1), evaluation)
          .schedule(SCHEDULE, TRAIN / BATCH, EPOCHS).start(net));
    }
    fit(net);
    return net.params().dup();
  }

  private void fit(MultiLayerNetwork net) {
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      for (int from = 0; from < TRAIN; from += BATCH) {
        net.fit(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + BATCH)),
            y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + BATCH)));
      }
    }
  }
}
