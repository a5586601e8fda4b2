package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.cli.Main;
import io.ib.run.RunFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback, started by the test from its own class path: a Master
 * and two Workers as separate JVMs (one core each). The sweep runs on it; once both executors run a
 * cell, one Worker and its executor are killed (SIGKILL); Spark runs the lost cells again on the other
 * Worker, and the merged run directory equals the local engine's byte for byte.
 */
class SparkClusterTest {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  /** Eight cells of about a second each: long enough to be killed in the middle of one. */
  private static final String WIDTHS = "2,3,4,5";
  private static final int EPOCHS = 150;

  @Test
  void killingAWorkerMidCellChangesNoByte(@TempDir Path dir) throws Exception {
    Path csv = TinySweep.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, Main.run(TinySweep.args(csv, WIDTHS, EPOCHS, "--out", local.toString())));

    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
    int masterPort = freePort();
    List<Process> processes = new ArrayList<>();
    try {
      Process master = start(dir, sparkHome.getParent(), "master",
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
          String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
      processes.add(master);
      awaitPort(masterPort, master, dir.resolve("master.log"));
      String url = "spark://127.0.0.1:" + masterPort;
      Process doomed = null;
      for (int w = 1; w <= 2; w++) {
        Process worker = start(dir, sparkHome.getParent(), "worker" + w,
            "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
            "--memory", "1500m", "--webui-port", String.valueOf(freePort()), "--work-dir",
            dir.resolve("work" + w).toString(), url);
        processes.add(worker);
        if (w == 1) {
          doomed = worker;
        }
      }

      KillSwitch.reset();
      Path spark = dir.resolve("spark");
      String[] args = TinySweep.args(csv, WIDTHS, EPOCHS, "--out", spark.toString(), "--engine", "spark",
          "--master", url,
          "--spark-conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
          "--spark-conf", "spark.executor.memory=1g",
          "--spark-conf", "spark.executor.cores=1",
          "--spark-conf", "spark.cores.max=2",
          "--spark-conf", "spark.driver.host=127.0.0.1",
          "--spark-conf", "spark.driver.bindAddress=127.0.0.1",
          "--spark-conf", "spark.extraListeners=" + KillSwitch.class.getName());
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(args));

      // Both executors busy with a cell, after one cell finished (the executors are warm): kill
      // Worker 1 and its executor, as a machine that dies.
      long deadline = System.nanoTime() + 3 * MINUTE;
      while (!(KillSwitch.SUCCEEDED.get() >= 1 && KillSwitch.RUNNING.get() == 2)) {
        assertTrue(!run.isDone(), "the sweep ended before a Worker could be killed: "
            + (run.isDone() ? run.get() : ""));
        assertTrue(System.nanoTime() < deadline, "timed out waiting for two running cells");
        Thread.sleep(2);
      }
      doomed.descendants().forEach(ProcessHandle::destroyForcibly);
      doomed.destroyForcibly();

      assertEquals(0, run.get(3, TimeUnit.MINUTES));
      assertTrue(KillSwitch.FAILED.get() >= 1, "the killed executor's cell failed and ran again");
      assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
          Files.readAllBytes(spark.resolve("measurements.csv")));
      assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(spark));
    } finally {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Process start(Path dir, Path sparkHome, String name, String mainClass,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    // A Worker builds its executors' command from SPARK_HOME: an empty jars/ folder (the executors
    // get the test's class path through spark.executor.extraClassPath) and Spark's Scala version.
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void awaitPort(int port, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + MINUTE;
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertTrue(process.isAlive(), "the Master died: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "the Master did not start: " + Files.readString(log));
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
