package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementsCsvTest {
  @Test
  void rowsSurviveARoundTripIncludingQuotedSpecsAndNaN(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.csv");
    InformationEstimate a = new InformationEstimate(EstimatorSpec.parse("binning:bins=30,range=0:10"),
        1.0 / 3, 0.1, 1.0 / 3, 10000, 3.31942);
    InformationEstimate b = new InformationEstimate(EstimatorSpec.parse("per-unit"), 0, 0.5,
        Double.NaN, 10000, 3.31942);
    Measurement m = new Measurement(new Cell(5, 7), 30, 30 / 235.0, Double.NaN, 0.25, 0.97,
        List.of(new LayerEstimate(Layer.hidden(2), 5, a), new LayerEstimate(Layer.hidden(1), 256, b)));
    try (MeasurementsCsv csv = MeasurementsCsv.create(file)) {
      csv.append(m);
    }
    List<MeasurementRow> rows = MeasurementsCsv.read(file);
    assertEquals(2, rows.size());
    MeasurementRow r = rows.get(0);
    assertEquals(new LayerEstimate(Layer.hidden(2), 5, a), r.estimate().orElseThrow());
    assertEquals(0.127660, r.epoch(), 0);
    assertTrue(Double.isNaN(r.trainLoss()));
    assertEquals(new LayerEstimate(Layer.hidden(1), 256, b), rows.get(1).estimate().orElseThrow());

    // A torn last line (killed mid-write) is ignored; a malformed complete line is an error.
    Files.writeString(file, "5,7,0.1", StandardOpenOption.APPEND);
    assertEquals(2, MeasurementsCsv.read(file).size());
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    IOException e = assertThrows(IOException.class, () -> MeasurementsCsv.read(file));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }
}
