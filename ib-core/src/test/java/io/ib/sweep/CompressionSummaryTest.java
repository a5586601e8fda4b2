package io.ib.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Peaks, drops and their summary over seeds, on trajectories whose values are known. */
class CompressionSummaryTest {
  private static final EstimatorSpec SPEC = EstimatorSpec.parse("binning:width=0.5");

  /** A cell measured at epochs 0, 1, 2, ... with these I(X;T) values and a final accuracy. */
  private static CellResult cell(long seed, double finalAccuracy, double... ixt) {
    Cell c = new Cell(3, seed);
    List<Measurement> ms = new ArrayList<>();
    for (int i = 0; i < ixt.length; i++) {
      ms.add(new Measurement(c, i * 10, i, 0.5, 0.5, i == ixt.length - 1 ? finalAccuracy : 0.5,
          List.of(new LayerEstimate(Layer.hidden(1), 3,
              new InformationEstimate(SPEC, ixt[i], 0.5, Double.NaN, 100, 1.0)))));
    }
    return new CellResult(c, ms, 0, 0, Map.of());
  }

  @Test
  void peakEpochLastAndDropPerRunAndOverTheSeedsThatLearned() {
    CompressionSummary s = CompressionSummary.of(List.of(
        cell(1, 0.9, 1, 4, 4, 2), // peak 4 first at epoch 1, last 2, drop 2
        cell(2, 0.9, 2, 3, 6, 5), // peak 6 at epoch 2, last 5, drop 1
        cell(3, 0.52, 1, 9, 0)), // never learned: majority 0.5 + margin 0.02 not exceeded
        0.5);
    assertEquals(3, s.runs().size());
    CompressionSummary.Run first = s.runs().get(0);
    assertEquals(4, first.peakBits());
    assertEquals(1, first.peakEpoch());
    assertEquals(2, first.lastBits());
    assertEquals(2, first.dropBits());
    assertEquals(List.of(new Cell(3, 3)), s.notLearned());

    CompressionSummary.Group g = s.groups().get(0);
    assertEquals(2, g.seeds());
    assertEquals(1, g.notLearned());
    assertEquals(5, g.peakBits().mean());
    assertEquals(Math.sqrt(2), g.peakBits().sd(), 1e-15); // sample sd of 4 and 6
    assertEquals(1.5, g.dropBits().mean());
    assertEquals(1, g.dropBits().min());
    assertEquals(2, g.dropBits().max());
    assertEquals(1.5, g.peakEpoch().mean());
  }

  @Test
  void statsFormatAsMeanWithTheirRangeAndMarkWhatIsMissing() {
    CompressionSummary.Stat several = CompressionSummary.Stat.of(List.of(1.0, 2.5, 4.0));
    assertEquals("2.500 [1.000..4.000]", several.format(3, "..", "-"));
    assertEquals("3 [1 .. 4]", several.format(0, " .. ", "-"));
    assertEquals("1.25", CompressionSummary.Stat.of(List.of(1.25)).format(2, "..", "-"));
    assertEquals("-", CompressionSummary.Stat.of(List.of()).format(3, "..", "-"));
  }
}
