package io.ib.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is {@link QuickStart}, word for word, so that what a newcomer copies
 * compiles as shown (the build compiles QuickStart).
 */
class ReadmeExampleTest {
  @Test
  void theReadmeShowsTheQuickStartAsItCompiles() throws IOException {
    // Tests run in the repository's root (see the root pom's surefire configuration).
    String source = Files.readString(Path.of("ib-examples/src/main/java/io/ib/examples/QuickStart.java"));
    int begin = source.indexOf('\n', source.indexOf("// README:begin")) + 1;
    int end = source.indexOf("// README:end");
    assertTrue(begin > 0 && end > begin, "QuickStart.java has its README markers");
    String snippet = source.substring(begin, end);
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("```java\n" + snippet + "```\n"),
        "README.md shows QuickStart.java between its markers, verbatim:\n" + snippet);
  }
}
