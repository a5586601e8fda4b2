/**
 * Layer 1 (data): labelled datasets held in memory as ND4J matrices, and the files they came from.
 * Nothing here knows about models, training or estimators.
 */
package io.ib.data;
