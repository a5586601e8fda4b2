package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's plug-in that cannot be loaded is named in one line, never a stack trace or an NPE. */
class BrokenPluginsTest {
  /** A provider whose constructor throws. */
  public static final class Throwing extends Named {
    public Throwing() {
      throw new IllegalStateException("no licence file");
    }
  }

  /** A provider without a name. */
  public static final class Nameless extends Named {
    @Override
    public String name() {
      return null;
    }
  }

  /** A provider whose name is not a valid estimator name. */
  public static final class BadName extends Named {
    @Override
    public String name() {
      return "My Estimator";
    }
  }

  /** The parts every test provider shares. */
  public abstract static class Named implements EstimatorProvider {
    @Override
    public String name() {
      return "named";
    }

    @Override
    public String usage() {
      return "named";
    }

    @Override
    public MutualInformationEstimator create(EstimatorSpec spec) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void everyKindOfBrokenProviderGivesOneLineNamingIt(@TempDir Path dir) throws IOException {
    Map<String, String> expected = Map.of(
        "org.example.Missing", "org.example.Missing not found",
        BrokenPluginsTest.class.getName(), BrokenPluginsTest.class.getName() + " not a subtype",
        Throwing.class.getName(), "no licence file",
        Nameless.class.getName(), Nameless.class.getName() + " names itself null",
        BadName.class.getName(), "names itself 'My Estimator'");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path root = dir.resolve(e.getKey().replace('$', '_'));
      Path services = root.resolve("META-INF/services/" + EstimatorProvider.class.getName());
      Files.createDirectories(services.getParent());
      Files.writeString(services, e.getKey() + "\n");
      try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
          getClass().getClassLoader())) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> Estimators.providers(loader), e.getKey());
        assertTrue(thrown.getMessage().contains(e.getValue()), thrown.getMessage());
        assertEquals(1, thrown.getMessage().lines().count(), thrown.getMessage());
      }
    }
  }
}
