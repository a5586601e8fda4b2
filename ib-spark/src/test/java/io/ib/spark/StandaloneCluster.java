package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback, started from the test's own class path: a Master and
 * Workers as separate JVMs (one core each). Their logs are in the directory given.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final String url;

  /** Starts a Master and {@code workers} Workers, and waits until the Master listens. */
  StandaloneCluster(Path dir, int workers) throws Exception {
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
    int masterPort = freePort();
    try {
      Process master = start(dir, sparkHome, "master", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port",
          String.valueOf(freePort()));
      processes.add(master);
      awaitPort(masterPort, master, dir.resolve("master.log"));
      url = "spark://127.0.0.1:" + masterPort;
      for (int w = 1; w <= workers; w++) {
        Process worker = start(dir, sparkHome, "worker" + w,
            "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
            "--memory", "1500m", "--webui-port", String.valueOf(freePort()), "--work-dir",
            dir.resolve("work" + w).toString(), url);
        processes.add(worker);
        this.workers.add(worker);
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** The Master's URL, {@code spark://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  /** Kills Worker {@code w} (1-based) and its executors, as a machine that dies. */
  void kill(int w) {
    Process worker = workers.get(w - 1);
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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
    // get their class path through spark.executor.extraClassPath) and Spark's Scala version.
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void awaitPort(int port, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + MINUTE;
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        assertTrue(process.isAlive(), "the Master died: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline,
            "the Master did not start: " + Files.readString(log));
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
