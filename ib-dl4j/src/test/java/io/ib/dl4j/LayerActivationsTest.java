package io.ib.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ib.info.LayerSample;
import io.ib.run.RecordedLayer;
import io.ib.sweep.ActivationMatrix;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerActivationsTest {
  private static final int N = 7;

  @Test
  void describesEveryLayerWithItsShapeAndKind() {
    MultiLayerNetwork net = TinyCnn.create(3);
    List<RecordedLayer> layers = LayerActivations.describe(net, TinyCnn.features(N, 1));
    assertEquals(List.of(
        new RecordedLayer("conv", "convolution", List.of(2, 4, 4), false),
        new RecordedLayer("layer1", "subsampling", List.of(2, 2, 2), false),
        new RecordedLayer("layer2", "dense", List.of(3), false),
        new RecordedLayer("layer3", "output (softmax)", List.of(2), true)), layers);
  }

  /** Unit (c, y, x) of the convolution is relu(b_c + sum_{dy,dx} W[c, 0, dy, dx] in[y+dy, x+dx]). */
  @Test
  void aConvolutionIsFlattenedChannelByChannelRowByRow() {
    MultiLayerNetwork net = TinyCnn.create(3);
    INDArray features = TinyCnn.features(N, 1);
    ActivationMatrix conv = LayerActivations.measure(net, features, 3).get(0);
    assertEquals(N, conv.rows());
    assertEquals(2 * 4 * 4, conv.columns());
    float[] w = LayerSample.rowMajorFloats(net.getParam("0_W")); // [2, 1, 3, 3]
    float[] b = LayerSample.rowMajorFloats(net.getParam("0_b"));
    float[] x = LayerSample.rowMajorFloats(features);
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 4; y++) {
          for (int xx = 0; xx < 4; xx++) {
            double sum = b[c];
            double magnitude = Math.abs(b[c]);
            for (int dy = 0; dy < 3; dy++) {
              for (int dx = 0; dx < 3; dx++) {
                double term = w[c * 9 + dy * 3 + dx] * x[i * 36 + (y + dy) * 6 + xx + dx];
                sum += term;
                magnitude += Math.abs(term);
              }
            }
            float actual = conv.values()[i * 32 + c * 16 + y * 4 + xx];
            // float32 sums of 10 terms: each rounding at most 2^-24 of the running magnitude
            assertEquals(Math.max(0, sum), actual, 10 * magnitude * 0x1p-24 + 1e-12,
                "sample " + i + ", channel " + c + ", row " + y + ", column " + xx);
          }
        }
      }
    }
  }

  @Test
  void batchesGiveWhatOneForwardPassOfAllSamplesGives() {
    MultiLayerNetwork net = TinyCnn.create(3);
    INDArray features = TinyCnn.features(N, 1);
    List<INDArray> whole = net.feedForward(features, false);
    List<ActivationMatrix> batched = LayerActivations.measure(net, features, 3);
    assertEquals(4, batched.size());
    for (int l = 0; l < 4; l++) {
      INDArray a = whole.get(l + 1);
      float[] expected = LayerSample.rowMajorFloats(a.reshape('c', N, a.length() / N));
      // per-sample operations: a row's result does not depend on the rows beside it
      assertArrayEquals(expected, batched.get(l).values(), 1e-6f, "layer " + l);
    }
  }

  @Test
  void measuringPutsTheNetworksInputBack() {
    MultiLayerNetwork net = TinyCnn.create(3);
    INDArray trainingBatch = TinyCnn.features(5, 2);
    net.setInput(trainingBatch);
    LayerActivations.measure(net, TinyCnn.features(N, 1), 4);
    assertSame(trainingBatch, net.getInput());
    assertEquals(5, net.getInputMiniBatchSize());
  }

  /** Dropout draws random numbers in training; measuring draws none, so training is unchanged. */
  @Test
  void measuringBetweenStepsDoesNotChangeTraining() {
    INDArray x = TinyCnn.features(16, 4);
    INDArray y = TinyCnn.oneHot(TinyCnn.labels(x));
    INDArray plain = train(x, y, false);
    INDArray measured = train(x, y, true);
    assertEquals(plain, measured);
  }

  private static INDArray train(INDArray x, INDArray y, boolean measure) {
    org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(11);
    MultiLayerNetwork net = TinyCnn.create(5);
    for (int step = 0; step < 6; step++) {
      if (measure) {
        LayerActivations.measure(net, TinyCnn.features(N, 1), 3);
      }
      net.fit(x, y);
    }
    return net.params().dup();
  }
}
