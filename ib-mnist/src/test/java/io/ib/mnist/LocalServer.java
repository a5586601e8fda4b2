package io.ib.mnist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server with one mirror per behaviour, for download tests. */
final class LocalServer implements AutoCloseable {
  /** What a mirror does with a request for a file it holds. */
  enum Mode {
    /** 200 with the file. */
    GOOD,
    /** 200 with the file, one byte changed. */
    CORRUPT,
    /** 200 announcing the full Content-Length, then half the body and a closed connection. */
    CUT,
    /** 404. */
    MISSING,
    /** 302 to the GOOD mirror. */
    REDIRECT,
    /** Headers, then nothing for ten seconds. */
    STALL
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    for (Mode mode : Mode.values()) {
      server.createContext("/" + mode.name().toLowerCase() + "/", ex -> handle(mode, ex));
    }
    server.setExecutor(executor);
    server.start();
  }

  void put(String name, byte[] content) {
    files.put(name, content);
  }

  int requests() {
    return requests.get();
  }

  /** Base URI of the mirror with the given behaviour (ends with '/'). */
  URI mirror(Mode mode) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"
        + mode.name().toLowerCase() + "/");
  }

  private void handle(Mode mode, HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String path = ex.getRequestURI().getPath();
    byte[] body = files.get(path.substring(path.lastIndexOf('/') + 1));
    try (ex) {
      if (body == null || mode == Mode.MISSING) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      switch (mode) {
        case GOOD -> send(ex, body, body.length);
        case CORRUPT -> {
          byte[] bad = body.clone();
          bad[bad.length / 2] ^= 1;
          send(ex, bad, bad.length);
        }
        case CUT -> {
          ex.sendResponseHeaders(200, body.length);
          OutputStream out = ex.getResponseBody();
          out.write(body, 0, body.length / 2);
          out.flush();
          // Closing with bytes still owed makes the server drop the connection.
        }
        case REDIRECT -> {
          String file = path.substring(path.lastIndexOf('/') + 1);
          ex.getResponseHeaders().add("Location", mirror(Mode.GOOD).resolve(file).toString());
          ex.sendResponseHeaders(302, -1);
        }
        case STALL -> {
          ex.sendResponseHeaders(200, body.length);
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        default -> throw new IllegalStateException(mode.toString());
      }
    } catch (IOException expected) {
      // CUT and STALL end with the server noticing the short body: that is the point.
    }
  }

  private static void send(HttpExchange ex, byte[] body, int length) throws IOException {
    ex.sendResponseHeaders(200, length);
    ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
