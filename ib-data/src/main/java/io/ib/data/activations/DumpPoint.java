package io.ib.data.activations;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * A measurement point of a dumped network: its step directory and what {@code steps.csv} says of it.
 *
 * @param step optimiser steps taken (or the epoch, for dumps taken once an epoch)
 * @param epoch epochs taken, possibly fractional; the step when not given
 * @param directory the directory of its arrays, {@code step{N}}
 */
record DumpPoint(int step, double epoch, OptionalDouble trainLoss, OptionalDouble testLoss,
    OptionalDouble testAccuracy, Path directory) {}
