/**
 * Runs the cells of an ib sweep as Apache Spark tasks: {@link io.ib.spark.SparkEngine} (the engine
 * {@code ib sweep --engine spark} uses, found by name through
 * {@link io.ib.spark.SparkEngineProvider}), and Hadoop file systems ({@code hdfs://},
 * {@code s3a://}, ...) as storage for committed cells ({@link io.ib.spark.HadoopCellStorage}). A
 * library on ib-core and Spark (provided); the command line that uses it is ib-cli's.
 */
package io.ib.spark;
