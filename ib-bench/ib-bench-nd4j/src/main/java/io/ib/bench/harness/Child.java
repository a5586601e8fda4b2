package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.bench.common.ContenderLoop;
import io.ib.bench.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts one contender or measurement in its own JVM with the benchmark's JVM options and thread
 * environment, and returns the JSON of its result line; or a pool of such JVMs that share the sweep's
 * widths ({@link #runPool}). Everything else the children print goes to a log file.
 */
final class Child {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which module's class path and which main class. */
  record Program(String module, String mainClass) {}

  static final Program ND4J = new Program("ib-bench-nd4j", "io.ib.bench.nd4j.Nd4jMain");
  static final Program TORCH = new Program("ib-bench-torch", "io.ib.bench.torch.TorchMain");
  static final Program DL4J = new Program("ib-bench-dl4j", "io.ib.bench.dl4j.Dl4jMain");

  /** Outcome: the result (null on failure), wall seconds of the whole JVM, and why it failed. */
  record Outcome(JsonNode result, double wallSeconds, String failure, List<String> blasCores) {
    boolean ok() {
      return result != null;
    }
  }

  private final Path benchDir;
  private final List<String> jvmOptions;
  private final Path logFile;

  Child(Path benchDir, List<String> jvmOptions, Path logFile) {
    this.benchDir = benchDir;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.logFile = logFile;
  }

  /** The thread environment every child gets: OpenMP, OpenBLAS and MKL all set to {@code threads}. */
  static Map<String, String> threadEnv(int threads) {
    String t = String.valueOf(threads);
    return Map.of("OMP_NUM_THREADS", t, "OPENBLAS_NUM_THREADS", t, "MKL_NUM_THREADS", t);
  }

  String classPath(Program p) throws IOException {
    Path target = benchDir.resolve(p.module()).resolve("target");
    Path cpFile = target.resolve("classpath.txt");
    if (!Files.isRegularFile(cpFile)) {
      throw new IOException(cpFile + " is missing: build with mvn -Pbench (the ./bench launcher does)");
    }
    Path jar;
    try (Stream<Path> files = Files.list(target)) {
      jar = files.filter(f -> f.getFileName().toString().startsWith(p.module() + "-")
              && f.getFileName().toString().endsWith(".jar")
              && !f.getFileName().toString().contains("-sources"))
          .findFirst().orElseThrow(() -> new IOException("no jar of " + p.module() + " in " + target));
    }
    return jar + java.io.File.pathSeparator + Files.readString(cpFile).trim();
  }

  Outcome run(Program p, int threads, List<String> args, String label) throws IOException {
    return run(p, threads, Map.of(), args, label);
  }

  /**
   * Runs a child with extra environment variables (e.g. OPENBLAS_VERBOSE=2, whose "Core: ..." lines
   * are collected into {@link Outcome#blasCores()}).
   */
  /** java, the common JVM options, the program's class path and main class, then its arguments. */
  private List<String> javaCommand(Program p, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath(p));
    cmd.add(p.mainClass());
    cmd.addAll(args);
    return cmd;
  }

  Outcome run(Program p, int threads, Map<String, String> extraEnv, List<String> args, String label)
      throws IOException {
    List<String> cmd = javaCommand(p, args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(threadEnv(threads));
    pb.environment().putAll(extraEnv);
    List<String> cores = new ArrayList<>();
    pb.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process proc = pb.start();
    JsonNode result = null;
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        BufferedReader out = new BufferedReader(
            new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      log.println("==== " + label + ": " + threadEnv(threads) + " " + String.join(" ", args));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(Json.RESULT_PREFIX)) {
          result = JSON.readTree(line.substring(Json.RESULT_PREFIX.length()));
          log.println("(result line received)");
        } else {
          if (line.startsWith("Core: ") && !cores.contains(line.substring(6).trim())) {
            cores.add(line.substring(6).trim());
          }
          log.println(line);
        }
      }
    }
    int code;
    try {
      if (!proc.waitFor(2, TimeUnit.HOURS)) {
        proc.destroyForcibly();
        return new Outcome(null, (System.nanoTime() - t0) / 1e9, "timed out", cores);
      }
      code = proc.exitValue();
    } catch (InterruptedException e) {
      proc.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Outcome(null, (System.nanoTime() - t0) / 1e9, "interrupted", cores);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (code != 0 || result == null) {
      return new Outcome(null, wall, "exit code " + code + (result == null ? ", no result line" : "")
          + " (see " + logFile + ")", cores);
    }
    return new Outcome(result, wall, null, cores);
  }

  /** What a pool worker's output thread reports to the coordinator. */
  private record Event(int worker, String kind, JsonNode json, long nanos) {}

  /**
   * Runs the sweep on {@code workers} concurrent JVMs of 1 thread each, the way a PyTorch user would
   * farm out widths:
   * each worker warms up and reports ready; then (the clock starts) each free worker gets the next
   * width in order until none is left (see {@link ContenderLoop#serve}). The pool's wall time runs
   * from handing out the first widths to the last width's result.
   *
   * @param args the worker's arguments; {@code --serve} is added
   * @return the merged result: per-width results in width order (each with its {@code worker}), step
   *     statistics over all workers' steps, {@code wallSeconds} of the pool, and {@code workers}
   */
  Outcome runPool(Program p, int workers, List<String> args, int[] widths, String label)
      throws IOException {
    List<String> cmd = javaCommand(p, args);
    cmd.add("--serve");
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    List<Process> procs = new ArrayList<>();
    List<PrintWriter> inputs = new ArrayList<>();
    long t0 = System.nanoTime();
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
      synchronized (log) {
        log.println("==== " + label + ": " + workers + " JVMs, each " + threadEnv(1) + " "
            + String.join(" ", args) + " --serve");
      }
      for (int i = 0; i < workers; i++) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(threadEnv(1));
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        procs.add(proc);
        inputs.add(new PrintWriter(new OutputStreamWriter(proc.getOutputStream(),
            StandardCharsets.UTF_8), true));
        int worker = i;
        Thread reader = new Thread(() -> readWorker(worker, proc, log, events), "pool-reader-" + i);
        reader.setDaemon(true);
        reader.start();
      }
      return coordinate(workers, widths, events, procs, inputs, t0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, (System.nanoTime() - t0) / 1e9, "interrupted", List.of());
    } finally {
      for (Process proc : procs) {
        if (proc.isAlive()) {
          proc.destroyForcibly();
        }
      }
    }
  }

  private Outcome coordinate(int workers, int[] widths, BlockingQueue<Event> events,
      List<Process> procs, List<PrintWriter> inputs, long t0) throws InterruptedException {
    long deadline = t0 + TimeUnit.HOURS.toNanos(2);
    int ready = 0;
    int next = 0;
    long start = 0;
    long lastDone = 0;
    Map<Integer, JsonNode> perWidth = new HashMap<>();
    Map<Integer, Integer> workerOf = new HashMap<>();
    JsonNode[] finals = new JsonNode[workers];
    int finished = 0;
    while (finished < workers) {
      Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        return new Outcome(null, (System.nanoTime() - t0) / 1e9, "timed out", List.of());
      }
      switch (e.kind()) {
        case "ready" -> {
          if (++ready == workers) {
            start = System.nanoTime();
            for (int w = 0; w < workers; w++) {
              next = assign(w, widths, next, inputs, workerOf);
            }
          }
        }
        case "width" -> {
          lastDone = e.nanos();
          perWidth.put(e.json().get("width").asInt(), e.json());
          next = assign(e.worker(), widths, next, inputs, workerOf);
        }
        case "result" -> {
          finals[e.worker()] = e.json();
          finished++;
        }
        default -> { // "eof" before a result
          if (finals[e.worker()] == null) {
            int code = waitExit(procs.get(e.worker()));
            return new Outcome(null, (System.nanoTime() - t0) / 1e9, "pool worker " + e.worker()
                + ": exit code " + code + ", no result line (see " + logFile + ")", List.of());
          }
        }
      }
    }
    for (Process proc : procs) {
      int code = waitExit(proc);
      if (code != 0) {
        return new Outcome(null, (System.nanoTime() - t0) / 1e9, "pool worker exit code " + code
            + " (see " + logFile + ")", List.of());
      }
    }
    ObjectNode merged = JSON.createObjectNode();
    merged.setAll((ObjectNode) finals[0].deepCopy());
    merged.remove("stepsMs");
    ArrayNode ws = merged.putArray("widths");
    for (int width : widths) {
      ObjectNode w = ((ObjectNode) perWidth.get(width)).deepCopy();
      w.put("worker", workerOf.get(width));
      ws.add(w);
    }
    List<Double> stepsMs = new ArrayList<>();
    ArrayNode workerNodes = merged.putArray("workers");
    for (int i = 0; i < workers; i++) {
      finals[i].get("stepsMs").forEach(v -> stepsMs.add(v.asDouble() / 1e3));
      ObjectNode wn = workerNodes.addObject();
      ArrayNode mine = wn.putArray("widths");
      finals[i].get("widths").forEach(w -> mine.add(w.get("width").asInt()));
      wn.put("wallSeconds", finals[i].get("wallSeconds").asDouble());
    }
    double[] seconds = stepsMs.stream().mapToDouble(Double::doubleValue).toArray();
    ContenderLoop.stepStats(seconds).forEach((k, v) -> merged.put(k, ((Number) v).doubleValue()));
    merged.put("wallSeconds", (lastDone - start) / 1e9);
    merged.put("poolWorkers", workers);
    return new Outcome(merged, (System.nanoTime() - t0) / 1e9, null, List.of());
  }

  /** Sends worker {@code w} the next width, or "end" when none is left; returns the next index. */
  private static int assign(int w, int[] widths, int next, List<PrintWriter> inputs,
      Map<Integer, Integer> workerOf) {
    if (next < widths.length) {
      workerOf.put(widths[next], w);
      inputs.get(w).println("width " + widths[next]);
      return next + 1;
    }
    inputs.get(w).println("end");
    return next;
  }

  private static int waitExit(Process proc) throws InterruptedException {
    if (!proc.waitFor(1, TimeUnit.MINUTES)) {
      proc.destroyForcibly();
      return -1;
    }
    return proc.exitValue();
  }

  private static void readWorker(int worker, Process proc, PrintWriter log,
      BlockingQueue<Event> events) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        long now = System.nanoTime();
        if (line.equals(ContenderLoop.READY_LINE)) {
          events.add(new Event(worker, "ready", null, now));
        } else if (line.startsWith(ContenderLoop.WIDTH_PREFIX)) {
          events.add(new Event(worker, "width",
              JSON.readTree(line.substring(ContenderLoop.WIDTH_PREFIX.length())), now));
        } else if (line.startsWith(Json.RESULT_PREFIX)) {
          events.add(new Event(worker, "result",
              JSON.readTree(line.substring(Json.RESULT_PREFIX.length())), now));
        } else {
          synchronized (log) {
            log.println("[worker " + worker + "] " + line);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (log) {
        log.println("[worker " + worker + "] output unreadable: " + e);
      }
    }
    events.add(new Event(worker, "eof", null, System.nanoTime()));
  }
}
