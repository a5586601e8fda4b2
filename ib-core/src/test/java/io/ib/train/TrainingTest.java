package io.ib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.LabelledData;
import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.train.internal.MiniBatches;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingTest {

  @Test
  void batchOrderIsASeededPermutationPerEpoch() {
    BatchOrder order = new BatchOrder(1000, 256, 77);
    assertEquals(4, order.stepsPerEpoch());
    int[] e1 = order.permutation(1);
    int[] sorted = e1.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertArrayEquals(e1, new BatchOrder(1000, 256, 77).permutation(1));
    assertFalse(Arrays.equals(e1, order.permutation(2)));
    assertFalse(Arrays.equals(e1, new BatchOrder(1000, 256, 78).permutation(1)));
  }

  @Test
  void miniBatchesGatherTheRequestedRows() {
    float[] x = new float[10 * 3];
    int[] y = new int[10];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = i * 10 + j;
      }
      y[i] = i % 4;
    }
    MiniBatches batches = new MiniBatches(LabelledData.of(x, 10, 3, y, 4), DataType.FLOAT);
    int[] order = {7, 2, 9, 0, 5};
    INDArray inputs = batches.inputs(order, 1, 3);
    int[] labels = batches.labels(order, 1, 3);
    assertArrayEquals(new float[] {20, 21, 22}, inputs.getRow(0).toFloatVector());
    assertArrayEquals(new float[] {0, 1, 2}, inputs.getRow(2).toFloatVector());
    assertArrayEquals(new int[] {2, 1, 0}, labels); // rows 2, 9, 0
    // Float on the CPU copies rows itself; double goes through pullRows: the same rows either way.
    INDArray viaPullRows = new MiniBatches(LabelledData.of(x, 10, 3, y, 4), DataType.DOUBLE)
        .inputs(order, 1, 3);
    assertEquals(viaPullRows, inputs.castTo(DataType.DOUBLE));
    assertEquals(inputs, batches.inputs(order, 1, 3)); // the buffer is reused and refilled
    assertArrayEquals(new float[] {70, 71, 72}, batches.inputs(order, 0, 1).getRow(0).toFloatVector());
  }

  @Test
  void scheduleResolvesStepsClipsThoseBeyondTheEndAndRejectsImpossibleOnes() {
    MeasurementSchedule s = MeasurementSchedule.denseEarly();
    assertArrayEquals(new int[] {0, 10, 30, 100, 235, 470}, s.resolve(235, 2));
    assertEquals(List.of(), s.beyond(235, 2));
    // A small dataset: 2 epochs of 20 steps end before step 100, which is left out (and reported).
    assertArrayEquals(new int[] {0, 10, 20, 30, 40}, s.resolve(20, 2));
    assertEquals(List.of(100), s.beyond(20, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementSchedule(false, List.of(), false).resolve(10, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementSchedule(false, List.of(50), false).resolve(10, 1), "nothing left");
    // 2^31 steps do not fit the step counter; every epoch of 2^31 - 1 epochs is too many points.
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> s.resolve(235, Integer.MAX_VALUE));
    assertTrue(tooLong.getMessage().contains("steps"), tooLong.getMessage());
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> MeasurementSchedule.epochEnds().resolve(1, Integer.MAX_VALUE));
    assertTrue(tooMany.getMessage().contains("measurement points"), tooMany.getMessage());
  }

  /**
   * The fast step (prepared calls, reused buffers) equals the plain step of the class comment. The
   * network is larger than {@link io.ib.train.internal.SmallStep#MAX_PARAMETERS}, whose Java path is
   * held to float rounding instead (SmallStepTest).
   */
  @Test
  void trainingEqualsThePlainDocumentedStepBitForBit() {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 200;
    float[] x = new float[n * 40];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      for (int j = 0; j < 40; j++) {
        x[i * 40 + j] = rng.nextDouble() < 0.6 ? 0f : (float) (rng.nextDouble() + y[i]);
      }
    }
    LabelledData data = LabelledData.of(x, n, 40, y, 3);
    for (Activation activation : Activation.values()) {
      MlpArchitecture arch = new MlpArchitecture(40, List.of(600, 4), 3, activation);
      assertTrue(arch.parameterCount() > io.ib.train.internal.SmallStep.MAX_PARAMETERS);
      Trainer fast = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2));
      Trainer plain = Trainer.plain(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2));
      BatchOrder order = new BatchOrder(n, 32, 3);
      for (int epoch = 1; epoch <= 2; epoch++) {
        int[] perm = order.permutation(epoch);
        for (int from = 0; from < n; from += 32) {
          int rows = Math.min(32, n - from);
          INDArray batch = data.features().getRows(Arrays.copyOfRange(perm, from, from + rows));
          int[] labels = new int[rows];
          for (int i = 0; i < rows; i++) {
            labels[i] = y[perm[from + i]];
          }
          assertEquals(plain.step(batch, labels), fast.step(batch, labels), 0.0, activation + "");
        }
      }
      assertEquals(plain.model().parameters(), fast.model().parameters(), activation + "");
    }
  }

  /**
   * A noisy network: the prepared step adds the same noise as the plain one and back-propagates
   * through it with the same arithmetic, so the two agree bit for bit; noise 0 is the noiseless
   * trainer exactly.
   */
  @Test
  void noisyTrainingEqualsThePlainDocumentedStepBitForBit() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 96;
    float[] x = new float[n * 40];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      for (int j = 0; j < 40; j++) {
        x[i * 40 + j] = (float) (rng.nextDouble() + y[i]);
      }
    }
    INDArray features = LabelledData.of(x, n, 40, y, 3).features();
    for (Activation activation : Activation.values()) {
      MlpArchitecture arch = new MlpArchitecture(40, List.of(600, 4), 3, activation);
      HiddenNoise noise = new HiddenNoise(0.1, 17);
      Trainer fast = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2), noise);
      Trainer plain = Trainer.plain(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2), noise);
      Trainer silent = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2), new HiddenNoise(0, 17));
      Trainer noiseless = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
          AdamSettings.pytorchDefaults(1e-2));
      for (int step = 0; step < 3; step++) {
        assertEquals(plain.step(features, y), fast.step(features, y), 0.0, activation + "");
        assertEquals(noiseless.step(features, y), silent.step(features, y), 0.0, activation + "");
      }
      assertEquals(plain.model().parameters(), fast.model().parameters(), activation + "");
      assertEquals(noiseless.model().parameters(), silent.model().parameters(), activation + "");
      assertNotEquals(noiseless.model().parameters(), fast.model().parameters(), activation + "");
    }
  }

  /**
   * Dropout of both kinds: the prepared step multiplies by the same factors as the plain one and
   * back-propagates through them with the same arithmetic, so the two agree bit for bit; a rate of 0
   * is the trainer without dropout exactly.
   */
  @Test
  void dropoutTrainingEqualsThePlainDocumentedStepBitForBit() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 96;
    float[] x = new float[n * 40];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      for (int j = 0; j < 40; j++) {
        x[i * 40 + j] = (float) (rng.nextDouble() + y[i]);
      }
    }
    INDArray features = LabelledData.of(x, n, 40, y, 3).features();
    for (HiddenDropout.Kind kind : HiddenDropout.Kind.values()) {
      for (Activation activation : Activation.values()) {
        MlpArchitecture arch = new MlpArchitecture(40, List.of(600, 4), 3, activation);
        HiddenDropout dropout = new HiddenDropout(kind, 0.3, 17);
        Trainer fast = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
            AdamSettings.pytorchDefaults(1e-2), null, dropout);
        Trainer plain = Trainer.plain(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
            AdamSettings.pytorchDefaults(1e-2), null, dropout);
        Trainer silent = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
            AdamSettings.pytorchDefaults(1e-2), null, new HiddenDropout(kind, 0, 17));
        Trainer without = new Trainer(Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.FLOAT),
            AdamSettings.pytorchDefaults(1e-2));
        String what = kind + " " + activation;
        for (int step = 0; step < 3; step++) {
          assertEquals(plain.step(features, y), fast.step(features, y), 0.0, what);
          assertEquals(without.step(features, y), silent.step(features, y), 0.0, what);
        }
        assertEquals(plain.model().parameters(), fast.model().parameters(), what);
        assertEquals(without.model().parameters(), silent.model().parameters(), what);
        assertNotEquals(without.model().parameters(), fast.model().parameters(), what);
      }
    }
  }

  @Test
  void aLossBeyondTheLimitIsADivergenceNamingTheStep() {
    MlpArchitecture arch = new MlpArchitecture(3, List.of(4), 2, Activation.RELU);
    Mlp model = Mlp.initialize(arch, WeightInit.PYTORCH, 1, DataType.FLOAT);
    model.parameters().muli(1e6f); // logits in the millions: a loss far above 1000 ln 2
    Trainer trainer = new Trainer(model, AdamSettings.pytorchDefaults(1e-3));
    INDArray before = model.parameters().dup();
    INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 2, 3}, {3, 2, 1}});
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> trainer.step(x, new int[] {0, 1}));
    assertEquals(1, e.step());
    assertTrue(e.loss() > DivergenceException.lossLimit(2), e.getMessage());
    assertTrue(e.getMessage().contains("at step 1"), e.getMessage());
    assertEquals(before, model.parameters(), "a diverged step changes nothing");
    assertTrue(DivergenceException.diverged(Double.NaN, 10));
    assertFalse(DivergenceException.diverged(2.3, 10));
  }

  /** Training models in lockstep on shared batches gives each the result of training it alone. */
  @Test
  void lockstepTrainingEqualsTrainingAlone() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = 300;
    float[] x = new float[n * 5];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      for (int j = 0; j < 5; j++) {
        x[i * 5 + j] = (float) (rng.nextGaussian() + y[i]);
      }
    }
    LabelledData data = LabelledData.of(x, n, 5, y, 3);
    MlpArchitecture a = new MlpArchitecture(5, List.of(8, 2), 3, Activation.RELU);
    MlpArchitecture b = new MlpArchitecture(5, List.of(8, 4), 3, Activation.TANH);
    BatchOrder order = new BatchOrder(n, 64, 5);
    int[] none = {};
    TrainingLoop.Callback nothing = step -> {};

    Trainer aAlone = new Trainer(Mlp.initialize(a, WeightInit.PYTORCH, 1, DataType.FLOAT),
        AdamSettings.pytorchDefaults(1e-2));
    TrainingLoop loop = TrainingLoop.over(data);
    loop.run(order, 3, List.of(aAlone), none, nothing);
    Trainer bAlone = new Trainer(Mlp.initialize(b, WeightInit.PYTORCH, 2, DataType.FLOAT),
        AdamSettings.pytorchDefaults(1e-2));
    loop.run(order, 3, List.of(bAlone), none, nothing);

    Trainer aTogether = new Trainer(Mlp.initialize(a, WeightInit.PYTORCH, 1, DataType.FLOAT),
        AdamSettings.pytorchDefaults(1e-2));
    Trainer bTogether = new Trainer(Mlp.initialize(b, WeightInit.PYTORCH, 2, DataType.FLOAT),
        AdamSettings.pytorchDefaults(1e-2));
    loop.run(order, 3, List.of(aTogether, bTogether), none, nothing);

    assertEquals(aAlone.model().parameters(), aTogether.model().parameters());
    assertEquals(bAlone.model().parameters(), bTogether.model().parameters());
    assertEquals(15, aTogether.stepCount());
  }
}
