package io.ib.cli;

import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.data.csv.LabelColumn;
import io.ib.data.source.DataOptions;
import io.ib.data.source.DataSources;
import io.ib.mnist.MnistLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data options of {@code ib sweep}, checked, with absolute paths: how the sweep's data is loaded,
 * here and in the processes that run its cells as tasks (a {@link DatasetReference}).
 *
 * @param data --data, or null for MNIST
 * @param testData --test-data, or null
 * @param split --split, or the preset's split (text), or null
 * @param labelColumn --label-column, or null
 * @param headerLines --header-lines, or null
 * @param matVariables --mat-variables (two names), or null
 * @param mnistDirectory MNIST's directory (--data-dir, else the default search's), without --data
 */
record DataArguments(String data, String testData, String split, String labelColumn,
    Integer headerLines, List<String> matVariables, String mnistDirectory)
    implements DatasetReference {
  private static final long serialVersionUID = 1L;

  DataArguments {
    matVariables = matVariables == null ? null : List.copyOf(matVariables);
  }

  static String absolute(Path p) {
    return p == null ? null : p.toAbsolutePath().normalize().toString();
  }

  @Override
  public Dataset load() throws IOException {
    if (data == null) {
      return mnistDirectory != null ? MnistLocator.system().load(Path.of(mnistDirectory))
          : MnistLocator.system().load();
    }
    DataOptions options = DataOptions.defaults();
    if (testData != null) {
      options = options.withTestFile(Path.of(testData));
    }
    if (split != null) {
      options = options.withSplit(DataSplit.parse(split));
    }
    if (labelColumn != null) {
      options = options.withLabelColumn(LabelColumn.parse(labelColumn));
    }
    if (headerLines != null) {
      options = options.withHeaderLines(headerLines);
    }
    if (matVariables != null) {
      options = options.withMatVariables(matVariables.get(0), matVariables.get(1));
    }
    return DataSources.open(Path.of(data), options);
  }
}
