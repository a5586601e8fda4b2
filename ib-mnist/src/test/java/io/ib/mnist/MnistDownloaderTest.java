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
import java.io.IOException;
import java.net.URI;
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
import org.junit.jupiter.api.io.TempDir;

class MnistDownloaderTest {
  private static final String NAME = IdxDirectory.TRAIN_LABELS;

  @TempDir Path dir;
  private LocalServer server;
  private byte[] good;
  private String goodSum;

  @BeforeEach
  void start() throws Exception {
    good = IdxTestFiles.gzip(IdxTestFiles.ubyte(new int[] {5000}, IdxTestFiles.randomBytes(5000, 10, new Random(3))));
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

  @Test
  void goodMirror() throws Exception {
    DataFile file = downloader(Mode.GOOD).download(NAME, dir);
    assertEquals(new DataFile(NAME, goodSum, good.length), file);
    assertOnlyTheGoodFile();
  }

  @Test
  void corruptMirrorThenGood() throws Exception {
    downloader(Mode.CORRUPT, Mode.GOOD).download(NAME, dir);
    assertOnlyTheGoodFile();
    assertEquals(2, server.requests());
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

  @Test
  void allMirrorsFailing() throws Exception {
    URI refused = URI.create("http://127.0.0.1:1/nothing/");
    List<URI> mirrors = List.of(server.mirror(Mode.MISSING), server.mirror(Mode.CORRUPT), refused);
    MnistDownloader d = new MnistDownloader(mirrors, Map.of(NAME, goodSum), Duration.ofSeconds(5),
        Duration.ofSeconds(20));

    IOException e = assertThrows(IOException.class, () -> d.download(NAME, dir));

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
