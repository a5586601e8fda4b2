package io.ib.dl4j.lenet;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A LeNet-5-type network for 28 x 28 MNIST digits, in DL4J: {@code conv1} 5 x 5 with C channels
 * (ReLU; C x 24 x 24), {@code pool1} 2 x 2 max pooling (C x 12 x 12), {@code conv2} 5 x 5 with
 * {@value #CONV2_CHANNELS} channels (ReLU; 16 x 8 x 8), {@code pool2} (16 x 4 x 4), {@code dense}
 * {@value #DENSE_UNITS} ReLU units, {@code output} 10-way softmax on cross-entropy; Xavier
 * initialisation, Adam with learning rate {@value #LEARNING_RATE}, float32. C, the first layer's
 * channels, is the capacity the example varies.
 */
public final class LeNet {
  /** Channels of the second convolution (LeNet-5's 16). */
  public static final int CONV2_CHANNELS = 16;
  /** Units of the dense layer (LeNet-5's first dense layer). */
  public static final int DENSE_UNITS = 120;
  /** Adam's learning rate. */
  public static final double LEARNING_RATE = 1e-3;
  private static final int SIDE = 28;
  private static final int CLASSES = 10;

  private LeNet() {}

  /**
   * The network, initialised.
   *
   * @param channels channels of the first convolution, at least 1
   * @param seed seed of the initial weights
   */
  public static MultiLayerNetwork create(int channels, long seed) {
    if (channels < 1) {
      throw new IllegalArgumentException("the first convolution needs at least 1 channel, got "
          + channels);
    }
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER)
        .updater(new Adam(LEARNING_RATE))
        .list()
        .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(channels)
            .activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1")
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(CONV2_CHANNELS)
            .activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool2")
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().name("dense").nOut(DENSE_UNITS).activation(Activation.RELU)
            .build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output")
            .nOut(CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
