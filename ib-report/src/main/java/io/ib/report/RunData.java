package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.nn.Activation;
import io.ib.run.MeasurementRow;
import io.ib.run.RunManifest;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run directory read back ({@link SavedRun}: the typed manifest and rows) with the groupings the
 * plots need. Immutable once read. A run that is still running, failed, or stopped gives a report
 * of what it holds.
 */
final class RunData {
  private final SavedRun saved;
  private final List<Integer> widths;
  private final List<Long> seeds;
  private final Set<Integer> measuredWidths;
  private final int measuredSeeds;
  private final List<EstimatorSpec> estimators;
  private final List<Layer> layers;
  private final Map<EstimatorSpec, Set<Layer>> layersOf;
  private final Map<Layer, Set<Integer>> layerSizes;
  private final Layer bottleneck;
  private final Map<Layer, String> recordedLabels;
  private final List<CellStatus> cells;
  private final CapacityLabel capacity;

  private RunData(SavedRun saved) {
    this.saved = saved;
    TreeSet<Integer> w = new TreeSet<>(saved.config().widths());
    LinkedHashSet<Long> s = new LinkedHashSet<>(saved.config().seeds());
    TreeSet<Integer> measuredW = new TreeSet<>();
    Set<Long> measuredS = new HashSet<>();
    LinkedHashSet<EstimatorSpec> est = new LinkedHashSet<>();
    Map<Layer, Set<Integer>> sizes = new TreeMap<>();
    Map<EstimatorSpec, Set<Layer>> byEstimator = new HashMap<>();
    // Layers whose width is the cell's width in every row so far: the bottleneck's candidates.
    Map<Layer, Boolean> widthIsK = new TreeMap<>();
    Map<Cell, TreeSet<Integer>> steps = new HashMap<>();
    for (MeasurementRow r : saved.rows()) {
      measuredW.add(r.width());
      measuredS.add(r.seed());
      s.add(r.seed());
      steps.computeIfAbsent(r.cell(), k -> new TreeSet<>()).add(r.step());
      r.estimate().ifPresent(e -> {
        if (!e.estimate().estimator().isStandardErrors()) { // errors of another row: no plane
          est.add(e.estimate().estimator());
        }
        sizes.computeIfAbsent(e.layer(), k -> new TreeSet<>()).add(e.layerWidth());
        byEstimator.computeIfAbsent(e.estimate().estimator(), k -> new HashSet<>()).add(e.layer());
        widthIsK.merge(e.layer(), e.layerWidth() == r.width(), Boolean::logicalAnd);
      });
    }
    w.addAll(measuredW);
    this.widths = List.copyOf(w);
    this.seeds = List.copyOf(s);
    this.measuredWidths = Collections.unmodifiableSet(measuredW);
    this.measuredSeeds = measuredS.size();
    this.estimators = Specs.order(new ArrayList<>(est));
    this.layerSizes = sizes;
    // The deepest hidden layer whose width was the cell's width in every row; never the output.
    // A recorded network's width is the capacity varied, not a layer's units: it has no bottleneck.
    this.bottleneck = saved.manifest().isRecorded() ? null : widthIsK.entrySet().stream()
        .filter(e -> e.getValue() && e.getKey().isHidden()).map(Map.Entry::getKey)
        .reduce((a, b) -> b).orElse(null);
    this.recordedLabels = saved.manifest().recording().map(RecordedNetworksSection::labels)
        .orElse(Map.of());
    this.layers = List.copyOf(sizes.keySet());
    this.layersOf = byEstimator;
    this.cells = cells(saved.manifest(), widths, seeds, steps);
    this.capacity = CapacityLabel.of(saved.manifest().recording());
  }

  /**
   * Reads a run directory.
   *
   * @throws IOException if {@code directory} holds no run (naming the path and what is missing), or
   *     a file of the run is damaged (naming the file and the problem)
   */
  static RunData read(Path directory) throws IOException {
    return new RunData(SavedRun.read(directory));
  }

  Path directory() {
    return saved.directory();
  }

  RunManifest manifest() {
    return saved.manifest();
  }

  /** The run as read. */
  SavedRun saved() {
    return saved;
  }

  /** The hidden layers' activation, e.g. {@code relu}. */
  String activation() {
    return saved.config().activation().id();
  }

  /**
   * Whether the hidden layers' activation is unbounded, so a fixed binning range can clip them; not
   * known, and not claimed, for networks trained outside ib.
   */
  boolean unboundedActivation() {
    return !saved.manifest().isRecorded() && saved.config().activation() != Activation.TANH;
  }

