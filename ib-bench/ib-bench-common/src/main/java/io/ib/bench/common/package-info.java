/**
 * Plain Java shared by every benchmark contender (no native dependencies): the shared workload file,
 * the timed sweep loop of the baselines, order statistics and the one-line JSON result.
 */
package io.ib.bench.common;
