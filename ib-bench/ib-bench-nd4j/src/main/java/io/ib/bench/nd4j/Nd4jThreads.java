package io.ib.bench.nd4j;

import io.ib.bench.common.ContenderLoop;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's thread settings as it sees them, for the report. */
final class Nd4jThreads {
  private Nd4jThreads() {}

  static Map<String, Object> settings() {
    Map<String, Object> t = ContenderLoop.threadEnvironment();
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    t.put("nd4j.maxThreads", Nd4j.getEnvironment().maxThreads());
    t.put("nd4j.blasThreads", Nd4j.factory().blas().getMaxThreads());
    t.put("nd4j.blasVendor", String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
    return t;
  }
}
