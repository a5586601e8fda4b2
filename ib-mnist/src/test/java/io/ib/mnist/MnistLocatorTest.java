package io.ib.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.data.files.Sha256;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxTestFiles;
import io.ib.data.idx.PublishedMnist;
import io.ib.mnist.LocalServer.Mode;
import io.ib.mnist.MnistLocator.Location;
import io.ib.mnist.MnistLocator.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLocatorTest {
  @TempDir Path tmp;

  private final Map<String, String> env = new HashMap<>();

  /** A locator whose downloader fails fast if used (no server listens on port 1). */
  private MnistLocator locator() {
    MnistDownloader offline = new MnistDownloader(List.of(java.net.URI.create("http://127.0.0.1:1/")),
        PublishedMnist.SHA256, Duration.ofSeconds(2), Duration.ofSeconds(2));
    return new MnistLocator(env::get, tmp.resolve("home"), offline);
  }

  @Test
  void explicitBeatsEnvironmentBeatsCache() {
    Path explicit = tmp.resolve("explicit");
    env.put(MnistLocator.ENV_VAR, tmp.resolve("env").toString());

    assertEquals(new Location(explicit, Origin.OPTION), locator().locate(explicit));
    assertEquals(new Location(tmp.resolve("env"), Origin.ENVIRONMENT), locator().locate());
    env.put(MnistLocator.ENV_VAR, "  ");
    assertEquals(new Location(tmp.resolve("home/.cache/ib/mnist"), Origin.CACHE), locator().locate());
    env.remove(MnistLocator.ENV_VAR);
    assertEquals(Origin.CACHE, locator().locate().origin());
  }

  /** null is not "no directory": the default search has its own methods, and the message says so. */
  @Test
  void nullIsNotAnExplicitDirectory() {
    NullPointerException load =
        assertThrows(NullPointerException.class, () -> locator().load(null));
    assertTrue(load.getMessage().contains("call load() for the default search"), load.getMessage());
    NullPointerException locate =
        assertThrows(NullPointerException.class, () -> locator().locate(null));
    assertTrue(locate.getMessage().contains("call locate()"), locate.getMessage());
  }

  @Test
  void cacheFollowsAbsoluteXdgCacheHome() {
    env.put("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
    assertEquals(tmp.resolve("xdg/ib/mnist"), locator().cacheDirectory());
    env.put("XDG_CACHE_HOME", "relative/cache"); // invalid per the XDG spec: ignored
    assertEquals(tmp.resolve("home/.cache/ib/mnist"), locator().cacheDirectory());
  }

  @Test
  void givenDirectoryWithMissingFilesExplainsTheFix() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    IdxTestFiles.writeMnist(data, 2, 2, 1, true);
    Files.delete(data.resolve(IdxDirectory.TEST_IMAGES));
    Files.delete(data.resolve(IdxDirectory.TRAIN_LABELS));
    env.put(MnistLocator.ENV_VAR, data.toString());

    IOException e = assertThrows(IOException.class, () -> locator().load());

    String m = e.getMessage();
    assertTrue(m.contains(IdxDirectory.TEST_IMAGES) && m.contains(IdxDirectory.TRAIN_LABELS), m);
    // Exactly the two absent files are listed as missing, with the directory and where it came from.
    assertTrue(m.contains("missing in " + data.toAbsolutePath() + " (from IB_DATA_DIR): "
        + IdxDirectory.TRAIN_LABELS + ", " + IdxDirectory.TEST_IMAGES + " ("), m);
    assertTrue(m.contains("unset IB_DATA_DIR") && m.contains("--data-dir"), m);
    // The given directory is never filled by download.
    assertTrue(Files.notExists(data.resolve(IdxDirectory.TEST_IMAGES)));
  }

  @Test
  void givenDirectoryIsLoadedAsIs() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    IdxTestFiles.writeMnist(data, 4, 3, 1, false); // raw names, sums unknown: warns, loads
    env.put(MnistLocator.ENV_VAR, tmp.resolve("elsewhere").toString());
    Dataset d = locator().load(data);
    assertEquals(4, d.train().size());
    assertEquals(3, d.test().size());
  }

  @Test
  void cacheIsFilledVerifiedAndRepaired() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    IdxTestFiles.writeMnist(source, 6, 4, 9, true);
    Map<String, String> sums = new HashMap<>();
    try (LocalServer server = new LocalServer()) {
      for (String name : IdxDirectory.FILE_NAMES) {
        server.put(name, Files.readAllBytes(source.resolve(name)));
        sums.put(name, Sha256.of(source.resolve(name)));
      }
      env.put("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
      MnistDownloader downloader = new MnistDownloader(
          List.of(server.mirror(Mode.CORRUPT), server.mirror(Mode.GOOD)), sums, Duration.ofSeconds(5),
          Duration.ofSeconds(20));
      MnistLocator locator = new MnistLocator(env::get, tmp.resolve("home"), downloader);
      Path cache = tmp.resolve("xdg/ib/mnist");

      Dataset first = locator.load();
      assertEquals(6, first.train().size());
      assertEquals(8, server.requests()); // each file: corrupt mirror, then the good one
      for (String name : IdxDirectory.FILE_NAMES) {
        assertArrayEquals(Files.readAllBytes(source.resolve(name)), Files.readAllBytes(cache.resolve(name)));
      }

      locator.load();
      assertEquals(8, server.requests()); // verified by the load's own checksums, nothing fetched

      Files.write(cache.resolve(IdxDirectory.TEST_LABELS),
          IdxTestFiles.gzip(IdxTestFiles.ubyte(new int[] {4}, new byte[4])));
      Dataset repaired = locator.load();
      assertEquals(10, server.requests()); // only the damaged file, again corrupt mirror then good
      assertArrayEquals(first.test().labels(), repaired.test().labels());
      assertEquals(sums.get(IdxDirectory.TEST_LABELS), repaired.files().get(3).sha256());
    }
  }
}
