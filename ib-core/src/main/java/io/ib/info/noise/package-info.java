/** Estimators for noisy networks: the sample-propagation estimator of Goldfeld et al. (2019). */
package io.ib.info.noise;
