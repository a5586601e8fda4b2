package io.ib.data.idx;

import io.ib.data.DataFile;
import io.ib.data.files.DataFiles;
import io.ib.data.files.ReadFailures;
import io.ib.data.files.Sha256;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes, raw or gzipped, and checks them completely.
 *
 * <p>Format (<a href="http://yann.lecun.com/exdb/mnist/">yann.lecun.com/exdb/mnist</a>): two zero
 * bytes; a type byte (only {@code 0x08}, unsigned byte, is supported); a byte with the number of
 * dimensions r; r big-endian int32 dimension sizes; then exactly the product of the sizes in data bytes,
 * row-major. Gzip is recognised by content (the bytes {@code 0x1f 0x8b}), never by file name; a
 * gzipped file is exactly one gzip member, its CRC-32 and size checked, and nothing after it.
 *
 * <p>Every malformed input ends in an {@link IdxFormatException}: bad magic, unsupported type, wrong
 * or zero number of dimensions, a dimension &lt;= 0, more than {@link #MAX_ELEMENTS} values, too little
 * data, trailing bytes (after the data, or after the gzip trailer: a second gzip member or anything
 * else), or a corrupt gzip stream. Data is read in chunks as it arrives, so a header that
 * claims a huge size on a short file fails as truncated without allocating the claimed size.
 */
public final class IdxReader {
  /** Largest number of values accepted: the largest Java byte array. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private static final int UNSIGNED_BYTE = 0x08;
  private static final int BUFFER = 1 << 16;
  /** First allocation for the data; it doubles as data arrives, up to the size in the header. */
  private static final long INITIAL_CHUNK = 1 << 16;

  private IdxReader() {}

  /**
   * Reads an IDX file with any number of dimensions.
   *
   * @see #read(Path, int)
   */
  public static IdxArray read(Path file) throws IOException {
    return read(file, 0);
  }

  /**
   * Reads an IDX file and computes the SHA-256 of its bytes as stored, in the same pass.
   *
   * @param file a raw or gzipped IDX file
   * @param expectedRank required number of dimensions (1 for labels, 3 for images), or 0 for any
   * @return the shape, values and file identity
   * @throws IdxFormatException if the file is not a complete, well-formed IDX file of that rank
   * @throws IOException if the file cannot be read or is not a regular file (a named pipe, ...);
   *     the message is one line naming the file and the cause, e.g. {@code permission denied}
   * @throws IllegalArgumentException if {@code expectedRank} is outside [0, 255]
   */
  public static IdxArray read(Path file, int expectedRank) throws IOException {
    if (expectedRank < 0 || expectedRank > 255) {
      throw new IllegalArgumentException("expectedRank must be in [0, 255], got " + expectedRank);
    }
    DataFiles.requireRegularFile(file);
    try {
      return readChecked(file, expectedRank);
    } catch (IdxFormatException e) {
      throw e; // names the file already
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
  }

  private static IdxArray readChecked(Path file, int expectedRank) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    try (CountingStream stored = new CountingStream(new DigestInputStream(Files.newInputStream(file), sha))) {
      BufferedInputStream buffered = new BufferedInputStream(stored, BUFFER);
      CountingStream in = new CountingStream(buffered);
      GzipMember gzip = null;
      Parsed parsed;
      try {
        if (isGzip(buffered)) {
          gzip = new GzipMember(buffered, BUFFER);
          in = new CountingStream(gzip);
        }
        parsed = parse(file, in, expectedRank);
      } catch (ZipException | EOFException e) {
        // Corruption inside the gzip layer: a format problem, not an I/O failure.
        throw new IdxFormatException(file, in.count(), "corrupt gzip stream",
            "a complete, valid gzip stream", String.valueOf(e.getMessage()), e);
      } finally {
        if (gzip != null) {
          gzip.close();
        }
      }
      if (gzip != null) {
        long trailing = gzip.trailingBytes();
        if (trailing > 0) {
          throw new IdxFormatException(file, in.count(), "trailing bytes after the gzip stream",
              "end of file after the gzip trailer", trailing + " more bytes from byte "
              + (stored.count() - trailing) + " of the file"
              + (gzip.followedByMember() ? ", a second gzip member" : ""));
        }
      }
      DataFile identity = new DataFile(file.getFileName().toString(),
          Sha256.hex(sha), stored.count());
      return new IdxArray(file, parsed.shape(), parsed.data(), identity);
    }
  }

  private record Parsed(int[] shape, byte[] data) {}

  /** Parses and checks header and data from the decompressed stream. */
  private static Parsed parse(Path file, CountingStream in, int expectedRank) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length == 0) {
      throw new IdxFormatException(file, 0, "empty file", "a 4-byte IDX magic number", "no bytes");
    }
    if (magic.length < 4) {
      throw new IdxFormatException(file, magic.length, "truncated", "a 4-byte IDX magic number",
          magic.length + " bytes");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(file, 0, "bad magic", "0x00 0x00 (IDX)",
          String.format("0x%02x 0x%02x", magic[0] & 0xFF, magic[1] & 0xFF));
    }
    int type = magic[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(file, 2, "unsupported type", "0x08 (unsigned byte)",
          String.format("0x%02x (%s)", type, typeName(type)));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0 || (expectedRank != 0 && rank != expectedRank)) {
      throw new IdxFormatException(file, 3, "wrong number of dimensions",
          expectedRank == 0 ? "at least 1" : String.valueOf(expectedRank), String.valueOf(rank));
    }
    int headerBytes = 4 + 4 * rank;
    byte[] dims = in.readNBytes(4 * rank);
    if (dims.length < 4 * rank) {
      throw new IdxFormatException(file, in.count(), "truncated",
          rank + " dimension sizes (" + 4 * rank + " bytes) after the magic number", dims.length + " bytes");
    }
    int[] shape = new int[rank];
    ByteBuffer header = ByteBuffer.wrap(dims); // big-endian, as IDX
    for (int i = 0; i < rank; i++) {
      shape[i] = header.getInt();
      if (shape[i] <= 0) {
        throw new IdxFormatException(file, 4 + 4L * i, "bad dimension",
            "size of dimension " + (i + 1) + " of " + rank + " > 0", String.valueOf(shape[i]));
      }
    }
    long count = 1;
    for (int size : shape) {
      // Each size is >= 1, so the product only grows: stopping at the bound avoids long overflow.
      if (count > MAX_ELEMENTS / size) {
        throw new IdxFormatException(file, 4, "too large", "at most " + MAX_ELEMENTS + " values",
            "shape " + describe(shape));
      }
      count *= size;
    }
    // Start small and double: memory follows the data actually present, not the header's claim.
    byte[] data = new byte[(int) Math.min(count, INITIAL_CHUNK)];
    int got = in.readNBytes(data, 0, data.length);
    while (got == data.length && got < count) {
      data = Arrays.copyOf(data, (int) Math.min(count, 2L * data.length));
      got += in.readNBytes(data, got, data.length - got);
    }
    if (got < count) {
      throw new IdxFormatException(file, in.count(), "truncated", count + " data bytes ("
          + describe(shape) + ") after the " + headerBytes + "-byte header", String.valueOf(got));
    }
    long trailing = in.transferTo(OutputStream.nullOutputStream());
    if (trailing > 0) {
      throw new IdxFormatException(file, headerBytes + count, "trailing data", "end of file after "
          + count + " data bytes (" + describe(shape) + ")", trailing + " more bytes");
    }
    return new Parsed(shape, data);
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  private static String describe(int[] shape) {
    return Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining(" x "));
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "not an IDX type";
    };
  }

  /** Counts the bytes read through it, for error offsets and file sizes. */
  private static final class CountingStream extends FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false; // a reset would make the count wrong
    }
  }
}
