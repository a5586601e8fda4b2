package io.ib.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small CNN for the tests: 6 x 6 one-channel images (flat, 36 values), a 3 x 3 convolution with
 * two channels (2 x 4 x 4), 2 x 2 max pooling (2 x 2 x 2), a dense layer of 3 units with dropout
 * (so that training draws random numbers), a softmax output of 2 classes.
 */
final class TinyCnn {
  static final int SIDE = 6;
  static final int CLASSES = 2;

  private TinyCnn() {}

  static MultiLayerNetwork create(long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(0.01))
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(2).activation(Activation.RELU)
            .build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
            .stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(3).activation(Activation.TANH).dropOut(0.5).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
            .activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** n flat images with values in [-1, 1), from a seeded generator. */
  static INDArray features(int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] v = new float[n * SIDE * SIDE];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat() * 2 - 1;
    }
    return Nd4j.create(v, new long[] {n, SIDE * SIDE}, 'c');
  }

  /** Labels: class 1 where the image's mean is positive, so there is something to learn. */
  static int[] labels(INDArray features) {
    float[] means = features.mean(1).toFloatVector();
    int[] labels = new int[means.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = means[i] > 0 ? 1 : 0;
    }
    return labels;
  }

  static INDArray oneHot(int[] labels) {
    float[] v = new float[labels.length * CLASSES];
    for (int i = 0; i < labels.length; i++) {
      v[i * CLASSES + labels[i]] = 1;
    }
    return Nd4j.create(v, new long[] {labels.length, CLASSES}, 'c');
  }
}
