/**
 * Runs the cells of an ib sweep as Apache Spark tasks: {@link io.ib.spark.SparkEngine} (the engine
 * {@code ib sweep --engine spark} uses), and Hadoop file systems ({@code hdfs://}, {@code s3a://},
 * ...) as storage for committed cells ({@link io.ib.spark.HadoopCellStorage}).
 */
package io.ib.spark;
