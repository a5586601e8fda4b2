package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.binning.FixedRangeBinning;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.perunit.PerUnitEstimator;
import org.junit.jupiter.api.Test;

class EstimatorSpecTest {
  @Test
  void parsesAndPrintsTheCliSyntax() {
    EstimatorSpec spec = EstimatorSpec.parse("binning:bins=30,range=-1:10");
    assertEquals("binning", spec.name());
    assertEquals("30", spec.get("bins"));
    assertEquals("-1:10", spec.get("range"));
    assertEquals("binning:bins=30,range=-1:10", spec.toString());
    assertEquals("per-unit", EstimatorSpec.parse("per-unit").toString());
  }

  @Test
  void registryBuildsEveryBuiltInEstimator() {
    assertEquals("binning:width=0.5", Estimators.parse("binning:width=0.50").spec().toString());
    assertTrue(Estimators.parse("binning:width=2") instanceof FixedWidthBinning);
    assertTrue(Estimators.parse("binning:bins=30,range=0:10") instanceof FixedRangeBinning);
    assertEquals("binning:bins=30,range=0:10",
        Estimators.parse("binning:range=0:10,bins=30").spec().toString());
    assertTrue(Estimators.parse("per-unit") instanceof PerUnitEstimator);
    assertEquals("binning:width=4", Estimators.parse("binning").spec().toString());
    assertEquals("per-unit:bins=30,units=50", Estimators.parse("per-unit").spec().toString());
  }

  @Test
  void badSpecsGiveMessagesThatSayWhatIsWrong() {
    assertMessage("binning:width", "not key=value");
    assertMessage("binning:width=0.5,width=1", "given twice");
    assertMessage("nosuch", "known estimators are");
    assertMessage("binning:width=-1", "positive");
    assertMessage("binning:width=abc", "finite number");
    assertMessage("binning:bins=30", "range");
    assertMessage("binning:bins=30,range=5:1", "lo < hi");
    assertMessage("binning:bins=0,range=0:1", "bins");
    assertMessage("binning:width=1,bins=3", "either");
    assertMessage("binning:colour=red", "no parameter 'colour'");
    assertMessage("per-unit:bins=x", "integer");
    assertMessage("Binning:width=1", "lower-case");
  }

  private static void assertMessage(String text, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Estimators.parse(text), text);
    assertTrue(e.getMessage().contains(fragment), text + " -> " + e.getMessage());
  }
}
