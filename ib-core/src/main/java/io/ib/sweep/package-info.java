/**
 * Layer 6 (sweep): the {@link io.ib.sweep.InformationBottleneck} facade, the validated sweep
 * configuration (whose {@link io.ib.sweep.SweepConfig#notebook()} preset is the only home of the
 * defaults), seeds per cell, the progress listener and the result objects.
 */
package io.ib.sweep;
