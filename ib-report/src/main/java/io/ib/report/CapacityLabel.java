package io.ib.report;

import io.ib.run.Recording;
import java.util.Locale;
import java.util.Optional;

/**
 * What the report calls the cells' width, in one place: a sweep varies the bottleneck width
 * {@code k}; a recorded run ({@link Recording}) whatever capacity it names, e.g. {@code conv1
 * channels}, which then stands for all three names (legend {@code conv1 channels = 2}).
 *
 * @param symbol the short name, in legends and table headers: {@code k}
 * @param noun the name in running text ("one per ..."): {@code bottleneck width}
 * @param axis the full name, on axes and in captions: {@code bottleneck width k}
 */
record CapacityLabel(String symbol, String noun, String axis) {
  /** A sweep's: the bottleneck width k. */
  static final CapacityLabel BOTTLENECK = new CapacityLabel("k", "bottleneck width",
      "bottleneck width k");

  /** The label of a run: its recording's capacity, else the bottleneck width. */
  static CapacityLabel of(Optional<Recording> recording) {
    return recording.map(CapacityLabel::of).orElse(BOTTLENECK);
  }

  /** The label of a recorded run: its capacity's name in every role. */
  static CapacityLabel of(Recording recording) {
    return new CapacityLabel(recording.capacity(), recording.capacity(), recording.capacity());
  }

  /** One width, short: {@code k = 2}, {@code conv1 channels = 2}. */
  String is(int width) {
    return symbol + " = " + width;
  }

  /** One width, in full: {@code bottleneck width k = 2}. */
  String full(int width) {
    return axis + " = " + width;
  }

  /**
   * A name of the capacity after "one per" or "each": the name itself for the bottleneck width; a
   * recorded capacity names a count ({@code conv1 channels}), so {@code value of conv1 channels}.
   */
  String one(String name) {
    return equals(BOTTLENECK) ? name : "value of " + name;
  }

  /** A name of the capacity as an object: {@code the bottleneck width}; {@code conv1 channels}. */
  String the(String name) {
    return equals(BOTTLENECK) ? "the " + name : name;
  }

  /** The full name with a capital, to begin a sentence: {@code Bottleneck width k}. */
  String sentence() {
    return axis.substring(0, 1).toUpperCase(Locale.ROOT) + axis.substring(1);
  }
}
