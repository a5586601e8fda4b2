package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The samples that a sweep measures on: loss, accuracy and every information estimate. The test set
 * is the default; the information-bottleneck papers on the 12-bit task measure on all samples.
 */
public enum EvaluationSet {
  /** The held-out samples. */
  TEST,
  /** The training samples. */
  TRAIN,
  /** The training samples, then the test samples. */
  ALL;

  /** The name in configurations and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** These samples of a dataset. */
  public LabelledData of(Dataset data) {
    return switch (this) {
      case TEST -> data.test();
      case TRAIN -> data.train();
      case ALL -> LabelledData.of(Nd4j.vstack(data.train().features(),
          data.test().features().castTo(data.train().features().dataType())), labels(data),
          data.numClasses());
    };
  }

  /** The labels of these samples, in the order of {@link #of}, without copying any features. */
  public int[] labels(Dataset data) {
    return switch (this) {
      case TEST -> data.test().labels();
      case TRAIN -> data.train().labels();
      case ALL -> {
        int[] train = data.train().labels();
        int[] test = data.test().labels();
        int[] labels = new int[train.length + test.length];
        System.arraycopy(train, 0, labels, 0, train.length);
        System.arraycopy(test, 0, labels, train.length, test.length);
        yield labels;
      }
    };
  }

  /** The number of these samples in a dataset. */
  public long size(Dataset data) {
    return switch (this) {
      case TEST -> data.test().size();
      case TRAIN -> data.train().size();
      case ALL -> (long) data.train().size() + data.test().size();
    };
  }

  /**
   * Parses {@code test}, {@code train} or {@code all}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static EvaluationSet parse(String text) {
    for (EvaluationSet e : values()) {
      if (e.id().equalsIgnoreCase(text.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown evaluation set '" + text
        + "': expected test, train or all");
  }
}
