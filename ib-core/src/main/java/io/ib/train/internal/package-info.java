/**
 * Layer 4, below {@code io.ib.train}: the training step's fast form. ND4J calls bound once to
 * preallocated buffers, mini-batches gathered from a sparse index without their all-zero input
 * columns, and the first layer's rows copied for those columns. Same arithmetic as
 * {@link io.ib.nn.Mlp#forward} and {@link io.ib.nn.Mlp#backward}.
 *
 * <p><strong>Not API.</strong> Public only because Java packages cannot share package-private classes;
 * it may change in any release without notice. Use {@link io.ib.train.Trainer} and
 * {@link io.ib.train.TrainingLoop}.
 */
package io.ib.train.internal;
