package io.ib.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The software and machine a run used.
 *
 * @param libraryVersion version of ib
 * @param nd4jVersion version of ND4J
 * @param backend ND4J backend, e.g. {@code CPU} or {@code CUDA}
 * @param blasVendor BLAS library the backend uses
 * @param ompThreads ND4J's OpenMP threads
 * @param blasThreads BLAS threads
 * @param availableProcessors processors visible to the JVM
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param os operating system name, version and architecture
 * @param commandLine the command line that started the run, empty when called from code
 */
public record Provenance(String libraryVersion, String nd4jVersion, String backend, String blasVendor,
    int ompThreads, int blasThreads, int availableProcessors, String javaVersion, String javaVendor,
    String os, List<String> commandLine) {

  public Provenance {
    commandLine = List.copyOf(commandLine);
  }

  /** Reads the current environment (starts ND4J's backend if it is not running yet). */
  public static Provenance capture(List<String> commandLine) {
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    return new Provenance(installedLibraryVersion(), installedNd4jVersion(),
        String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName())),
        String.valueOf(env.getOrDefault("blas.vendor", "unknown")),
        Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        commandLine);
  }

  /** The version of this library, from the build. */
  public static String installedLibraryVersion() {
    return property(Provenance.class, "/io/ib/ib-version.properties", "version");
  }

  /** The version of ND4J on the class path. */
  public static String installedNd4jVersion() {
    return property(Nd4j.class, "/META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version");
  }

  private static String property(Class<?> anchor, String resource, String key) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key, "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
