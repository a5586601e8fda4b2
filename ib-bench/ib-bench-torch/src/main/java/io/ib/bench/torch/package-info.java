/** The libtorch contender (org.bytedeco:pytorch); no ND4J on this class path. */
package io.ib.bench.torch;
