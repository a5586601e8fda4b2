/**
 * Estimators for noisy networks: the sample-propagation estimator of Goldfeld et al. (2019) and the
 * Gaussian-dropout estimator of Adilova et al. (2023).
 */
package io.ib.info.noise;
