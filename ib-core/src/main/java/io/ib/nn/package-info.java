/**
 * Layer 2 (nn): the multilayer perceptron, its activations, weight initialisation and the softmax
 * cross-entropy loss, with forward and backward passes written by hand on ND4J arrays.
 *
 * <p>Shapes: a mini-batch is B x d (one sample per row, c-order). A dense layer with fan-in {@code in}
 * and fan-out {@code out} holds W (in x out) and b (1 x out) and computes Z = A W + b.
 */
package io.ib.nn;
