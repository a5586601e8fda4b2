package io.ib.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's behaviour on an evaluation set at one moment of training.
 *
 * @param loss mean softmax cross-entropy, nats
 * @param accuracy fraction of samples whose largest logit is the true class, in [0, 1]
 * @param hiddenActivations one n x width matrix per hidden layer, input side first
 * @param logits the n x numClasses output layer (pre-softmax)
 *
 * <p>The arrays belong to the {@link Evaluator} and are valid until its next call.
 */
public record Evaluation(
    double loss, double accuracy, List<INDArray> hiddenActivations, INDArray logits) {}
