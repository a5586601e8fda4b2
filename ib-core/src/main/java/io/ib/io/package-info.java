/**
 * Layer 8 (io): results on disk. A run directory holds {@code sweep.json} (configuration, provenance,
 * dataset checksums, status; rewritten atomically) and {@code measurements.csv} (one row per
 * measurement, layer and estimator; appended and flushed as rows are produced).
 */
package io.ib.io;
