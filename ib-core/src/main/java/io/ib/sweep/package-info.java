/**
 * Layer 8 (sweep): the sweep engine and what it is made of. The validated configuration
 * ({@link io.ib.sweep.SweepConfig}, whose {@link io.ib.sweep.SweepConfig#notebook()} preset is the
 * only home of the defaults), cells and their seeds, {@link io.ib.sweep.SweepRunner} (cells on the
 * cores), one cell's training and measuring, the measurement step, the progress listener, the
 * result objects, and the storage interface the engine writes to ({@link io.ib.sweep.RunStore}),
 * which the layer above implements.
 */
package io.ib.sweep;
