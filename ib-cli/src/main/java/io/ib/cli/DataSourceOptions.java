package io.ib.cli;

import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.csv.LabelColumn;
import io.ib.data.source.DataSources;
import io.ib.mnist.MnistLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data comes from: {@code --data} (with its reading options), else MNIST. */
final class DataSourceOptions {
  @Option(names = "--data", paramLabel = "PATH",
      description = "The data: a directory of IDX files in MNIST's layout (any image size and class"
          + " count), a .csv file or a MATLAB .mat file (variables F and y, as the 12-bit task of"
          + " Shwartz-Ziv & Tishby). Default: MNIST from --data-dir.")
  Path data;

  @Option(names = "--test-data", paramLabel = "PATH",
      description = "A separate test file of the same kind as --data (instead of --split).")
  Path testData;

  @Option(names = "--split", paramLabel = "first[:fraction=F]|random[:fraction=F][,seed=S]",
      description = "How one data file is divided into train and test: the first fraction of its"
          + " rows, or a seeded random fraction (default: random:fraction=0.8,seed=1; the szt2017"
          + " preset: first:fraction=0.8, as the IDNNs code).")
  String split;

  @Option(names = "--label-column", paramLabel = "NAME|INDEX",
      description = "The label column of a .csv file, by header name or 0-based index (default: the"
          + " last column).")
  String labelColumn;

  @Option(names = "--header-lines", paramLabel = "N",
      description = "Header lines at the top of a .csv file (default: 1 with a named label column,"
          + " else 0).")
  Integer headerLines;

  @Option(names = "--mat-variables", split = ",", paramLabel = "FEATURES,LABELS",
      description = "The variables of a .mat file (default: F,y).")
  List<String> matVariables;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four MNIST files (default: $IB_DATA_DIR, else a per-user"
          + " cache where they are downloaded and verified).")
  Path dataDir;

  /** Checks the options against each other and the preset, before anything is read. */
  DataArguments arguments(Preset preset) {
    boolean dataOptions = testData != null || split != null || labelColumn != null
        || headerLines != null || matVariables != null;
    if (data == null) {
      if (dataOptions) {
        throw new IllegalArgumentException("--test-data, --split, --label-column, --header-lines"
            + " and --mat-variables describe --data: give --data PATH");
      }
      if (preset != null && preset.needsData()) {
        throw new IllegalArgumentException("the preset " + preset.id + " runs on the 12-bit task of"
            + " Shwartz-Ziv & Tishby, which ib does not ship (its licence forbids redistribution):"
            + " give your copy with --data PATH/var_u.mat");
      }
      return new DataArguments(null, null, null, null, null, null, DataArguments.absolute(dataDir));
    }
    if (dataDir != null) {
      throw new IllegalArgumentException("--data-dir is MNIST's directory; with --data leave it out");
    }
    String splitText = null;
    if (split != null) {
      splitText = DataSplit.parse(split).toString();
    } else if (preset != null && preset.split != null && testData == null
        && DataSources.kind(data) != DataSources.Kind.IDX_DIRECTORY) {
      splitText = preset.split.toString();
    }
    if (labelColumn != null) {
      LabelColumn.parse(labelColumn); // a usage error before anything is read
    }
    if (matVariables != null && matVariables.size() != 2) {
      throw new IllegalArgumentException("--mat-variables takes two names, features and labels,"
          + " e.g. F,y");
    }
    return new DataArguments(DataArguments.absolute(data), DataArguments.absolute(testData),
        splitText, labelColumn, headerLines, matVariables, null);
  }

  /**
   * Loads the data, and returns it with the reference other processes load it from (for MNIST, the
   * directory the search found).
   */
  static Loaded load(DataArguments arguments) throws IOException {
    Dataset dataset = arguments.load();
    DataArguments reference = arguments;
    if (arguments.data() == null && arguments.mnistDirectory() == null) {
      reference = new DataArguments(null, null, null, null, null, null,
          DataArguments.absolute(MnistLocator.system().locate().directory()));
    }
    return new Loaded(dataset, reference);
  }

  /** Data as loaded here, and how other processes load the same. */
  record Loaded(Dataset dataset, DataArguments reference) {}
}
