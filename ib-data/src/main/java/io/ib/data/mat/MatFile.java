package io.ib.data.mat;

import io.ib.data.DataFile;
import io.ib.data.files.DataFiles;
import io.ib.data.files.ReadFailures;
import io.ib.data.files.Sha256;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the real 2-D numeric and logical matrices of a MATLAB level-5 MAT-file (what MATLAB's
 * {@code save} writes with {@code -v6} or {@code -v7}, its default format unless a preference selects
 * {@code -v7.3}; also what {@code scipy.io.savemat} and GNU Octave's {@code save -mat} write), and
 * refuses everything else in one line.
 *
 * <p>Format (MathWorks, "MAT-File Format", level 5):
 * <ul>
 *   <li>a 128-byte header: 116 bytes of text, 8 bytes of subsystem offset (ignored), the version
 *       {@code 0x0100} and the endian indicator: the bytes {@code 'I' 'M'} for a little-endian file,
 *       {@code 'M' 'I'} for a big-endian one. Version {@code 0x0200} is MATLAB v7.3, an HDF5 file:
 *       refused with that explanation, as are level-4 files (no header).</li>
 *   <li>then data elements, one per variable: an {@code miMATRIX} (type 14) element, or an
 *       {@code miCOMPRESSED} (type 15) element whose zlib stream inflates to exactly one
 *       {@code miMATRIX} element. Each element has an 8-byte tag (type and byte count as uint32 in
 *       the file's byte order), or a 4-byte "small data element" tag (byte count in the upper 16
 *       bits, type in the lower 16) with up to 4 bytes of data; uncompressed elements are padded to
 *       a multiple of 8 bytes.</li>
 *   <li>inside {@code miMATRIX}: array flags ({@code miUINT32} x 2: class in the low byte, logical
 *       flag {@code 0x200}, complex flag {@code 0x800}), dimensions ({@code miINT32}), the name
 *       ({@code miINT8}), and the real part in any numeric storage type; MATLAB narrows the storage
 *       type when values fit (a {@code double} variable of small integers is stored as
 *       {@code miUINT8}), and the class, not the storage type, is what {@link MatMatrix#arrayClass()}
 *       reports. Values are column-major in the file and row-major in {@link MatMatrix}.</li>
 * </ul>
 *
 * <p>Supported: classes {@code double}, {@code single}, {@code int8} to {@code uint64} and
 * {@code logical}, with exactly 2 dimensions (MATLAB never stores fewer; empty matrices, with a
 * dimension 0, are read). Refused when asked for by {@link #matrix}, in one line naming the file and
 * the variable: complex, sparse, cell, struct, char, object and function-handle arrays, and arrays of 3
 * or more dimensions. Refused when the file is read: truncated or corrupt data (zlib errors, sizes
 * that do not add up, unknown element types), two variables with one name, files over
 * {@value #MAX_BYTES} bytes. Every such problem is a {@link MatFormatException}; an unreadable file
 * (or a named pipe, which is not a regular file) an {@link IOException} naming the file and the cause.
 * Nameless top-level arrays (MATLAB's subsystem data for objects) are skipped.
 *
 * <p>Memory: the whole file is read into memory once, which also gives its SHA-256 ({@link #file()}).
 * A compressed variable is inflated no further than the size its tags and dimensions declare: one
 * whose zlib stream goes on (zeros deflate about 1000 to 1, so 2 MB can inflate to 2 GB) is refused
 * as soon as it passes that size, and a declared size that no Java array or heap can hold (the
 * inflated element, plus 8 bytes per value for the doubles of {@link MatMatrix}) is refused before
 * anything is allocated, in one line naming the variable and the sizes.
 */
public final class MatFile {
  /** The largest file read: the largest Java array. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private final Path path;
  private final DataFile file;
  private final String headerText;
  private final ByteOrder byteOrder;
  private final Map<String, MatEntry> variables;

  MatFile(Path path, DataFile file, String headerText, ByteOrder byteOrder,
      Map<String, MatEntry> variables) {
    this.path = path;
    this.file = file;
    this.headerText = headerText;
    this.byteOrder = byteOrder;
    this.variables = variables;
  }

  /**
   * Reads a MAT-file and every variable in it.
   *
   * @param file a level-5 MAT-file
   * @return the file's variables
   * @throws MatFormatException if the file is not a well-formed level-5 MAT-file (see the class
   *     comment)
   * @throws IOException if the file cannot be read or is not a regular file (a named pipe, ...); the
   *     message is one line naming the file and the cause, e.g. {@code permission denied}
   */
  public static MatFile read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads a MAT-file, converting only the named variables (the others are listed by {@link #names()};
   * their headers are checked, their values neither checked nor kept).
   *
   * @param file a level-5 MAT-file
   * @param variables the names of the variables to read, or null for all
   * @throws MatFormatException as {@link #read(Path)}
   * @throws IOException as {@link #read(Path)}
   */
  public static MatFile read(Path file, Collection<String> variables) throws IOException {
    Objects.requireNonNull(file, "file");
    Set<String> wanted = variables == null ? null : new HashSet<>(variables);
    DataFiles.requireRegularFile(file);
    byte[] bytes;
    long size;
    try {
      size = Files.size(file);
      bytes = size > MAX_BYTES ? null : Files.readAllBytes(file);
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
    if (bytes == null) {
      throw new MatFormatException(file, null, -1, "the file has " + size + " bytes; at most "
          + MAX_BYTES + " can be read");
    }
    DataFile identity = new DataFile(file.getFileName().toString(), Sha256.of(bytes), bytes.length);
    MatParser.Parsed parsed = new MatParser(file, bytes).parse(wanted);
    return new MatFile(file, identity, parsed.headerText(), parsed.order(), parsed.variables());
  }

  /** The path the file was read from. */
  public Path path() {
    return path;
  }

  /** Name, SHA-256 and size of the file. */
  public DataFile file() {
    return file;
  }

  /** The header's descriptive text, without trailing blanks, e.g. {@code MATLAB 5.0 MAT-file, ...}. */
  public String headerText() {
    return headerText;
  }

  /** The file's byte order, from its endian indicator. */
  public ByteOrder byteOrder() {
    return byteOrder;
  }

  /** The names of all named variables, in file order, whether or not they can be read as matrices. */
  public List<String> names() {
    return List.copyOf(variables.keySet());
  }

  /**
   * One variable as a real 2-D matrix.
   *
   * @param name the variable's name (case-sensitive, as in MATLAB)
   * @return its values
   * @throws MatFormatException if there is no such variable (the message lists those there are), or
   *     it is not a real 2-D numeric or logical matrix (the message says what it is)
   * @throws IllegalArgumentException if the file was read with a list of variables that lacks
   *     {@code name}
   */
  public MatMatrix matrix(String name) throws MatFormatException {
    Objects.requireNonNull(name, "name");
    MatEntry entry = variables.get(name);
    if (entry == null) {
      throw new MatFormatException(path, name, -1, "no such variable; the file holds "
          + (variables.isEmpty() ? "no variables" : String.join(", ", variables.keySet())));
    }
    if (entry.problem() != null) {
      throw new MatFormatException(path, name, entry.offset(), entry.problem());
    }
    if (entry.matrix() == null) {
      throw new IllegalArgumentException("variable '" + name + "' of " + path.getFileName()
          + " was not among the variables asked for when the file was read");
    }
    return entry.matrix();
  }
}
