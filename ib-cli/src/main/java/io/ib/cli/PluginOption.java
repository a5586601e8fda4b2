package io.ib.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --plugin JAR}, for the commands that compute estimates. {@link Main} loads the jars before
 * the command line is parsed (see {@link Plugins}); here the option is only declared.
 */
final class PluginOption {
  static final String NAME = "--plugin";

  @Option(names = NAME, paramLabel = "JAR",
      description = "A jar with your own estimators (listed in its"
          + " META-INF/services/io.ib.info.EstimatorProvider); repeat for several.")
  List<Path> jars;
}
