package io.ib.cli;

import io.ib.data.npy.ArrayFiles;
import io.ib.data.npy.SampleMatrix;
import io.ib.info.ArrayEstimates;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.MutualInformationEstimator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ib estimate --t T.npy [--x X.npy] [--y Y.npy] --estimator SPEC...}: estimates of arrays of
 * any network, read from files, through {@link ArrayEstimates}: the numbers a sweep computes for the
 * same arrays.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Estimate I(X;T) and I(T;Y) of arrays of your own: the activations T of any network, the"
            + " inputs X that produced them and their class labels Y, one row per sample, in .npy"
            + " (float16/32/64, integer or bool; any rank, samples along the first axis) or .csv"
            + " files (numbers, optional header line). Values are used as float32, as in a sweep.",
        "Prints one line per estimate, in bits, with the ceilings log2 n and H(Y). Without --y,"
            + " I(T;Y) is not computed; estimators that read the inputs (knn, per-unit) need --x."})
public final class EstimateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--t", paramLabel = "FILE", required = true,
      description = "The activations T: n x d (or n x ...), .npy or .csv.")
  Path activations;

  @Option(names = "--x", paramLabel = "FILE",
      description = "The inputs X: n x d_x (or n x ...), .npy or .csv.")
  Path inputs;

  @Option(names = "--y", paramLabel = "FILE",
      description = "The class labels Y: n integers >= 0, .npy (shape n or n x 1) or a .csv column.")
  Path labels;

  @Option(names = "--estimator", paramLabel = "SPEC", required = true,
      description = "An estimator with its parameters; repeat for several (syntaxes below).")
  List<String> estimators;

  @Option(names = "--format", paramLabel = "text|csv|json",
      description = "text (one line per estimate, default), csv (a header line and one row per"
          + " estimate, the columns of measurements.csv) or json (an array of objects); numbers in"
          + " csv and json have every digit, NaN is empty (csv) or null (json).")
  String format = "text";

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS (default: 1).")
  int threads = 1;

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() {
    EstimateFormat output = EstimateFormat.parse(format);
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    List<MutualInformationEstimator> parsed = new ArrayList<>();
    for (String e : estimators) {
      parsed.add(Estimators.parse(e));
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    SampleMatrix t = matrix(activations);
    ArrayEstimates arrays = ArrayEstimates.of(ndarray(t));
    String described = "T " + t.rows() + " x " + t.columns() + " (" + activations + ")";
    if (inputs != null) {
      SampleMatrix x = matrix(inputs);
      requireRows(x.rows(), "X has " + x.rows() + " rows", t);
      arrays = arrays.withInputs(ndarray(x));
      described += ", X " + x.rows() + " x " + x.columns();
    }
    if (labels != null) {
      int[] y = readLabels(labels);
      requireRows(y.length, "Y has " + y.length + " labels", t);
      arrays = arrays.withLabels(y);
      described += ", Y " + y.length + " labels";
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + described);
    err.flush();
    List<InformationEstimate> results = new ArrayList<>();
    for (MutualInformationEstimator estimator : parsed) {
      results.addAll(estimate(arrays, estimator));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.write(results));
    out.flush();
    return 0;
  }

  private List<InformationEstimate> estimate(ArrayEstimates arrays, MutualInformationEstimator e) {
    try {
      return arrays.estimate(e);
    } catch (IllegalArgumentException failure) {
      // The estimator says its sample "was made without" inputs; here they are a missing option.
      if (!arrays.hasInputs() && String.valueOf(failure.getMessage()).contains("inputs")) {
        throw new IllegalArgumentException("estimator " + e.spec() + " needs the inputs X: give"
            + " them with --x FILE", failure);
      }
      throw failure;
    }
  }

  private void requireRows(int rows, String what, SampleMatrix t) {
    if (rows != t.rows()) {
      throw new IllegalArgumentException(what + " (" + (what.startsWith("X") ? inputs : labels)
          + ") but T has " + t.rows() + " rows (" + activations + "): one per sample in each");
    }
  }

  /** A file of the user's that cannot be read is their mistake to fix: a usage error (exit 2). */
  private static SampleMatrix matrix(Path file) {
    try {
      return ArrayFiles.readMatrix(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static int[] readLabels(Path file) {
    try {
      return ArrayFiles.readLabels(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static INDArray ndarray(SampleMatrix m) {
    return Nd4j.create(m.values(), new long[] {m.rows(), m.columns()}, DataType.FLOAT);
  }
}
