package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ResolutionSweep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code binning:bins=B,edges=quantile} through the registry, next to the existing forms. */
class AdaptiveBinningSpecTest {
  @Test
  void parsesTheQuantileForm() {
    MutualInformationEstimator e = Estimators.parse("binning:bins=8,edges=quantile");
    assertInstanceOf(AdaptiveBinning.class, e);
    assertEquals(8, ((AdaptiveBinning) e).bins());
    assertEquals("binning:bins=8,edges=quantile", e.spec().toString());
    assertEquals("binning:bins=8,edges=quantile",
        Estimators.parse("binning:edges=quantile,bins=8").spec().toString());
    assertEquals(EstimatorSpec.parse("binning:bins=8,edges=quantile"),
        new AdaptiveBinning(8).spec());
  }

  @Test
  void aListOfBinCountsIsAResolutionSweep() {
    for (String text : List.of("binning:bins=4,8,16,edges=quantile",
        "binning:edges=quantile,bins=4,8,16")) {
      MutualInformationEstimator sweep = Estimators.parse(text);
      assertInstanceOf(ResolutionSweep.class, sweep, text);
      List<String> members = ((ResolutionSweep) sweep).members().stream()
          .map(m -> m.spec().toString()).toList();
      assertEquals(List.of("binning:bins=4,edges=quantile", "binning:bins=8,edges=quantile",
          "binning:bins=16,edges=quantile"), members, text);
      ((ResolutionSweep) sweep).members().forEach(m -> assertInstanceOf(AdaptiveBinning.class, m));
    }
  }

  @Test
  void theExistingFormsAreUnchanged() {
    assertInstanceOf(FixedWidthBinning.class, Estimators.parse("binning"));
    assertInstanceOf(FixedWidthBinning.class, Estimators.parse("binning:width=2"));
    assertInstanceOf(FixedRangeBinning.class, Estimators.parse("binning:bins=30,range=0:10"));
    assertMessage("binning:bins=30", "binning with bins= also needs range=LO:HI (and vice versa)");
    assertMessage("binning:width=1,bins=3", "either width=W or bins=B,range=LO:HI");
  }

  @Test
  void badParametersAreNamed() {
    assertMessage("binning:bins=4,edges=median", "parameter edges");
    assertMessage("binning:bins=4,edges=Quantile", "quantile");
    assertMessage("binning:edges=quantile", "needs bins=B");
    assertMessage("binning:bins=4,edges=quantile,range=0:1", "range=");
    assertMessage("binning:width=1,edges=quantile", "width=");
    assertMessage("binning:bins=0,edges=quantile", "parameter bins");
    assertMessage("binning:bins=x,edges=quantile", "parameter bins");
    assertMessage("binning:bins=4,4,edges=quantile", "lists a value twice");
    assertMessage("binning:bins=4,edge=quantile", "no parameter 'edge'");
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveBinning(0));
  }

  @Test
  void usageMentionsTheQuantileForm() {
    assertTrue(new BinningProvider().usage().contains("binning:bins=B,edges=quantile"));
  }

  private static void assertMessage(String text, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Estimators.parse(text), text);
    assertTrue(e.getMessage().contains(fragment), text + " -> " + e.getMessage());
  }
}
