package io.ib.data.idx;

import static io.ib.data.idx.IdxTestFiles.gzip;
import static io.ib.data.idx.IdxTestFiles.idx;
import static io.ib.data.idx.IdxTestFiles.ubyte;
import static io.ib.data.idx.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  private static final int[] DIMS = {3, 2, 5};

  private static byte[] body() {
    byte[] data = new byte[30];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37 + 200); // covers values above 127, which are negative Java bytes
    }
    return data;
  }

  private IdxFormatException fails(String name, byte[] content, int rank, String word) throws IOException {
    Path file = write(dir, name, content);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file, rank));
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertTrue(e.getMessage().contains(word), e.getMessage());
    assertEquals(file, e.path());
    return e;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTripKeepsShapeValuesAndFileIdentity(boolean gzipped) throws Exception {
    byte[] raw = ubyte(DIMS, body());
    byte[] stored = gzipped ? gzip(raw) : raw;
    Path file = write(dir, "x.idx", stored);

    IdxArray a = IdxReader.read(file, 3);

    assertArrayEquals(DIMS, a.shape());
    assertArrayEquals(body(), a.toByteArray());
    for (int i = 0; i < 30; i++) {
      assertEquals(body()[i] & 0xFF, a.unsigned(i));
    }
    String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored));
    assertEquals(sum, a.file().sha256());
    assertEquals(stored.length, a.file().bytes());
    assertEquals("x.idx", a.file().name());
  }

  @Test
  void anyRankWhenNoneIsRequired() throws Exception {
    Path file = write(dir, "r2", ubyte(new int[] {6, 5}, body()));
    assertEquals(2, IdxReader.read(file).rank());
  }

  @Test
  void contentDecidesCompressionNotTheName() throws Exception {
    byte[] raw = ubyte(DIMS, body());
    Path rawWithGzName = write(dir, "raw.gz", raw);
    Path gzWithRawName = write(dir, "gz-ubyte", gzip(raw));
    assertArrayEquals(body(), IdxReader.read(rawWithGzName, 3).toByteArray());
    assertArrayEquals(body(), IdxReader.read(gzWithRawName, 3).toByteArray());
  }

  @Test
  void badMagic() throws Exception {
    byte[] b = ubyte(DIMS, body());
    b[1] = 1;
    IdxFormatException e = fails("magic.idx", b, 3, "bad magic");
    assertEquals(0, e.offset());
  }

  @Test
  void unsupportedTypeByte() throws Exception {
    IdxFormatException e = fails("float.idx", idx(0x0D, DIMS, body()), 3, "unsupported type");
    assertEquals(2, e.offset());
    assertTrue(e.found().contains("0x0d"), e.found());
  }

  @Test
  void wrongNumberOfDimensions() throws Exception {
    fails("labels-as-images", ubyte(new int[] {30}, body()), 3, "wrong number of dimensions");
    fails("rank-zero", idx(0x08, new int[0], new byte[0]), 0, "wrong number of dimensions");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void nonPositiveDimension(int size) throws Exception {
    IdxFormatException e = fails("dim.idx", ubyte(new int[] {3, size, 5}, body()), 3, "bad dimension");
    assertEquals(8, e.offset());
  }

  @Test
  void hugeShapesAreRejectedBeforeAllocating() throws Exception {
    int max = Integer.MAX_VALUE;
    fails("huge3", ubyte(new int[] {max, max, max}, body()), 3, "too large");
    // 255 dimensions of 2^31 - 1 overflow a long many times over.
    int[] many = new int[255];
    Arrays.fill(many, max);
    fails("huge255", ubyte(many, body()), 0, "too large");
    // Within the bound, but the file is short: truncated, without allocating 2 GB first.
    fails("claims2g", ubyte(new int[] {2_000_000_000}, body()), 1, "truncated");
  }

  @Test
  void tooLittleData() throws Exception {
    byte[] b = ubyte(DIMS, Arrays.copyOf(body(), 21));
    IdxFormatException e = fails("short.idx", b, 3, "truncated");
    assertEquals(16 + 21, e.offset());
    assertTrue(e.getMessage().contains("expected 30 data bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("found 21"), e.getMessage());
  }

  @Test
  void tooMuchData() throws Exception {
    byte[] b = ubyte(DIMS, Arrays.copyOf(body(), 33));
    IdxFormatException e = fails("long.idx", b, 3, "trailing data");
    assertEquals(16 + 30, e.offset());
    assertTrue(e.found().contains("3 more bytes"), e.found());
    fails("long.idx.gz", gzip(b), 3, "trailing data");
  }

  @Test
  void noDataAtAll() throws Exception {
    fails("empty", new byte[0], 3, "empty file");
    fails("empty-gz", gzip(new byte[0]), 3, "empty file");
    fails("magic-only", Arrays.copyOf(ubyte(DIMS, body()), 4), 3, "truncated");
    fails("half-header", Arrays.copyOf(ubyte(DIMS, body()), 10), 3, "truncated");
    fails("header-only", ubyte(DIMS, new byte[0]), 3, "truncated");
  }

  /**
   * The gzip stream must be the whole file: GZIPInputStream reads a second member as more data and
   * ignores bytes after the trailer that do not start one, so neither was ever refused.
   */
  @ParameterizedTest
  @ValueSource(strings = {"an empty member", "a member", "garbage", "zeros"})
  void bytesAfterTheGzipStreamAreRefused(String what) throws Exception {
    byte[] gz = gzip(ubyte(DIMS, body()));
    byte[] after = switch (what) {
      case "an empty member" -> gzip(new byte[0]);
      case "a member" -> gzip(new byte[] {1, 2, 3});
      case "garbage" -> "not gzip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      default -> new byte[512];
    };
    byte[] both = Arrays.copyOf(gz, gz.length + after.length);
    System.arraycopy(after, 0, both, gz.length, after.length);
    IdxFormatException e = fails("two.gz", both, 3, "after the gzip stream");
    assertTrue(e.found().startsWith(after.length + " more bytes from byte " + gz.length), e.found());
    assertEquals(what.endsWith("member"), e.found().contains("a second gzip member"), e.found());
    assertEquals(16 + 30, e.offset(), "the end of the IDX data");
  }

  @Test
  void truncatedGzip() throws Exception {
    byte[] gz = gzip(ubyte(DIMS, body()));
    fails("cut.gz", Arrays.copyOf(gz, gz.length - 10), 3, "gzip");
    fails("cut-header.gz", Arrays.copyOf(gz, 5), 3, "gzip");
  }

  @Test
  void corruptGzipBody() throws Exception {
    Random random = new Random(7);
    byte[] gz = gzip(ubyte(DIMS, randomBody(random, 2000)));
    gz[gz.length - 6] ^= 0x40; // inside the CRC/size trailer: the data decompresses but does not check
    fails("crc.gz", gz, 0, "gzip");
  }

  private static byte[] randomBody(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void missingFileIsAPlainIoException() {
    Path absent = dir.resolve("absent.idx");
    IOException e = assertThrows(IOException.class, () -> IdxReader.read(absent));
    assertTrue(!(e instanceof IdxFormatException), e.toString());
    assertTrue(Files.notExists(absent));
  }

  @Test
  void rejectsImpossibleRank() {
    assertThrows(IllegalArgumentException.class, () -> IdxReader.read(dir.resolve("x"), 256));
  }
}
