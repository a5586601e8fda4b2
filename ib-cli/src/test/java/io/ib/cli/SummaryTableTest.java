package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
  @Test
  void layersRunFromTheInputAndOnlyTheLastHiddenLayerIsTheBottleneck() {
    EstimatorSpec spec = EstimatorSpec.parse("binning:width=4");
    List<LayerEstimate> estimates = List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT).stream()
        .map(l -> new LayerEstimate(l, l.equals(Layer.hidden(1)) ? 256 : 5,
            new InformationEstimate(spec, 1, 0.5, 1, 100, 3.3))).toList();
    Cell cell = new Cell(5, 1);
    SweepResult result = new SweepResult(SweepConfig.notebook().withWidths(List.of(5)),
        List.of(new CellResult(cell, List.of(new Measurement(cell, 10, 1, 0.5, 0.4, 0.9,
            estimates)), 1, 1, Map.of())), Optional.empty(), Instant.EPOCH, Instant.EPOCH);
    String table = SummaryTable.format(result);
    int h1 = table.indexOf("layer hidden1\n");
    int h2 = table.indexOf("layer hidden2 (bottleneck)\n");
    int out = table.indexOf("layer output\n");
    assertTrue(h1 >= 0 && h1 < h2 && h2 < out, table);
    assertTrue(!table.contains("output (bottleneck)"), table);
  }
}
