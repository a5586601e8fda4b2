package io.ib.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.DataFile;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxTestFiles;
import io.ib.data.idx.PublishedMnist;
import io.ib.mnist.LocalServer.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class MnistDownloaderTest {
  private static final String NAME = IdxDirectory.TRAIN_LABELS;

  @TempDir Path dir;
  private LocalServer server;
  private byte[] good;
  private String goodSum;

  @BeforeEach
  void start() throws Exception {
    good = IdxTestFiles.gzip(
        IdxTestFiles.ubyte(new int[] {5000}, IdxTestFiles.randomBytes(5000, 10, new Random(3))));
    goodSum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(good));
    server = new LocalServer();
    server.put(NAME, good);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MnistDownloader downloader(Duration requestTimeout, Mode... modes) {
    List<URI> mirrors = Stream.of(modes).map(server::mirror).toList();
    return new MnistDownloader(mirrors, Map.of(NAME, goodSum), Duration.ofSeconds(5), requestTimeout);
  }

  private MnistDownloader downloader(Mode... modes) {
    return downloader(Duration.ofSeconds(20), modes);
  }

  private void assertOnlyTheGoodFile() throws IOException {
    assertArrayEquals(good, Files.readAllBytes(dir.resolve(NAME)));
    assertNoTempFiles();
  }

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".part")), names.toString());
    }
  }

  /**
   * What SLF4J prints while {@code action} runs: the tests' binding, slf4j-simple, writes each line to
   * {@code System.err} as it is at that moment.
   */
  private static String logged(Executable action) throws Throwable {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.execute();
    } finally {
      System.setErr(original);
    }
    original.print(captured.toString(StandardCharsets.UTF_8)); // still shown in the test's output
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static void assertNoWarning(String log) {
    assertFalse(log.contains("WARN"), "warnings besides the exception:\n" + log);
  }

  @Test
  void goodMirror() throws Throwable {
    String log = logged(() -> {
      DataFile file = downloader(Mode.GOOD).download(NAME, dir);
      assertEquals(new DataFile(NAME, goodSum, good.length), file);
    });
    assertOnlyTheGoodFile();
    assertTrue(log.contains("INFO") && log.contains("downloaded " + NAME), "the log is captured: " + log);
  }

  /** A mirror that fails before a good one is not a warning; the line saying where it came from names it. */
  @Test
  void corruptMirrorThenGood() throws Throwable {
    String log = logged(() -> downloader(Mode.CORRUPT, Mode.GOOD).download(NAME, dir));
    assertOnlyTheGoodFile();
    assertEquals(2, server.requests());
    assertNoWarning(log);
    assertTrue(log.contains(server.mirror(Mode.CORRUPT).toString()) && log.contains("SHA-256 mismatch"), log);
  }

  @Test
  void connectionCutMidBodyThenGood() throws Exception {
    downloader(Mode.CUT, Mode.GOOD).download(NAME, dir);
    assertOnlyTheGoodFile();
  }

  @Test
  void connectionCutMidBodyAloneLeavesNothing() throws Exception {
    IOException e = assertThrows(IOException.class, () -> downloader(Mode.CUT).download(NAME, dir));
    assertTrue(e.getMessage().contains(server.mirror(Mode.CUT).toString()), e.getMessage());
    assertFalse(Files.exists(dir.resolve(NAME)));
    assertNoTempFiles();
  }

  @Test
  void stalledMirrorTimesOutThenGood() throws Exception {
    long start = System.nanoTime();
    downloader(Duration.ofMillis(500), Mode.STALL, Mode.GOOD).download(NAME, dir);
    assertOnlyTheGoodFile();
    assertTrue(System.nanoTime() - start < 8_000_000_000L, "the stall must be cut short by the timeout");
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    downloader(Mode.REDIRECT).download(NAME, dir);
    assertOnlyTheGoodFile();
  }

  /** A download that fails ends in one exception that says what each mirror did, and nothing else. */
  @Test
  void allMirrorsFailing() throws Throwable {
    URI refused = URI.create("http://127.0.0.1:1/nothing/");
    List<URI> mirrors = List.of(server.mirror(Mode.MISSING), server.mirror(Mode.CORRUPT), refused);
    MnistDownloader d = new MnistDownloader(mirrors, Map.of(NAME, goodSum), Duration.ofSeconds(5),
        Duration.ofSeconds(20));

    IOException[] thrown = new IOException[1];
    String log = logged(() -> thrown[0] = assertThrows(IOException.class, () -> d.download(NAME, dir)));
    IOException e = thrown[0];

    assertNoWarning(log);
    assertFalse(e.getMessage().contains("\n"), e.getMessage());

    String m = e.getMessage();
    assertTrue(m.contains(NAME), m);
    for (URI mirror : mirrors) {
      assertTrue(m.contains(mirror.toString()), m);
    }
    assertTrue(m.contains("HTTP 404"), m);
    assertTrue(m.contains("SHA-256 mismatch"), m);
    assertTrue(m.contains("IB_DATA_DIR") && m.contains("--data-dir"), m);
    assertFalse(Files.exists(dir.resolve(NAME)));
    assertNoTempFiles();
  }

  /** Replacing a corrupt cached file that no mirror has: one exception, no warnings. */
  @Test
  void ensureThatFailsWarnsNothing() throws Throwable {
    Files.write(dir.resolve(NAME), new byte[] {1, 2, 3});
    MnistDownloader d = downloader(Mode.MISSING, Mode.CUT);
    IOException[] thrown = new IOException[1];
    String log = logged(() -> thrown[0] = assertThrows(IOException.class, () -> d.ensure(dir, true)));
    assertNoWarning(log);
    String m = thrown[0].getMessage();
    assertTrue(m.contains("HTTP 404") && m.contains(server.mirror(Mode.CUT).toString()), m);
  }

  @Test
  void ensureDownloadsAbsentFilesAndReplacesCorruptOnes() throws Exception {
    MnistDownloader d = downloader(Mode.GOOD);
    d.ensure(dir, false);
    assertOnlyTheGoodFile();
    assertEquals(1, server.requests());

    Files.write(dir.resolve(NAME), new byte[] {1, 2, 3});
    d.ensure(dir, false); // present, not checked
    assertEquals(1, server.requests());
    d.ensure(dir, true); // checked, wrong sum, fetched again
    assertEquals(2, server.requests());
    assertOnlyTheGoodFile();
    d.ensure(dir, true); // checked, right sum
    assertEquals(2, server.requests());
  }

  @Test
  void rejectsBadConfiguration() {
    List<URI> one = List.of(server.mirror(Mode.GOOD));
    assertThrows(IllegalArgumentException.class,
        () -> new MnistDownloader(List.of(), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new MnistDownloader(one, Map.of(NAME, "ABC"), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new MnistDownloader(one, Map.of(), Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> downloader(Mode.GOOD).download("other.gz", dir));
  }

  @Test
  void defaultsUseThePublishedMirrorsAndSums() {
    MnistDownloader d = MnistDownloader.defaults();
    assertEquals(MnistDownloader.DEFAULT_MIRRORS, d.mirrors());
    assertEquals(PublishedMnist.SHA256, d.knownSums());
    assertTrue(d.mirrors().stream().allMatch(u -> "https".equals(u.getScheme())));
  }
}
