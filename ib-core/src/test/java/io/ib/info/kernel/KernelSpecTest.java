package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The kernel specs through the registry: member specs, canonical forms, messages. */
class KernelSpecTest {
  private static LayerSample sample() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 240;
    double[] t = new double[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(3);
      for (int u = 0; u < 4; u++) {
        t[i * 4 + u] = Math.max(0, labels[i] * 0.5 + rng.nextGaussian() * 0.5);
      }
    }
    return LayerSample.of("h", Nd4j.create(t, new long[] {n, 4}, DataType.FLOAT), labels, 3);
  }

  private static List<String> memberSpecs(String text, LayerSample s) {
    return Estimators.parse(text).estimateAll(s).stream()
        .map(e -> e.estimator().toString()).toList();
  }

  @Test
  void plainKernelIsBothBoundsAtTheDefaultNoiseVariance() {
    LayerSample s = sample();
    MutualInformationEstimator kernel = Estimators.parse("kernel");
    assertInstanceOf(KernelEstimator.class, kernel);
    assertEquals("kernel:s2=" + EstimatorSpec.number(KernelEstimator.DEFAULT_NOISE_VARIANCE),
        kernel.spec().toString());
    assertEquals(0.1, KernelEstimator.DEFAULT_NOISE_VARIANCE, 0);
    assertEquals(List.of("kernel:bound=upper,s2=0.1", "kernel:bound=lower,s2=0.1"),
        memberSpecs("kernel", s));
    assertEquals(memberSpecs("kernel", s), memberSpecs("kernel:s2=0.1", s));
    InformationEstimate first = kernel.estimateAll(s).get(0);
    assertEquals(first, kernel.estimate(s), "estimate() is the first member, the upper bound");
  }

  @Test
  void oneBoundAndCanonicalForms() {
    LayerSample s = sample();
    assertEquals("kernel:bound=upper,s2=0.1",
        Estimators.parse("kernel:bound=upper").spec().toString());
    assertEquals("kernel:bound=lower,s2=0.1",
        Estimators.parse("kernel:s2=0.10,bound=lower").spec().toString());
    assertEquals(List.of("kernel:bound=lower,s2=0.1"), memberSpecs("kernel:s2=0.1,bound=lower", s));
    assertEquals("kernel:s2=0.001", Estimators.parse("kernel:s2=1e-3").spec().toString());
    for (String text : List.of("kernel:s2=0.1", "kernel:bound=upper,s2=0.1", "kernel:s2=0.01,0.1,1",
        "kernel:bound=lower,s2=2,0.5")) {
      assertEquals(text, Estimators.parse(text).spec().toString());
      assertEquals(EstimatorSpec.parse(text), Estimators.parse(text).spec());
    }
    // Each member spec builds a one-estimate estimator that gives the same numbers.
    for (InformationEstimate e : Estimators.parse("kernel:s2=0.1").estimateAll(s)) {
      MutualInformationEstimator member = Estimators.create(e.estimator());
      assertEquals(e.estimator(), member.spec());
      assertEquals(List.of(e), member.estimateAll(s));
    }
  }

  @Test
  void aListOfNoiseVariancesIsOneEstimatorWithEveryMember() {
    LayerSample s = sample();
    MutualInformationEstimator sweep = Estimators.parse("kernel:s2=0.01,0.1,1");
    assertInstanceOf(KernelEstimator.class, sweep, "one pass, not a ResolutionSweep of passes");
    List<InformationEstimate> all = sweep.estimateAll(s);
    assertEquals(List.of("kernel:bound=upper,s2=0.01", "kernel:bound=lower,s2=0.01",
        "kernel:bound=upper,s2=0.1", "kernel:bound=lower,s2=0.1",
        "kernel:bound=upper,s2=1", "kernel:bound=lower,s2=1"),
        all.stream().map(e -> e.estimator().toString()).toList());
    for (InformationEstimate e : all) {
      InformationEstimate alone = Estimators.create(e.estimator()).estimate(s);
      assertEquals(alone, e, "member equals standalone: " + e.estimator());
      assertTrue(e.ixtBits() >= 0 && e.ixtBits() <= Entropy.log2(s.size()) + 1e-12, e.toString());
      assertTrue(e.ityBits() <= e.hyBits() + 1e-12, e.toString());
      assertEquals(s.labelEntropyBits(), e.hyBits(), 0);
      assertEquals(s.size(), e.n());
    }
    assertEquals(all.get(0), sweep.estimate(s));
    assertEquals(List.of("kernel:bound=upper,s2=0.001", "kernel:bound=upper,s2=2"),
        memberSpecs("kernel:bound=upper,s2=1e-3,2", s));
    // Smaller noise resolves more: the upper bound grows as s2 shrinks.
    assertTrue(all.get(0).ixtBits() > all.get(2).ixtBits()
        && all.get(2).ixtBits() > all.get(4).ixtBits());
  }

  @Test
  void badParametersAreNamed() {
    assertMessage("kernel:s2=0", "parameter s2");
    assertMessage("kernel:s2=-0.1", "parameter s2");
    assertMessage("kernel:s2=abc", "parameter s2");
    assertMessage("kernel:s2=1e999", "parameter s2");
    assertMessage("kernel:s2=0.1,x", "parameter s2");
    assertMessage("kernel:s2=0.1,0.10", "lists a value twice");
    assertMessage("kernel:bound=middle", "parameter bound");
    assertMessage("kernel:bound=upper,lower", "parameter bound");
    assertMessage("kernel:bound=UPPER", "upper or lower");
    assertMessage("kernel:sigma=1", "no parameter 'sigma'");
    assertThrows(IllegalArgumentException.class, () -> KernelEstimator.of());
    assertThrows(IllegalArgumentException.class, () -> KernelEstimator.of(Double.NaN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelEstimator.of(0.1).withMemoryBudget(0));
    assertTrue(e.getMessage().contains("memory budget"), e.getMessage());
  }

  @Test
  void theMemoryBudgetPropertyOverridesTheDefault() {
    String key = KernelEstimator.MEMORY_BUDGET_PROPERTY;
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      assertEquals(KernelEstimator.DEFAULT_MEMORY_BUDGET_BYTES,
          KernelEstimator.of(0.1).memoryBudgetBytes());
      System.setProperty(key, "12345");
      assertEquals(12345, KernelEstimator.of(0.1).memoryBudgetBytes());
      assertEquals(12345, ((KernelEstimator) Estimators.parse("kernel")).memoryBudgetBytes());
      assertEquals("kernel:s2=0.1", Estimators.parse("kernel").spec().toString(),
          "not in the spec");
      System.setProperty(key, "lots");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KernelEstimator.of(0.1));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void usageNamesTheSyntax() {
    KernelProvider provider = new KernelProvider();
    assertEquals("kernel", provider.name());
    assertTrue(provider.usage().startsWith("kernel[:bound=upper|lower,s2=S]"), provider.usage());
    assertTrue(Estimators.providers().stream().anyMatch(p -> p instanceof KernelProvider));
  }

  private static void assertMessage(String text, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Estimators.parse(text), text);
    assertTrue(e.getMessage().contains(fragment), text + " -> " + e.getMessage());
  }
}
