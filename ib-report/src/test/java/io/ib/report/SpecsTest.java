package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecsTest {
  private static EstimatorSpec spec(String text) {
    return EstimatorSpec.parse(text);
  }

  private static List<EstimatorSpec> specs(String... texts) {
    return Arrays.stream(texts).map(EstimatorSpec::parse).toList();
  }

  @Test
  void binWidthsOfOneFamilyFormAResolutionSweepSortedByValue() {
    List<Specs.Family> families = Specs.families(specs("binning:width=4", "binning:width=0.5",
        "per-unit:bins=30,units=50", "binning:width=8", "binning:width=1"));
    assertEquals(1, families.size());
    Specs.Family f = families.get(0);
    assertEquals("binning", f.name());
    assertEquals("width", f.parameter());
    assertEquals(List.of(0.5, 1.0, 4.0, 8.0), f.values());
    assertEquals(specs("binning:width=0.5", "binning:width=1", "binning:width=4", "binning:width=8"),
        f.specs());
    assertEquals("binning:width=*", f.pattern());
    assertTrue(f.positive());
  }

  @Test
  void otherParametersMustAgreeAndOnlyNumbersVary() {
    List<Specs.Family> families = Specs.families(specs("kernel:bound=upper,s2=0.1",
        "kernel:bound=upper,s2=1", "kernel:bound=lower,s2=0.1", "binning:bins=30,range=-1:1",
        "binning:bins=30,range=0:10", "binning:width=2"));
    assertEquals(1, families.size(), families.toString());
    Specs.Family f = families.get(0);
    assertEquals("s2", f.parameter());
    assertEquals(Map.of("bound", "upper"), f.fixed());
    assertEquals("kernel:bound=upper,s2=*", f.pattern());
    assertEquals(List.of(0.1, 1.0), f.values());
  }

  @Test
  void aSingleResolutionIsNoSweep() {
    assertTrue(Specs.families(specs("binning:width=4", "per-unit:bins=30,units=50")).isEmpty());
    assertTrue(Specs.families(specs("binning:width=4", "binning:width=4.0")).isEmpty());
  }

  @Test
  void stemsAreSafeFileNames() {
    assertEquals("binning-width-0.5", Specs.stem("binning:width=0.5"));
    assertEquals("per-unit-bins-30-units-50", Specs.stem("per-unit:bins=30,units=50"));
    assertEquals("binning-bins-30-range-1-1", Specs.stem("binning:bins=30,range=-1:1"));
    assertEquals("a.b", Specs.stem("../a..b/"));
    assertEquals("plot", Specs.stem(":::"));
    assertTrue(Specs.stem("x".repeat(500)).length() <= 80);
    for (String s : List.of("binning:width=0.5", "../../etc/passwd", "a/b\\c d", "k\u00e9rnel:s2=1e-3")) {
      assertTrue(Specs.stem(s).matches("[a-z0-9][a-z0-9.-]*"), s + " -> " + Specs.stem(s));
    }
  }

  @Test
  void collidingStemsGetDistinctNames() {
    Set<String> taken = new HashSet<>();
    String a = Specs.uniqueStem("infoplane-", "binning:bins=30,range=-1:1", taken);
    String b = Specs.uniqueStem("infoplane-", "binning:bins=30,range=1:1", taken);
    assertEquals("infoplane-binning-bins-30-range-1-1", a);
    assertNotEquals(a, b);
    assertTrue(b.startsWith(a + "-"));
    assertEquals(2, taken.size());
  }

  @Test
  void orderGroupsFamiliesAndSortsNumerically() {
    // Names by first appearance; within a name by key set ("bins,range" before "width"), then by value
    // as numbers (0.5 < 2 < 10, which as text would be 0.5 < 10 < 2).
    assertEquals(specs("binning:bins=30,range=0:1", "binning:width=0.5", "binning:width=2",
        "binning:width=10", "per-unit:bins=30,units=50"),
        Specs.order(specs("binning:width=10", "per-unit:bins=30,units=50", "binning:width=0.5",
            "binning:bins=30,range=0:1", "binning:width=2")));
  }

  @Test
  void describesKnownEstimators() {
    assertEquals("whole-layer plug-in binning, bin width 4", Specs.describe(spec("binning:width=4")));
    assertTrue(Specs.describe(spec("per-unit:bins=30,units=50")).contains("not a whole-layer"));
    assertTrue(Specs.describe(spec("kernel:bound=upper,s2=0.1")).contains("s2 = 0.1"));
    assertEquals("my-estimator:k=3", Specs.describe(spec("my-estimator:k=3")));
  }

  @Test
  void onlyDigitizeAndRangedBinningBinOverAFixedRange() {
    assertEquals("[-1, 1]", Specs.fixedRange(spec("digitize:edges=30,range=-1:1")));
    assertEquals("[-1, 1]", Specs.fixedRange(spec("digitize")));
    assertEquals("[-2, 3.5]", Specs.fixedRange(spec("binning:bins=30,range=-2:3.5")));
    assertNull(Specs.fixedRange(spec("binning:bins=30,range=global")));
    assertNull(Specs.fixedRange(spec("binning:width=0.07")));
    assertNull(Specs.fixedRange(spec("kernel:bound=upper,s2=0.001")));
    assertTrue(Specs.describe(spec("binning:bins=30,range=-1:1")).endsWith("30 bins over [-1, 1]"));
  }
}