  /** Every row, including rows without estimates (runs with no estimator). */
  List<MeasurementRow> rows() {
    return saved.rows();
  }

  /** {@code running}, {@code complete} or {@code failed}. */
  String status() {
    return saved.manifest().status().id();
  }

  /** Widths of the configuration and of the measurements, ascending. */
  List<Integer> widths() {
    return widths;
  }

  /** Seeds of the configuration, then any others found in the measurements. */
  List<Long> seeds() {
    return seeds;
  }

  /** The estimators with estimates, ordered by {@link Specs#order}. */
  List<EstimatorSpec> estimators() {
    return estimators;
  }

  /** Layers with estimates in the network's order, from the input side. */
  List<Layer> layers() {
    return layers;
  }

  /**
   * Layers with estimates of at least one of {@code specs}, in the network's order: an estimator
   * may measure only some layers (gaussian-dropout the last hidden one, sp no output layer), and a
   * panel for a layer it has no rows for would stay empty.
   */
  List<Layer> layers(Collection<EstimatorSpec> specs) {
    return layers.stream()
        .filter(l -> specs.stream().anyMatch(e -> layersOf.getOrDefault(e, Set.of()).contains(l)))
        .toList();
  }

  /**
   * The bottleneck: the last hidden layer whose width is the cell's width in every row, or null when
   * no hidden layer has. The output layer is never the bottleneck, whatever its width.
   */
  Layer bottleneck() {
    return bottleneck;
  }

  /** What the cells' width is called: the bottleneck width k, or a recorded run's capacity. */
  CapacityLabel capacity() {
    return capacity;
  }

  /** Widths for which the measurements hold at least one row, ascending. */
  Set<Integer> measuredWidths() {
    return measuredWidths;
  }

  /** The number of seeds with at least one row, at least 1: how many seeds a mean is over at most. */
  int measuredSeeds() {
    return Math.max(1, measuredSeeds);
  }

  /** A human-readable name of a layer, e.g. {@code hidden2 (bottleneck, k units)}. */
  String layerLabel(Layer layer) {
    if (recordedLabels.containsKey(layer)) {
      return recordedLabels.get(layer);
    }
    if (layer.equals(bottleneck)) {
      return layer + " (bottleneck, k units)";
    }
    Set<Integer> sizes = layerSizes.getOrDefault(layer, Set.of());
    if (sizes.size() == 1) {
      return layer + " (" + sizes.iterator().next() + " units)";
    }
    return layer.toString();
  }

  /**
   * The cells (width, seed) the configuration promises or the measurements or the manifest's
   * finished cells hold, and for each whether the manifest lists it as finished and how many
   * measurement steps the CSV holds.
   */
  List<CellStatus> cells() {
    return cells;
  }

  private static List<CellStatus> cells(RunManifest manifest, List<Integer> widths,
      List<Long> seeds, Map<Cell, TreeSet<Integer>> steps) {
    Set<Cell> finished = new HashSet<>(manifest.finishedCells());
    Set<Integer> configWidths = new HashSet<>(manifest.config().widths());
    Set<Long> configSeeds = new HashSet<>(manifest.config().seeds());
    List<CellStatus> result = new ArrayList<>();
    for (int w : widths) {
      for (long s : seeds) {
        Cell key = new Cell(w, s);
        boolean promised = configWidths.contains(w) && configSeeds.contains(s);
        TreeSet<Integer> st = steps.get(key);
        if (!promised && st == null && !finished.contains(key)) {
          continue;
        }
        result.add(new CellStatus(w, s, finished.contains(key), st == null ? 0 : st.size(),
            st == null ? -1 : st.last()));
      }
    }
    return List.copyOf(result);
  }

  /**
   * Whether the run is partial: not complete, or a promised cell is unfinished or unmeasured.
   */
  boolean partial() {
    if (!saved.manifest().isComplete()) {
      return true;
    }
    return cells().stream().anyMatch(c -> !c.finished() || c.measuredSteps() == 0);
  }

  /**
   * One cell's state.
   *
   * @param width bottleneck width, or a recorded run's capacity
   * @param seed replicate seed
   * @param finished whether {@code sweep.json} lists the cell as finished
   * @param measuredSteps distinct measurement steps in the CSV
   * @param lastStep the last measured step, -1 if none
   */
  record CellStatus(int width, long seed, boolean finished, int measuredSteps, int lastStep) {}
}
