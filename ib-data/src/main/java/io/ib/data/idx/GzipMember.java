package io.ib.data.idx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Exactly one gzip member (RFC 1952: header, deflate data, CRC-32 and size trailer), decompressed,
 * and what follows it counted. {@link java.util.zip.GZIPInputStream} would read a second member as
 * more data and ignore bytes after the trailer that do not start one; a file whose integrity the
 * reader vouches for must be one member and nothing else, so this reads one and stops.
 *
 * <p>Problems in the gzip layer are {@link ZipException}s (bad magic, method or checksum, corrupt
 * deflate data) or {@link EOFException}s (the stored bytes end inside the member).
 */
final class GzipMember extends InputStream {
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;

  private final InputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] buffer;
  /** Bytes of {@link #buffer} given to the inflater last. */
  private int buffered;
  /** Stored bytes after the trailer that were read into {@link #buffer}. */
  private int leftover;
  private boolean ended;
  private boolean followedByMember;

  /**
   * Reads the member's header.
   *
   * @param in the stored bytes, from the first byte of the member
   * @param bufferSize bytes read from {@code in} at a time
   */
  GzipMember(InputStream in, int bufferSize) throws IOException {
    this.in = in;
    this.buffer = new byte[bufferSize];
    readHeader();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          crc.update(b, off, n);
          return n;
        }
        if (inflater.finished()) {
          readTrailer();
          ended = true;
          return -1;
        }
        if (inflater.needsDictionary()) {
          throw new ZipException("the deflate data asks for a preset dictionary");
        }
        if (inflater.needsInput()) {
          buffered = in.read(buffer);
          if (buffered < 0) {
            throw new EOFException("the file ends inside the deflate data");
          }
          inflater.setInput(buffer, 0, buffered);
        }
      }
    } catch (DataFormatException e) {
      throw new ZipException("corrupt deflate data: " + e.getMessage());
    }
  }

  /**
   * After the member's end (a read returned -1): reads the rest of the stored bytes and counts them.
   *
   * @return the number of bytes after the trailer; 0 for a well-formed single-member file
   */
  long trailingBytes() throws IOException {
    if (!ended) {
      throw new IllegalStateException("the member has not been read to its end");
    }
    int[] start = {-1, -1}; // the first two bytes after the trailer, -1 where there are none
    long count = 0;
    for (int i = 0; i < start.length && (start[i] = nextAfter()) >= 0; i++) {
      count++;
    }
    count += leftover;
    leftover = 0;
    count += in.transferTo(OutputStream.nullOutputStream());
    followedByMember = start[0] == 0x1f && start[1] == 0x8b;
    return count;
  }

  /** Whether the bytes after the trailer start like another gzip member (after {@link #trailingBytes}). */
  boolean followedByMember() {
    return followedByMember;
  }

  /** The next stored byte after the trailer, or -1 at the end of the file. */
  private int nextAfter() throws IOException {
    return leftover > 0 ? buffer[buffered - leftover--] & 0xFF : in.read();
  }

  @Override
  public void close() {
    inflater.end();
  }

  private void readHeader() throws IOException {
    CRC32 header = new CRC32();
    if (next(header) != 0x1f || next(header) != 0x8b) {
      throw new ZipException("not in gzip format");
    }
    int method = next(header);
    if (method != 8) {
      throw new ZipException("unsupported compression method " + method + ", expected 8 (deflate)");
    }
    int flags = next(header);
    for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
      next(header);
    }
    if ((flags & FEXTRA) != 0) {
      int length = next(header) | next(header) << 8;
      for (int i = 0; i < length; i++) {
        next(header);
      }
    }
    if ((flags & FNAME) != 0) {
      while (next(header) != 0) {
        // the original file name, zero-terminated
      }
    }
    if ((flags & FCOMMENT) != 0) {
      while (next(header) != 0) {
        // a comment, zero-terminated
      }
    }
    if ((flags & FHCRC) != 0) {
      int expected = (int) header.getValue() & 0xFFFF;
      if ((next(null) | next(null) << 8) != expected) {
        throw new ZipException("corrupt gzip header checksum");
      }
    }
  }

  /** Checks CRC-32 and size (both little-endian) after the deflate data. */
  private void readTrailer() throws IOException {
    leftover = inflater.getRemaining();
    long crc32 = trailerByte() | trailerByte() << 8 | trailerByte() << 16 | (long) trailerByte() << 24;
    long size = trailerByte() | trailerByte() << 8 | trailerByte() << 16 | (long) trailerByte() << 24;
    if (crc32 != crc.getValue()) {
      throw new ZipException(String.format("corrupt gzip trailer: CRC-32 %08x, the data's is %08x",
          crc32, crc.getValue()));
    }
    if (size != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
      throw new ZipException("corrupt gzip trailer: size " + size + " (mod 2^32), the data has "
          + inflater.getBytesWritten() + " bytes");
    }
  }

  /** The next trailer byte: first what the inflater left in the buffer, then from the stream. */
  private int trailerByte() throws IOException {
    if (leftover > 0) {
      return buffer[buffered - leftover--] & 0xFF;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the file ends inside the gzip trailer");
    }
    return b;
  }

  private int next(CRC32 header) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the file ends inside the gzip header");
    }
    if (header != null) {
      header.update(b);
    }
    return b;
  }
}
