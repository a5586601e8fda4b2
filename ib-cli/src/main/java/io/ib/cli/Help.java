package io.ib.cli;

import io.ib.info.EstimatorProvider;
import io.ib.info.Estimators;
import io.ib.sweep.SweepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The usage help of every command: options under the heading of their group, each with its default
 * (taken from {@link SweepConfig#notebook()}, their one home), text wrapped at spaces only so that
 * tokens such as {@code spark://host:7077} or {@code binning:width=W} stay whole, and the lists of
 * presets and estimators (plug-ins included: they are loaded before the help is drawn).
 */
final class Help {
  /** Columns of the help text. */
  static final int WIDTH = 100;
  private static final int LABEL_COLUMN = 34;

  private Help() {}

  /** Replaces picocli's option and parameter lists in a command and all its subcommands. */
  static void install(CommandLine cmd) {
    cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        help -> options(help.commandSpec()));
    cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        help -> parameters(help.commandSpec()));
    cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
        help -> "");
    cmd.getHelpSectionMap().put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING, help -> "");
    cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
        help -> synopsis(help.commandSpec()));
    cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> footer(help.commandSpec()));
    cmd.getCommandSpec().usageMessage().width(WIDTH);
    cmd.getSubcommands().values().forEach(Help::install);
  }

  /** {@code ib sweep [OPTIONS]}, or with the command's parameters and subcommands. */
  static String synopsis(CommandSpec spec) {
    StringBuilder sb = new StringBuilder(spec.qualifiedName());
    if (!spec.subcommands().isEmpty()) {
      sb.append(" COMMAND");
    }
    spec.positionalParameters().forEach(p -> sb.append(' ').append(p.paramLabel()));
    return sb.append(" [OPTIONS]\n").toString();
  }

  /** The presets and estimators under the commands that take them, then the command's footer. */
  static String footer(CommandSpec spec) {
    StringBuilder sb = new StringBuilder();
    boolean defines = spec.mixins().values().stream()
        .anyMatch(m -> m.userObject() instanceof SweepDefinition);
    if (defines) {
      sb.append("\nPresets (--preset NAME):\n");
      for (Preset p : Preset.values()) {
        List<String> lines = wrap(p.id + ": " + p.description, WIDTH - 4);
        for (int i = 0; i < lines.size(); i++) {
          sb.append(i == 0 ? "  " : "    ").append(lines.get(i)).append('\n');
        }
      }
    }
    if (defines || spec.name().equals("analyze") || spec.name().equals("estimate")) {
      sb.append(estimators());
    }
    for (String line : spec.usageMessage().footer()) {
      sb.append(line.replace("%n", "\n")).append('\n');
    }
    return sb.toString();
  }

  /** The defaults of the options that change the configuration, by option name. */
  static Map<String, String> defaults() {
    SweepConfig c = SweepConfig.notebook();
    Map<String, String> d = new LinkedHashMap<>();
    d.put("--widths", join(c.widths()));
    d.put("--hidden", join(c.hiddenBeforeBottleneck()));
    d.put("--seeds", join(c.seeds()));
    d.put("--epochs", String.valueOf(c.epochs()));
    d.put("--batch-size", String.valueOf(c.batchSize()));
    d.put("--lr", String.valueOf(c.optimizer().learningRate()));
    d.put("--optimizer", c.optimizer().name());
    d.put("--order", c.shuffle() ? "shuffled" : "fixed");
    d.put("--activation", c.activation().id());
    d.put("--init", c.init().id());
    d.put("--estimator", String.join(" and ", c.estimators().stream()
        .map(e -> e.spec().toString()).toList()));
    d.put("--measure-steps", join(c.schedule().steps()));
    d.put("--epoch-points", c.schedule().epochs().toString());
    d.put("--measure-at", c.schedule().anchor().id());
    d.put("--measure-on", c.evaluateOn().id());
    d.put("--output-layer", c.outputLayer().id());
    return d;
  }

  private static String join(List<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  /** Every option: those outside groups first, then each group under its heading. */
  static String options(CommandSpec spec) {
    Map<String, String> defaults = spec.name().equals("sweep") || spec.name().equals("start")
        ? defaults() : Map.of();
    StringBuilder sb = new StringBuilder();
    List<OptionSpec> ungrouped = spec.options().stream()
        .filter(o -> o.group() == null && !o.hidden()).toList();
    if (!ungrouped.isEmpty()) {
      sb.append("\nOptions:\n");
      ungrouped.forEach(o -> option(sb, o, defaults));
    }
    for (ArgGroupSpec group : spec.argGroups()) {
      String heading = group.heading() == null ? "Options:" : group.heading().strip();
      sb.append('\n').append(heading.replace("%n", "")).append('\n');
      group.options().stream().filter(o -> !o.hidden()).forEach(o -> option(sb, o, defaults));
    }
    return sb.toString();
  }

  private static void option(StringBuilder sb, OptionSpec o, Map<String, String> defaults) {
    String names = String.join(", ", o.names());
    String label = o.typeInfo().isBoolean() || o.arity().max() == 0 ? names
        : o.arity().min() == 0 ? names + "[=" + o.paramLabel() + "]"
        : names + " " + o.paramLabel();
    String text = String.join(" ", o.description()).replace("%n", " ");
    String def = defaults.get(o.longestName());
    if (def != null) {
      // Kept on one line: a non-breaking space, made a space again when the text is wrapped.
      text = text.endsWith(".") ? text.substring(0, text.length() - 1) + " (default:\u00a0" + def
          + ")." : text + " (default:\u00a0" + def + ")";
    }
    entry(sb, label, text);
  }

  /** The positional parameters, if any. */
  static String parameters(CommandSpec spec) {
    List<PositionalParamSpec> params = spec.positionalParameters().stream()
        .filter(p -> !p.hidden()).toList();
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\nParameters:\n");
    for (PositionalParamSpec p : params) {
      entry(sb, p.paramLabel(), String.join(" ", p.description()).replace("%n", " "));
    }
    return sb.toString();
  }

  /** A label and its description, wrapped at spaces into the description column. */
  static void entry(StringBuilder sb, String label, String text) {
    String first = "  " + label;
    List<String> lines = wrap(text, WIDTH - LABEL_COLUMN);
    if (first.length() + 2 > LABEL_COLUMN) {
      sb.append(first).append('\n');
      first = "";
    }
    for (int i = 0; i < lines.size(); i++) {
      String left = i == 0 ? first : "";
      sb.append(left).append(" ".repeat(LABEL_COLUMN - left.length())).append(lines.get(i))
          .append('\n');
    }
    if (lines.isEmpty()) {
      sb.append(first).append('\n');
    }
  }

  /**
   * Text broken into lines of at most {@code width} columns, at spaces only (never at a
   * non-breaking space; a word longer than a line stays whole).
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    lines.replaceAll(l -> l.replace('\u00a0', ' '));
    return lines;
  }

  /** Every registered estimator's syntax (plug-ins included), for footers. */
  static String estimators() {
    StringBuilder sb = new StringBuilder("\nEstimators (--estimator SPEC):\n");
    for (EstimatorProvider p : Estimators.providers()) {
      List<String> lines = wrap(p.usage(), WIDTH - 4);
      for (int i = 0; i < lines.size(); i++) {
        sb.append(i == 0 ? "  " : "    ").append(lines.get(i)).append('\n');
      }
    }
    for (String line : wrap("Any estimator with labels=shuffled (e.g. binning:width=4,"
        + "labels=shuffled): its bias floor, the same estimate on labels in a fixed shuffled"
        + " order.", WIDTH - 4)) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }
}
