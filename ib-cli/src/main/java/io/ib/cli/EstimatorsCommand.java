package io.ib.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ib estimators}: the estimators this ib knows, plug-ins included. */
@Command(name = "estimators", mixinStandardHelpOptions = true,
    description = "List every estimator ib knows, with its syntax: the built-in ones and those of"
        + " the plug-in jars given with --plugin.")
public final class EstimatorsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Help.estimators());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
