package io.ib.run;

import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run of networks trained outside ib records instead of a training configuration: the
 * source of its activations and the network of each cell, whose layers ib names
 * {@code hidden1}, {@code hidden2}, ... and {@code output} (see {@link RecordedNetwork}). Such a run
 * cannot be resumed: ib cannot retrain its networks.
 *
 * @param source where the activations come from, in words: {@code import}, {@code dl4j}
 * @param capacity what a cell's width counts, in words, e.g. {@code conv1 channels}: the capacity
 *     varied across the cells ({@link #DEFAULT_CAPACITY} when not named)
 * @param networks each started cell's network, in the order the cells started
 */
public record Recording(String source, String capacity, Map<Cell, RecordedNetwork> networks) {
  /** The name of the varied capacity when the recording does not name it. */
  public static final String DEFAULT_CAPACITY = "width";

  public Recording {
    Objects.requireNonNull(source, "source");
    if (capacity == null || capacity.isBlank()) {
      throw new IllegalArgumentException("the varied capacity needs a name, e.g. conv1 channels");
    }
    networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
  }

  /** A recording whose capacity is not named ({@link #DEFAULT_CAPACITY}). */
  public Recording(String source, Map<Cell, RecordedNetwork> networks) {
    this(source, DEFAULT_CAPACITY, networks);
  }

  /** The cells, in the order they started. */
  public List<Cell> cells() {
    return List.copyOf(networks.keySet());
  }

  /** The same recording with one more cell. */
  Recording with(Cell cell, RecordedNetwork network) {
    Map<Cell, RecordedNetwork> all = new LinkedHashMap<>(networks);
    all.put(cell, network);
    return new Recording(source, capacity, all);
  }

  /**
   * The layers of a cell's network as ib names them ({@code hidden1}, ..., {@code output}), each
   * with the framework's layer, in order from the input.
   */
  public Map<Layer, RecordedLayer> layers(Cell cell) {
    RecordedNetwork network = networks.get(cell);
    if (network == null) {
      throw new IllegalArgumentException(cell + " is not a cell of this recording");
    }
    return layerNames(network);
  }

  /** A network's layers as ib names them, in order from the input. */
  public static Map<Layer, RecordedLayer> layerNames(RecordedNetwork network) {
    Map<Layer, RecordedLayer> named = new LinkedHashMap<>();
    int hidden = 0;
    for (RecordedLayer l : network.layers()) {
      named.put(l.output() ? Layer.OUTPUT : Layer.hidden(++hidden), l);
    }
    return Collections.unmodifiableMap(named);
  }
}
