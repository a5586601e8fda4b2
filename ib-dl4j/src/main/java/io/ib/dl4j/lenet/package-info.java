/**
 * The example of ib-dl4j: LeNet-5 on MNIST in DL4J with a capacity sweep over the first
 * convolution's channels, measured while it trains ({@link io.ib.dl4j.lenet.LeNetMain}, run by
 * {@code ./ib-dl4j-lenet}).
 */
package io.ib.dl4j.lenet;
