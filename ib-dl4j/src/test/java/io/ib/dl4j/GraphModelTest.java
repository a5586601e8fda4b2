package io.ib.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Estimators;
import io.ib.info.LayerSample;
import io.ib.run.MeasurementRow;
import io.ib.run.RecordedLayer;
import io.ib.run.RecordedRunWriter;
import io.ib.run.SavedRun;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A ComputationGraph is measured as a MultiLayerNetwork is: its layer vertices in order. */
class GraphModelTest {
  private static final int N = 7;

  @TempDir
  Path dir;

  @Test
  void everyLayerVertexIsDescribedAndMeasuredInOrder() {
    ComputationGraph graph = tinyGraph(3);
    INDArray features = TinyCnn.features(N, 1);
    assertEquals(List.of(
        new RecordedLayer("conv", "convolution", List.of(2, 4, 4), false),
        new RecordedLayer("pool", "subsampling", List.of(2, 2, 2), false),
        new RecordedLayer("dense", "dense", List.of(3), false),
        new RecordedLayer("out", "output (softmax)", List.of(2), true)),
        LayerActivations.describe(graph, features));
    Map<String, INDArray> whole = graph.feedForward(features, false);
    List<ActivationMatrix> batched = LayerActivations.measure(graph, features, 3);
    List<String> names = List.of("conv", "pool", "dense", "out");
    for (int l = 0; l < names.size(); l++) {
      INDArray a = whole.get(names.get(l));
      // per-sample operations: a row's result does not depend on the rows beside it
      assertArrayEquals(LayerSample.rowMajorFloats(a.reshape('c', N, a.length() / N)),
          batched.get(l).values(), 1e-6f, names.get(l));
    }
  }

  @Test
  void aGraphTrainsAsWithoutTheListenerAndIsRecorded() throws IOException {
    INDArray x = TinyCnn.features(16, 4);
    INDArray y = TinyCnn.oneHot(TinyCnn.labels(x));
    INDArray evalX = TinyCnn.features(20, 9);
    EvaluationSamples evaluation = new EvaluationSamples(evalX, TinyCnn.labels(evalX), 2);
    INDArray plain = train(x, y, null, null);
    Path out = dir.resolve("run");
    try (RecordedRunWriter run = RecordedRunWriter.create(out, evaluation.writerSettings(
        List.of(Estimators.parse("binning:bins=4,range=point")), false, List.of()))) {
      assertEquals(plain, train(x, y, run, evaluation));
      run.finish();
    }
    List<MeasurementRow> rows = SavedRun.read(out).rows();
    assertEquals(3 * 4, rows.size(), "steps 0, 1 and 3 of 3 x 4 layers");
    assertTrue(rows.stream().allMatch(r -> r.estimate().isPresent()));
  }

  /** Three steps with dropout, which draws random numbers; with the listener if run is not null. */
  private static INDArray train(INDArray x, INDArray y, RecordedRunWriter run,
      EvaluationSamples evaluation) {
    Nd4j.getRandom().setSeed(11);
    ComputationGraph graph = tinyGraph(5);
    if (run != null) {
      graph.setListeners(InformationPlaneListener.builder(run, new Cell(2, 1), evaluation)
          .schedule(new MeasurementSchedule(true, List.of(1, 3), false), 3, 1).start(graph));
    }
    for (int step = 0; step < 3; step++) {
      graph.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    return graph.params().dup();
  }

  /** TinyCnn as a graph: in -> conv -> pool -> dense (dropout) -> out. */
  private static ComputationGraph tinyGraph(long seed) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(0.01))
        .graphBuilder()
        .addInputs("in")
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU)
            .build(), "in")
        .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build(), "conv")
        .addLayer("dense", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).dropOut(0.5)
            .build(), "pool")
        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
            .activation(Activation.SOFTMAX).build(), "dense")
        .setOutputs("out")
        .setInputTypes(InputType.convolutionalFlat(TinyCnn.SIDE, TinyCnn.SIDE, 1))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }
}
