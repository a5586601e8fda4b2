package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the engine checks before a sweep writes anything: the master (its syntax, and that a
 * standalone master answers) and the settings (Spark starts with them); each refusal is one line.
 */
class SparkSettingsTest {
  @ParameterizedTest
  @ValueSource(strings = {"garbage", "local[0]", "local[-1]", "local[abc]", "local[2,0]",
      "local[", "yarn", "k8s://https://host:6443", "mesos://host:5050", "local-cluster[2,1,1024]",
      "spark://host", "spark://host:0", "spark://host:70000", "spark://:7077", "spark://a:1,"})
  void mastersIbsDriverCannotUseAreRefusedInOneLine(String master) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SparkEngine(master, Map.of()));
    assertTrue(e.getMessage().contains("'" + master + "'"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void yarnAndKubernetesPointToSparkSubmit() {
    for (String master : new String[] {"yarn", "k8s://https://host:6443"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new SparkEngine(master, Map.of()));
      assertTrue(e.getMessage().contains("spark-submit --master " + master), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[1]", "local[*]", "local[2,3]", "local[*,2]",
      "spark://host:7077", "spark://a:7077,b:7078", "spark://[::1]:7077"})
  void mastersIbsDriverUsesAreAccepted(String master) {
    assertDoesNotThrow(() -> SparkMasters.check(master));
  }

  @Test
  void localMastersRetryFailedTasks() {
    assertEquals("local[2,4]", SparkMasters.withRetries("local[2]"));
    assertEquals("local[*,4]", SparkMasters.withRetries("local[*]"));
    assertEquals("local[1,4]", SparkMasters.withRetries("local"));
    assertEquals("local[2,3]", SparkMasters.withRetries("local[2,3]"));
    assertEquals("spark://h:7077", SparkMasters.withRetries("spark://h:7077"));
  }

  /** Spark would retry its registration for a minute, then stop the context. */
  @Test
  void aStandaloneMasterThatDoesNotAnswerFailsInSeconds() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String master = "spark://127.0.0.1:" + port;
    long start = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TinySweep.engine(master));
    assertTrue((System.nanoTime() - start) / 1e9 < SparkMasters.CONNECT_MILLIS / 1000.0 + 5,
        "bounded by the connect timeout");
    assertTrue(e.getMessage().startsWith("no Spark master answers at " + master), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aLoopbackClusterMakesTheDriverAdvertiseLoopback() {
    assertTrue(SparkMasters.loopbackCluster("spark://127.0.0.1:7077"));
    assertTrue(SparkMasters.loopbackCluster("spark://localhost:7077"));
    assertFalse(SparkMasters.loopbackCluster("local[2]"));
    assertEquals("127.0.0.1", new SparkEngine("spark://127.0.0.1:7077", Map.of())
        .setting("spark.driver.host"));
    assertEquals("127.0.0.1", new SparkEngine("local[2]", Map.of()).setting("spark.driver.host"));
    assertEquals("10.0.0.7", new SparkEngine("spark://127.0.0.1:7077",
        Map.of("spark.driver.host", "10.0.0.7")).setting("spark.driver.host"));
    assertEquals(null, new SparkEngine("spark://192.0.2.1:7077", Map.of())
        .setting("spark.driver.host"), "a cluster elsewhere: Spark's own choice");
  }

  @Test
  void secretsAreNotRepeatedInMessages() {
    assertEquals("spark.executor.memory=1g, spark.hadoop.fs.s3a.access.key=*****,"
        + " spark.hadoop.fs.s3a.secret.key=*****", SparkEngine.describe(new java.util.TreeMap<>(
            Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t", "spark.hadoop.fs.s3a.access.key",
                "AKIA", "spark.executor.memory", "1g"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark.executor.cores=-1", "spark.task.cpus=0",
      "spark.executor.memory=lots", "spark.memory.fraction=2"})
  void aSettingSparkRefusesIsNamedInOneLine(String setting) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TinySweep.engine("local[1]", setting));
    assertTrue(e.getMessage().contains(setting), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    // The failed start left no context behind: the next engine starts.
    TinySweep.engine("local[1]").close();
  }
}
