package io.ib.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right to change one run directory: an operating-system lock on its file
 * {@value #FILE}, held from open to close, released by the system if the process dies. A second
 * sweep, resume, analysis or report of the same directory, from this process or another, is refused
 * with a message that names the holder. The file itself stays (removing it would let two processes
 * lock different files of the same name).
 */
public final class RunLock implements AutoCloseable {
  /** Name of the lock file inside a run directory. */
  static final String FILE = RunFiles.LOCK;

  // Directories locked by this process, with what holds them. Checked before the lock file is opened
  // or read: on POSIX systems, closing any other descriptor of the file would release this process's
  // lock on it.
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks a run directory, which must exist.
   *
   * @param purpose what the holder does, shown to whoever is refused (e.g. "ib sweep")
   * @throws IOException if another holder has it (the message names it), or the lock file cannot be
   *     created
   */
  static RunLock acquire(Path directory, String purpose) throws IOException {
    Path key = directory.toRealPath();
    Path file = directory.resolve(FILE);
    String earlier = HELD.putIfAbsent(key, purpose);
    if (earlier != null) {
      throw inUse(directory, earlier + " in this process");
    }
    FileChannel channel = null;
    FileLock lock;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      HELD.remove(key);
      if (channel != null) {
        channel.close();
      }
      throw new IOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      HELD.remove(key);
      channel.close();
      throw inUse(directory, holder(file));
    }
    try {
      // Who holds it, for the message above; informational, so a full disk does not matter here.
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((purpose + " (process " + ProcessHandle.current().pid() + ")\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
    } catch (IOException ignored) {
      // the lock itself is held
    }
    return new RunLock(key, channel, lock);
  }

  private static IOException inUse(Path directory, String holder) {
    return new IOException(directory + " is in use by " + (holder.isEmpty() ? "another ib process"
        : holder) + ": wait for it to finish, or stop it first");
  }

  private static String holder(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      try {
        channel.close();
      } finally {
        HELD.remove(key);
      }
    }
  }
}
