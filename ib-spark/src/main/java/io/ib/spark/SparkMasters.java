package io.ib.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark masters ib's own driver connects to, checked before Spark starts: an embedded {@code
 * local}, {@code local[N]}, {@code local[*]} (N worker threads, N &gt;= 1; {@code local[N,F]} with
 * F attempts per task), or a standalone cluster {@code spark://HOST:PORT} (several {@code
 * HOST:PORT} separated by commas for standby masters). Others (YARN, Kubernetes) need spark-submit,
 * which starts the driver where the cluster wants it; under spark-submit the application's master
 * is used as it is.
 */
final class SparkMasters {
  /** How often Spark tries a cell before the sweep fails (Spark's default for clusters). */
  static final int ATTEMPTS = 4;
  /** How long the check of a standalone master waits for each of its addresses. */
  static final int CONNECT_MILLIS = 5000;

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[([^\\],]*)(?:,([^\\]]*))?\\])?");
  private static final String STANDALONE = "spark://";

  private SparkMasters() {}

  /**
   * Checks that ib's driver can use the master.
   *
   * @return the master, stripped
   * @throws IllegalArgumentException naming the master and what ib accepts
   */
  static String check(String master) {
    String m = master.strip();
    Matcher local = LOCAL.matcher(m);
    if (local.matches()) {
      if (local.group(1) != null && !local.group(1).equals("*")) {
        atLeastOne(master, local.group(1), "worker threads N of local[N]");
      }
      if (local.group(2) != null) {
        atLeastOne(master, local.group(2), "task attempts F of local[N,F]");
      }
      return m;
    }
    if (m.startsWith(STANDALONE)) {
      addresses(m);
      return m;
    }
    throw new IllegalArgumentException("the Spark master must be local, local[N], local[*] or"
        + " spark://HOST:PORT (a standalone cluster), got '" + master + "'"
        + (m.equals("yarn") || m.startsWith("k8s://") || m.startsWith("mesos://")
            ? ": on YARN or Kubernetes, submit ib's spark-submit jar with spark-submit --master "
                + m + " (docs/spark.md)" : ""));
  }

  private static void atLeastOne(String master, String text, String what) {
    String t = text.strip();
    if (!t.matches("\\d{1,6}") || Integer.parseInt(t) < 1) {
      throw new IllegalArgumentException("the Spark master '" + master + "' is not valid: the "
          + what + " must be a whole number from 1 to 999999" + (what.startsWith("worker")
              ? " (or * for one per core)" : "") + ", got '" + text + "'");
    }
  }

  /** The addresses of a {@code spark://} master, checked (HOST:PORT, port 1 to 65535). */
  static List<InetSocketAddress> addresses(String master) {
    List<InetSocketAddress> result = new ArrayList<>();
    for (String hostPort : master.substring(STANDALONE.length()).split(",", -1)) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? "" : hostPort.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = -1;
      if (colon >= 0 && hostPort.substring(colon + 1).matches("\\d{1,5}")) {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("the Spark master '" + master + "' is not valid:"
            + " expected spark://HOST:PORT (a port from 1 to 65535; standby masters after commas),"
            + " got '" + hostPort + "'");
      }
      result.add(InetSocketAddress.createUnresolved(host, port));
    }
    return result;
  }

  /**
   * Checks that a standalone master answers, so that a wrong host or port fails in seconds instead
   * of after Spark's registration retries (three of 20 s, then a stopped context). Other masters
   * pass.
   *
   * @throws IllegalArgumentException if none of the master's addresses accepts a connection
   */
  static void requireAnswer(String master) {
    if (!master.startsWith(STANDALONE)) {
      return;
    }
    String reason = "";
    for (InetSocketAddress a : addresses(master)) {
      InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
      if (resolved.isUnresolved()) {
        reason = "unknown host " + a.getHostString();
        continue;
      }
      try (Socket s = new Socket()) {
        s.connect(resolved, CONNECT_MILLIS);
        return;
      } catch (IOException e) {
        reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }
    throw new IllegalArgumentException("no Spark master answers at " + master + " (" + reason
        + "): start it, or check the host and port");
  }

  /**
   * True if every address of a standalone master is a loopback address (a cluster on this machine
   * only): the driver must then advertise a loopback address too, as Spark otherwise picks one of
   * the machine's other interfaces.
   */
  static boolean loopbackCluster(String master) {
    if (!master.startsWith(STANDALONE)) {
      return false;
    }
    for (InetSocketAddress a : addresses(master)) {
      try {
        for (InetAddress ip : InetAddress.getAllByName(a.getHostString())) {
          if (!ip.isLoopbackAddress()) {
            return false;
          }
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code local} and {@code local[N]} with task retries ({@code local[N,4]}); others unchanged.
   */
  static String withRetries(String master) {
    if (master.equals("local")) {
      return "local[1," + ATTEMPTS + "]";
    }
    if (master.matches("local\\[(\\*|\\d+)\\]")) {
      return master.substring(0, master.length() - 1) + "," + ATTEMPTS + "]";
    }
    return master;
  }
}
