package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The help reads like a manual: grouped, wrapped at words, every command reachable. */
class HelpTest {
  @Test
  void sweepOptionsAreGroupedUnderHeadingsAndWrappedAtSpacesOnly() {
    String help = CliRunner.run("sweep", "--help").out();
    int last = -1;
    for (String heading : List.of("\nModel:\n", "\nTraining:\n", "\nMeasuring:\n", "\nData:\n",
        "\nOutput:\n", "\nEngine:\n", "\nPlug-ins:\n", "\nPresets (--preset NAME):\n",
        "\nEstimators (--estimator SPEC):\n")) {
      int at = help.indexOf(heading);
      assertTrue(at > last, heading.strip() + " missing or out of order:\n" + help);
      last = at;
    }
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= Help.WIDTH, "longer than " + Help.WIDTH + ": " + line);
    }
    // Tokens that a line breaker could split stay whole.
    for (String token : List.of("spark://HOST:7077", "runs/<date-time>", "binning:width=4",
        "every:N|log:C|none", "first[:fraction=F]|random[:fraction=F][,seed=S]",
        "(default: 5,10,20,50,100)")) {
      assertTrue(help.contains(token), token + " was split:\n" + help);
    }
    assertTrue(help.startsWith("Usage: ib sweep [OPTIONS]\n"), help);
  }

  @Test
  void everyCommandHasItsHelp() {
    for (List<String> command : List.of(List.of("resume"), List.of("cells"),
        List.of("cells", "start"), List.of("cells", "list"), List.of("cells", "run"),
        List.of("analyze"), List.of("import"), List.of("report"), List.of("estimate"),
        List.of("estimators"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      CliRunner.Outcome o = CliRunner.run(args.toArray(String[]::new));
      assertEquals(0, o.status(), command + ": " + o.err());
      assertTrue(o.out().startsWith("Usage: ib " + String.join(" ", command)), o.out());
    }
    String top = CliRunner.run("--help").out();
    for (String command : List.of("sweep", "resume", "cells", "analyze", "import", "report", "estimate",
        "estimators")) {
      assertTrue(top.contains("  " + command + " "), command + " missing:\n" + top);
    }
  }

  @Test
  void wrappingKeepsWordsAndNonBreakingSpacesWhole() {
    assertEquals(List.of("aaa bbb", "ccc"), Help.wrap("aaa bbb ccc", 7));
    assertEquals(List.of("a", "(default: 1,2)"), Help.wrap("a (default:\u00a01,2)", 8));
    assertEquals(List.of("spark://host:7077/a/very/long/word"),
        Help.wrap("spark://host:7077/a/very/long/word", 10));
  }
}
