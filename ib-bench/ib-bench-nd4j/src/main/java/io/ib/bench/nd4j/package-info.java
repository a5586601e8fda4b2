/**
 * The ND4J-side child processes: the workload writer, ib's sweep through its library, ND4J GEMM
 * throughput, the call-by-call profile of ib's training step (with measured alternatives) and estimator
 * throughput.
 */
package io.ib.bench.nd4j;
