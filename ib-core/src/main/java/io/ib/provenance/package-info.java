/**
 * Layer 7 (provenance): what a result needs to be reproduced: library and ND4J versions, backend,
 * threads, Java and OS, and the command line.
 */
package io.ib.provenance;
