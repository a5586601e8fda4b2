package io.ib.bench.dl4j;

import io.ib.bench.common.ContenderLoop;
import io.ib.bench.common.Workload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J contender: the same MLP as a {@link MultiLayerNetwork} (two ReLU {@link DenseLayer}s, a
 * softmax {@link OutputLayer} with multi-class cross-entropy), float32, Adam(1e-3, 0.9, 0.999, 1e-8),
 * no regularisation, started from the workload's initial parameters and trained with
 * {@code fit(features, labels)} on the workload's mini-batches (gathered with {@code pullRows} inside
 * the timed step, as ib does). The test forward pass is {@code feedForward(testX, false)} (every
 * layer's activations, as the estimators need), then loss and accuracy from the softmax output.
 *
 * <p>Usage: {@code Dl4jMain sweep --workload FILE [--epochs E] [--width-budget S]
 * [--widths 5,10 | --serve]} (see {@link ContenderLoop#main}). Threads: ND4J reads OMP_NUM_THREADS
 * at start-up (OpenMP and OpenBLAS).
 */
public final class Dl4jMain {
  private Dl4jMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = ContenderLoop.options(args, 1);
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    Workload w = Workload.read(Path.of(o.get("workload")));
    Data data = new Data(w);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("contender", "dl4j");
    header.put("threads", threadSettings());
    ContenderLoop.main(o, w, (width, layers) -> new Net(data, w, width, layers), header);
    System.exit(0);
  }

  private static Map<String, Object> threadSettings() {
    Map<String, Object> t = ContenderLoop.threadEnvironment();
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    t.put("nd4j.maxThreads", Nd4j.getEnvironment().maxThreads());
    t.put("nd4j.blasThreads", Nd4j.factory().blas().getMaxThreads());
    t.put("nd4j.blasVendor", String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
    return t;
  }

  static final class Data {
    final INDArray trainX;
    final INDArray trainOneHot;
    final INDArray testX;
    final int[] testY;

    Data(Workload w) {
      trainX = Nd4j.create(w.trainX(), new long[] {w.trainSize(), w.inputSize()}, 'c');
      trainOneHot = oneHot(w.trainY(), w.numClasses());
      testX = Nd4j.create(w.testX(), new long[] {w.testSize(), w.inputSize()}, 'c');
      testY = w.testY();
    }

    static INDArray oneHot(int[] labels, int classes) {
      float[] v = new float[labels.length * classes];
      for (int i = 0; i < labels.length; i++) {
        v[i * classes + labels[i]] = 1f;
      }
      return Nd4j.create(v, new long[] {labels.length, classes}, 'c');
    }
  }

  static final class Net implements ContenderLoop.Model {
    private final Data data;
    private final MultiLayerNetwork net;
    private final Map<Integer, INDArray[]> buffers = new LinkedHashMap<>();

    Net(Data data, Workload w, int width, float[][] layers) {
      this.data = data;
      MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
          .dataType(DataType.FLOAT)
          .updater(new Adam(1e-3, 0.9, 0.999, 1e-8))
          .list()
          .layer(new DenseLayer.Builder().nIn(w.inputSize()).nOut(w.hidden1())
              .activation(Activation.RELU).build())
          .layer(new DenseLayer.Builder().nIn(w.hidden1()).nOut(width)
              .activation(Activation.RELU).build())
          .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width)
              .nOut(w.numClasses()).activation(Activation.SOFTMAX).build())
          .build();
      net = new MultiLayerNetwork(conf);
      net.init();
      int[] fan = {w.inputSize(), w.hidden1(), width, w.numClasses()};
      for (int l = 0; l < 3; l++) {
        net.setParam(l + "_W", Nd4j.create(layers[2 * l], new long[] {fan[l], fan[l + 1]}, 'c'));
        net.setParam(l + "_b", Nd4j.create(layers[2 * l + 1], new long[] {1, fan[l + 1]}, 'c'));
      }
    }

    @Override
    public double step(int[] order, int from, int rows) {
      INDArray[] b = buffers.computeIfAbsent(rows, r -> new INDArray[] {
          Nd4j.createUninitialized(DataType.FLOAT, r, data.trainX.columns()),
          Nd4j.createUninitialized(DataType.FLOAT, r, data.trainOneHot.columns())});
      int[] idx = java.util.Arrays.copyOfRange(order, from, from + rows);
      Nd4j.pullRows(data.trainX, b[0], 1, idx);
      Nd4j.pullRows(data.trainOneHot, b[1], 1, idx);
      net.fit(b[0], b[1]);
      return net.score();
    }

    @Override
    public double[] evaluate() {
      List<INDArray> acts = net.feedForward(data.testX, false);
      INDArray probs = acts.get(acts.size() - 1);
      long[] predicted = probs.argMax(1).toLongVector();
      float[] p = probs.dup('c').data().asFloat();
      int classes = (int) probs.columns();
      int correct = 0;
      double loss = 0;
      for (int i = 0; i < data.testY.length; i++) {
        if (predicted[i] == data.testY[i]) {
          correct++;
        }
        loss -= Math.log(Math.max(p[i * classes + data.testY[i]], 1e-30f));
      }
      return new double[] {loss / data.testY.length, correct / (double) data.testY.length};
    }

    @Override
    public void close() {
      // Java heap and ND4J's deallocator free the arrays.
    }
  }

}
