/**
 * The benchmark harness: starts every contender and measurement in its own JVM, alternates the
 * contenders, and renders the report. Touches no ND4J class itself.
 */
package io.ib.bench.harness;
