package io.ib.bench.torch;

import io.ib.bench.common.Json;
import io.ib.bench.common.TwelveBitWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The 12-bit experiment in libtorch: the workload's network (12-10-7-5-4-3-2, tanh, softmax
 * cross-entropy) from each seed's initial parameters, {@code torch::optim::Adam} (lr 4e-4, PyTorch's
 * betas and epsilon), batches of 512 in file order, and at the start of every logged epoch a forward
 * pass over all measured samples, as ib's sweep does before it estimates. No estimators: libtorch has
 * none, so what it is timed on is a subset of ib's work.
 */
final class TwelveBitTorch {
  private TwelveBitTorch() {}

  static void run(Map<String, String> o) throws Exception {
    TwelveBitWorkload w = TwelveBitWorkload.read(Path.of(o.get("workload")));
    List<Long> wanted = new ArrayList<>();
    for (String s : o.get("seeds").split(",")) {
      wanted.add(Long.parseLong(s.trim()));
    }
    int n = w.trainY().length;
    int d = w.layers()[0];
    Tensor trainX = TorchMain.floats(w.trainX(), n, d);
    Tensor trainY = TorchMain.longs(w.trainY());
    Tensor evalX = TorchMain.floats(w.evalX(), w.evalY().length, d);
    Tensor evalY = TorchMain.longs(w.evalY());
    boolean[] measured = new boolean[w.epochs()];
    for (int e : w.measuredEpochs()) {
      measured[e] = true;
    }
    long t0 = System.nanoTime();
    List<Double> finalAccuracy = new ArrayList<>();
    for (int s = 0; s < w.seeds().length; s++) {
      if (!wanted.contains(w.seeds()[s])) {
        continue;
      }
      int[] layers = w.layers();
      LinearImpl[] fc = new LinearImpl[layers.length - 1];
      float[] p = w.parameters().get(s);
      int offset = 0;
      TensorVector params = new TensorVector();
      try (NoGradGuard g = new NoGradGuard()) {
        for (int l = 0; l < fc.length; l++) {
          fc[l] = new LinearImpl(layers[l], layers[l + 1]);
          int wn = layers[l] * layers[l + 1];
          fc[l].weight().copy_(TorchMain.floats(Arrays.copyOfRange(p, offset, offset + wn),
              layers[l], layers[l + 1]).t());
          offset += wn;
          fc[l].bias().copy_(TorchMain.floats(Arrays.copyOfRange(p, offset, offset + layers[l + 1]),
              layers[l + 1]));
          offset += layers[l + 1];
          params.push_back(fc[l].weight());
          params.push_back(fc[l].bias());
        }
      }
      Adam adam = new Adam(params, new AdamOptions(4e-4));
      double accuracy = Double.NaN;
      for (int epoch = 0; epoch < w.epochs(); epoch++) {
        if (measured[epoch]) {
          accuracy = evaluate(fc, evalX, evalY);
        }
        for (int from = 0; from < n; from += w.batchSize()) {
          int rows = Math.min(w.batchSize(), n - from);
          try (PointerScope scope = new PointerScope()) {
            Tensor loss = torch.cross_entropy(forward(fc, trainX.narrow(0, from, rows)),
                trainY.narrow(0, from, rows));
            adam.zero_grad();
            loss.backward();
            adam.step();
          }
        }
      }
      finalAccuracy.add(evaluate(fc, evalX, evalY));
      adam.close();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("contender", "libtorch");
    r.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
    r.put("seeds", wanted);
    r.put("finalAccuracy", finalAccuracy);
    Json.emitResult(r);
  }

  private static Tensor forward(LinearImpl[] fc, Tensor x) {
    Tensor a = x;
    for (int l = 0; l < fc.length; l++) {
      a = fc[l].forward(a);
      if (l < fc.length - 1) {
        a = torch.tanh(a);
      }
    }
    return a;
  }

  private static double evaluate(LinearImpl[] fc, Tensor x, Tensor y) {
    try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
      Tensor logits = forward(fc, x);
      torch.softmax(logits, 1);
      long correct = logits.argmax(new LongOptional(1), false).eq(y).sum().item_long();
      return correct / (double) x.size(0);
    }
  }
}
