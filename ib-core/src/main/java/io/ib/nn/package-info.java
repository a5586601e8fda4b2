/**
 * Layer 2 (nn): the multilayer perceptron, its activations, weight initialisation and the softmax
 * cross-entropy loss, with forward and backward passes written plainly, by hand, on ND4J arrays.
 * These passes are the reference; the training step's fast form ({@code io.ib.train.internal}) is
 * tested to give the same bits.
 *
 * <p>Shapes: a mini-batch is B x d (one sample per row, c-order). A dense layer with fan-in {@code in}
 * and fan-out {@code out} holds W (in x out) and b (1 x out) and computes Z = A W + b.
 */
package io.ib.nn;
