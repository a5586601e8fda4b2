package io.ib.run;

import io.ib.info.MutualInformationEstimator;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks of what a {@link RecordedRunWriter} is given, each refusal one line naming what is
 * wrong: a recorded run must hold numbers a sweep could have written.
 */
final class RecordedPoints {
  private RecordedPoints() {}

  /** Checks the settings of a recording (see {@link RecordingSettings}). */
  static void checkSettings(String source, int[] labels, Optional<ActivationMatrix> inputs,
      List<MutualInformationEstimator> estimators, OptionalInt classes) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(inputs, "inputs");
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("a recording needs a source, e.g. import or dl4j");
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("a recording needs the labels of at least one sample");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i]
            + ": classes are numbered from 0");
      }
      if (classes.isPresent() && labels[i] >= classes.getAsInt()) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", but the recording"
            + " has " + classes.getAsInt() + " classes (numbered from 0)");
      }
    }
    if (inputs.isPresent()) {
      ActivationMatrix x = inputs.get();
      if (x.rows() != labels.length) {
        throw new IllegalArgumentException("the inputs have " + x.rows() + " rows but there are "
            + labels.length + " labels");
      }
      requireFinite(x, "the inputs");
    }
    for (MutualInformationEstimator e : estimators) {
      Objects.requireNonNull(e, "estimator");
    }
    // The checks a sweep's estimators pass: distinct estimates, none that needs a quantized network.
    ConfigJson.RECORDED_STAND_IN.withEstimators(estimators);
  }

  /** Checks that a later cell's network has the layers of the first. */
  static void requireSameLayers(RecordedNetwork first, RecordedNetwork next) {
    if (!Recording.layerNames(first).keySet().equals(Recording.layerNames(next).keySet())) {
      throw new IllegalArgumentException("network '" + next.description() + "' measures layers "
          + Recording.layerNames(next).keySet() + ", but the run's first network "
          + Recording.layerNames(first).keySet() + ": every cell needs the same layers (their"
          + " shapes may differ)");
    }
  }

  /** Checks a point against its cell: a finite matrix per layer, of the layer's width, n rows. */
  static void check(Cell cell, RecordedCell c, RecordedPoint p, int samples) {
    if (p.step() <= c.lastStep()) {
      throw new IllegalArgumentException(cell + ": step " + p.step() + " follows step "
          + c.lastStep() + "; the steps of a cell must increase");
    }
    if (p.activations().size() != c.layers().size()) {
      throw new IllegalArgumentException(cell + ", step " + p.step() + ": " + p.activations().size()
          + " activation matrices for a network of " + c.layers().size() + " measured layers");
    }
    p.testAccuracy().ifPresent(a -> {
      if (!(a >= 0 && a <= 1)) {
        throw new IllegalArgumentException(cell + ", step " + p.step() + ": accuracy " + a
            + " is not in [0, 1]");
      }
    });
    int l = 0;
    for (Map.Entry<Layer, RecordedLayer> e : c.layers().entrySet()) {
      ActivationMatrix t = p.activations().get(l++);
      RecordedLayer layer = e.getValue();
      String what = "layer " + layer.name() + " (" + e.getKey() + ") of " + cell + " at step "
          + p.step();
      if (t.rows() != samples || t.columns() != layer.width()) {
        throw new IllegalArgumentException(what + " has " + t.rows() + " x " + t.columns()
            + " activations, expected " + samples + " samples x " + layer.width() + " units (shape "
            + layer.shape() + ")");
      }
      requireFinite(t, what);
    }
  }

  private static void requireFinite(ActivationMatrix m, String what) {
    float[] v = m.values();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(what + " has value " + v[i] + " at sample "
            + i / m.columns() + ", unit " + i % m.columns() + ": activations must be finite");
      }
    }
  }
}
