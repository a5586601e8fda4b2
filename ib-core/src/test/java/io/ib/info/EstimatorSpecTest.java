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
    assertEquals(java.util.Optional.of("30"), spec.get("bins"));
    assertEquals(java.util.Optional.of("-1:10"), spec.get("range"));
    assertEquals(java.util.Optional.empty(), spec.get("width"));
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
  void listsOfResolutionsExpandIntoOneEstimatePerItem() {
    EstimatorSpec spec = EstimatorSpec.parse("binning:width=0.1,0.5,1,2");
    assertEquals(java.util.List.of("0.1", "0.5", "1", "2"), spec.list("width"));
    assertEquals("binning:width=0.1,0.5,1,2", spec.toString());
    MutualInformationEstimator sweep = Estimators.create(spec);
    assertTrue(sweep instanceof ResolutionSweep);
    LayerSample sample = LayerSample.of("t",
        org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 200, 3).muli(4),
        new int[200], 2);
    java.util.List<InformationEstimate> all = sweep.estimateAll(sample);
    assertEquals(java.util.List.of("binning:width=0.1", "binning:width=0.5", "binning:width=1",
        "binning:width=2"), all.stream().map(e -> e.estimator().toString()).toList());
    for (InformationEstimate e : all) {
      assertEquals(Estimators.create(e.estimator()).estimate(sample), e, "member equals standalone");
    }
    assertEquals(all.get(0), sweep.estimate(sample));
    assertEquals(3, Estimators.parse("binning:bins=2,4,8,range=0:4").estimateAll(sample).size());
    assertEquals("binning:bins=4,range=0:4",
        Estimators.parse("binning:bins=2,4,8,range=0:4").estimateAll(sample).get(1).estimator().toString());
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
    assertMessage("binning:width=1,1", "lists a value twice");
    assertMessage("binning:width=1,x", "finite number");
    assertMessage("binning:,width=1", "not key=value");
  }

  private static void assertMessage(String text, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Estimators.parse(text), text);
    assertTrue(e.getMessage().contains(fragment), text + " -> " + e.getMessage());
  }
}
