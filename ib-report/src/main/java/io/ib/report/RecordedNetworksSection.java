package io.ib.report;

import io.ib.run.RecordedLayer;
import io.ib.run.Recording;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For a run of networks trained outside ib ({@link Recording}): which of each cell's layers ib's
 * names stand for, e.g. {@code hidden3 = conv2 (convolution, 16x8x8)}, one row per layer and one
 * column per cell.
 */
final class RecordedNetworksSection {
  private RecordedNetworksSection() {}

  /** Appends the table. */
  static void append(Recording recording, StringBuilder out) {
    out.append("<h3>Recorded networks</h3>\n<p>Trained outside ib (source <code>")
        .append(HtmlText.escape(recording.source())).append("</code>): ib measured the activations"
            + " it was given, so the configuration above holds no training settings and the run"
            + " cannot be resumed. Each cell's width is the capacity varied, its seed the replicate;"
            + " ib names the measured layers hidden1, hidden2, ... from the input and output.</p>\n");
    Set<Layer> layers = new LinkedHashSet<>();
    recording.cells().forEach(c -> layers.addAll(recording.layers(c).keySet()));
    Set<String> descriptions = new LinkedHashSet<>();
    recording.networks().values().forEach(n -> descriptions.add(n.description()));
    out.append("<p class=\"small\">").append(HtmlText.escape(String.join("; ", descriptions)))
        .append("</p>\n");
    out.append("<div class=\"scroll\"><table class=\"kv\"><thead><tr><th>layer</th>");
    for (Cell c : recording.cells()) {
      out.append("<th>").append(HtmlText.escape(CapacityLabel.of(recording).is(c.width())))
          .append(", seed ").append(c.seed()).append("</th>");
    }
    out.append("</tr></thead><tbody>\n");
    for (Layer layer : layers) {
      out.append("<tr><th>").append(layer).append("</th>");
      for (Cell c : recording.cells()) {
        RecordedLayer l = recording.layers(c).get(layer);
        out.append("<td>").append(l == null ? "" : HtmlText.escape(describe(l))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  /** {@code conv2 (convolution, 16x8x8)}. */
  static String describe(RecordedLayer l) {
    return l.name() + " (" + l.kind() + ", " + shape(l.shape()) + ")";
  }

  private static String shape(List<Integer> shape) {
    return shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }

  /**
   * What a recording measured as its output layer, as recorded: {@code as recorded: out (output
   * (softmax))}, the distinct names and kinds of the cells' output layers; empty without one. The
   * configuration's {@code output_layer} only says that it is measured, not that it holds logits.
   */
  static Optional<String> outputLayer(Recording recording) {
    Set<String> outputs = new LinkedHashSet<>();
    recording.networks().values().forEach(n -> n.layers().stream().filter(RecordedLayer::output)
        .forEach(l -> outputs.add(l.name() + " (" + l.kind() + ")")));
    return outputs.isEmpty() ? Optional.empty()
        : Optional.of("as recorded: " + String.join("; ", outputs));
  }

  /**
   * The label of each layer in plots: {@code hidden3 = conv2 (convolution, 16x8x8)} where every
   * cell's network has the same layer there, {@code hidden3 = conv2 (convolution)} where only the
   * shapes differ; layers whose names differ between cells are left out.
   */
  static Map<Layer, String> labels(Recording recording) {
    Map<Layer, List<RecordedLayer>> byLayer = new LinkedHashMap<>();
    for (Cell c : recording.cells()) {
      recording.layers(c).forEach((layer, l) ->
          byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(l));
    }
    Map<Layer, String> labels = new LinkedHashMap<>();
    byLayer.forEach((layer, ls) -> {
      RecordedLayer first = ls.get(0);
      if (ls.stream().allMatch(first::equals)) {
        labels.put(layer, layer + " = " + describe(first));
      } else if (ls.stream().allMatch(l -> l.name().equals(first.name())
          && l.kind().equals(first.kind()))) {
        labels.put(layer, layer + " = " + first.name() + " (" + first.kind() + ")");
      }
    });
    return labels;
  }
}
