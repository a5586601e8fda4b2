package io.ib.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every change the run directory makes to the file system, in one place: writes, appends, renames,
 * deletions. Reads do not go through here.
 *
 * <p>It is also the seam through which this package's tests stop a run at any one of these
 * operations, as a kill or a full disk would, to check that what is left can be resumed to the
 * bytes of an uninterrupted run. In production no fault is ever set.
 */
final class Disk {
  /** What a test makes the file system do from the {@code at}-th operation on (1-based). */
  enum Fault {
    /** The process dies: that write is half done, that rename or deletion not done, nothing after. */
    CRASH,
    /** The disk is full: that write is half done, writes fail from then on; renames still work. */
    FULL
  }

  /** A simulated kill: an Error, so that no failure handling can write anything after it. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash");
    }
  }

  private static Fault fault;
  private static int faultAt;
  private static int operations;
  private static boolean tripped;

  private Disk() {}

  /** Test seam: makes the {@code at}-th operation from now (1-based) and the later ones fail. */
  static synchronized void inject(Fault kind, int at) {
    fault = kind;
    faultAt = at;
    operations = 0;
    tripped = false;
  }

  /** Test seam: no faults from now on; returns the operations counted since the last inject. */
  static synchronized int clear() {
    int count = operations;
    fault = null;
    tripped = false;
    operations = 0;
    return count;
  }

  /**
   * Counts a write of {@code length} bytes: returns how many of them to write, and after writing
   * those, {@link #afterPartialWrite} throws.
   */
  private static synchronized int beforeWrite(int length) {
    operations++;
    if (fault == null) {
      return length;
    }
    if (tripped) {
      if (fault == Fault.CRASH) {
        throw new SimulatedCrash();
      }
      return 0;
    }
    if (operations >= faultAt) {
      tripped = true;
      return length / 2;
    }
    return length;
  }

  private static void afterPartialWrite() throws IOException {
    if (fault == Fault.CRASH) {
      throw new SimulatedCrash();
    }
    throw new IOException("No space left on device");
  }

  /** Counts a rename, deletion or directory creation; throws if a crash has happened or happens now. */
  private static synchronized void beforeMetadata() {
    operations++;
    if (fault == Fault.CRASH && (tripped || operations >= faultAt)) {
      tripped = true;
      throw new SimulatedCrash();
    }
  }

  /** Writes a new file or replaces one, not atomically (see {@link #writeAtomically}). */
  static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      writeFully(ch, ByteBuffer.wrap(bytes));
    }
  }

  /**
   * Replaces a file in one step: the bytes go to {@code file.tmp}, which is then renamed over it, so
   * readers (and a later run after a crash) see the old content or the new, never a mix.
   */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    write(tmp, bytes);
    move(tmp, file);
  }

  /** Renames, replacing the target, atomically. */
  static void move(Path from, Path to) throws IOException {
    beforeMetadata();
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes a file or an empty directory if it exists. */
  static void deleteIfExists(Path path) throws IOException {
    beforeMetadata();
    Files.deleteIfExists(path);
  }

  /** Creates a directory and its parents if needed. */
  static void createDirectories(Path dir) throws IOException {
    beforeMetadata();
    Files.createDirectories(dir);
  }

  /** Opens a file for appending (creating it empty if absent). */
  static Appender appender(Path file) throws IOException {
    return new Appender(file, FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE));
  }

  private static void writeFully(FileChannel ch, ByteBuffer data) throws IOException {
    int wanted = data.remaining();
    int allowed = beforeWrite(wanted);
    if (allowed < wanted) {
      data.limit(data.position() + allowed);
      while (data.hasRemaining()) {
        ch.write(data);
      }
      afterPartialWrite();
    }
    while (data.hasRemaining()) {
      ch.write(data);
    }
  }

  /**
   * Appends records to a file, each in one write. After a failed write it cuts the file back to its
   * last complete record and refuses further records, so a later record can never be glued to a
   * torn one.
   */
  static final class Appender implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long committed;
    private IOException broken;

    private Appender(Path file, FileChannel channel) throws IOException {
      this.file = file;
      this.channel = channel;
      this.committed = channel.size();
      channel.position(committed);
    }

    /** Appends one record (it should end with a line break). */
    synchronized void append(byte[] record) throws IOException {
      if (broken != null) {
        throw new IOException("cannot write to " + file + " after an earlier failure: "
            + broken.getMessage(), broken);
      }
      try {
        writeFully(channel, ByteBuffer.wrap(record));
        committed += record.length;
      } catch (IOException e) {
        broken = e;
        try {
          beforeMetadata();
          channel.truncate(committed);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed); // a later resume drops the torn tail instead
        }
        throw e;
      }
    }

    @Override
    public synchronized void close() throws IOException {
      channel.close();
    }
  }
}
