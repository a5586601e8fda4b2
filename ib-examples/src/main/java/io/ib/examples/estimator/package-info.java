/** An example of an estimator written outside ib-core and plugged in through ServiceLoader. */
package io.ib.examples.estimator;
