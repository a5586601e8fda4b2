/** The DL4J contender (deeplearning4j-nn MultiLayerNetwork). */
package io.ib.bench.dl4j;
