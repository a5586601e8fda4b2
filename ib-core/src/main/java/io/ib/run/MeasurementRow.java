package io.ib.run;

/**
 * One row of {@code measurements.csv}, typed. Information values in bits (NaN where the file has an
 * empty field), losses in nats.
 *
 * @param width bottleneck width of the cell
 * @param seed replicate seed of the cell
 * @param epoch training progress in epochs
 * @param step optimiser steps taken
 * @param layer layer name (empty when no estimator ran)
 * @param layerWidth units of the layer (0 when no estimator ran)
 * @param estimator estimator spec text (empty when no estimator ran)
 * @param ixtBits I(X;T)
 * @param ityBits I(T;Y)
 * @param htBits H(T), NaN where undefined
 * @param n evaluation samples (0 when no estimator ran)
 * @param log2nBits ceiling of I(X;T)
 * @param hyBits ceiling of I(T;Y)
 * @param trainLoss mean mini-batch loss since the previous measurement, NaN at step 0
 * @param testLoss loss on the evaluation set
 * @param testAccuracy accuracy on the evaluation set
 */
public record MeasurementRow(int width, long seed, double epoch, int step, String layer,
    int layerWidth, String estimator, double ixtBits, double ityBits, double htBits, int n,
    double log2nBits, double hyBits, double trainLoss, double testLoss, double testAccuracy) {}
