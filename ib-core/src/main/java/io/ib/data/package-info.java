/**
 * Layer 1 (data): labelled datasets held in memory as ND4J matrices, the files they came from, and
 * mini-batch ordering. Nothing here knows about models or estimators.
 */
package io.ib.data;
