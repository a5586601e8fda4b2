package io.ib.run;

import io.ib.info.InformationEstimate;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code measurements.csv}: one row per (width, seed, measurement, layer, estimator). Information
 * columns are in bits, losses in nats.
 *
 * <p>All rows of one measurement go to the file in a single write, so a process killed at any moment
 * leaves complete measurements behind and at most a torn last line, which readers ignore. After a
 * failed write (a full disk) the file is cut back to its last complete measurement and no further
 * rows are accepted.
 */
public final class MeasurementsCsv implements AutoCloseable {
  /** The header line (without line break). */
  public static final String HEADER = "width,seed,epoch,step,layer,layer_width,estimator,"
      + "i_xt_bits,i_ty_bits,h_t_bits,n,log2n_bits,h_y_bits,train_loss,test_loss,test_accuracy";
  /** Number of fields per row. */
  static final int FIELDS = 16;

  private final Disk.Appender out;

  private MeasurementsCsv(Disk.Appender out) {
    this.out = out;
  }

  /**
   * Creates the file with its header.
   *
   * @throws IOException if it exists already or cannot be written
   */
  public static MeasurementsCsv create(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists already");
    }
    Disk.writeAtomically(file, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    return append(file);
  }

  /** Opens an existing file (header and rows already there) to append rows. */
  public static MeasurementsCsv append(Path file) throws IOException {
    return new MeasurementsCsv(Disk.appender(file));
  }

  /** Writes the rows of one measurement in one write. */
  public void append(Measurement m) throws IOException {
    out.append(rows(m).getBytes(StandardCharsets.UTF_8));
  }

  /** The number of rows {@link #rows} writes for a measurement. */
  public static int rowCount(Measurement m) {
    return Math.max(1, m.estimates().size());
  }

  /** The CSV lines of one measurement, each ending in a line break. */
  public static String rows(Measurement m) {
    StringBuilder sb = new StringBuilder();
    if (m.estimates().isEmpty()) {
      // No estimators configured: keep the losses and accuracy, leave the information columns empty.
      return sb.append(m.cell().width()).append(',').append(m.cell().seed()).append(',')
          .append(Csv.rounded(m.epoch(), 6)).append(',').append(m.step()).append(",,,,,,,,,,")
          .append(Csv.number(m.trainLoss())).append(',').append(Csv.number(m.testLoss())).append(',')
          .append(Csv.number(m.testAccuracy())).append('\n').toString();
    }
    for (LayerEstimate le : m.estimates()) {
      InformationEstimate e = le.estimate();
      sb.append(m.cell().width()).append(',')
          .append(m.cell().seed()).append(',')
          .append(Csv.rounded(m.epoch(), 6)).append(',')
          .append(m.step()).append(',')
          .append(Csv.field(le.layer())).append(',')
          .append(le.layerWidth()).append(',')
          .append(Csv.field(e.estimator().toString())).append(',')
          .append(Csv.number(e.ixtBits())).append(',')
          .append(Csv.number(e.ityBits())).append(',')
          .append(Csv.number(e.htBits())).append(',')
          .append(e.n()).append(',')
          .append(Csv.number(e.log2nBits())).append(',')
          .append(Csv.number(e.hyBits())).append(',')
          .append(Csv.number(m.trainLoss())).append(',')
          .append(Csv.number(m.testLoss())).append(',')
          .append(Csv.number(m.testAccuracy())).append('\n');
    }
    return sb.toString();
  }

  /** Receives each complete row of a file: its 1-based line number, its text and its values. */
  interface RowVisitor {
    void row(int lineNumber, String line, MeasurementRow row) throws IOException;
  }

  /**
   * Reads a measurements file written by this class. A last line without its line break (a process
   * killed in the middle of a write) is ignored.
   *
   * @throws DamagedFileException if the header or a complete row is malformed (naming the line)
   * @throws IOException if the file cannot be read, or is too large for the memory available
   */
  public static List<MeasurementRow> read(Path file) throws IOException {
    long bytes = Files.size(file);
    // A row takes about 200 bytes of heap once parsed, against about 150 in the file.
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap / 3) {
      throw new IOException(file + " has " + (bytes >> 20) + " MB, too large to read into the "
          + (heap >> 20) + " MB of memory this JVM may use");
    }
    List<MeasurementRow> rows = new ArrayList<>();
    scan(file, (lineNumber, line, row) -> rows.add(row));
    return rows;
  }

  /**
   * Streams the complete rows of a file to a visitor, checking each.
   *
   * @throws DamagedFileException if the file is empty, its header is wrong or a complete row is
   *     malformed (naming the line)
   */
  static void scan(Path file, RowVisitor visitor) throws IOException {
    boolean endsWithBreak = endsWithLineBreak(file);
    try (InputStream in = Files.newInputStream(file);
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String header = reader.readLine();
      if (header == null) {
        throw new DamagedFileException(file, "it is empty; expected the measurements header");
      }
      String next = reader.readLine();
      if (!header.equals(HEADER) || (next == null && !endsWithBreak)) {
        throw new DamagedFileException(file, "line 1 is not the measurements header '" + HEADER
            + "'");
      }
      int lineNumber = 1;
      while (next != null) {
        String line = next;
        next = reader.readLine();
        lineNumber++;
        if (next == null && !endsWithBreak) {
          break; // a torn last line
        }
        visitor.row(lineNumber, line, parse(file, lineNumber, line));
      }
    }
  }

  private static boolean endsWithLineBreak(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length == 0) {
        return false;
      }
      raf.seek(length - 1);
      return raf.read() == '\n';
    }
  }

  private static MeasurementRow parse(Path file, int lineNo, String line) throws IOException {
    List<String> f = Csv.split(line);
    if (f.size() != FIELDS) {
      throw new DamagedFileException(file, "line " + lineNo + " has " + f.size() + " fields,"
          + " expected " + FIELDS);
    }
    MeasurementRow row;
    try {
      row = new MeasurementRow(Integer.parseInt(f.get(0)), Long.parseLong(f.get(1)),
          Double.parseDouble(f.get(2)), Integer.parseInt(f.get(3)), f.get(4), integer(f.get(5)),
          f.get(6), real(f.get(7)), real(f.get(8)), real(f.get(9)), integer(f.get(10)),
          real(f.get(11)), real(f.get(12)), real(f.get(13)), real(f.get(14)), real(f.get(15)));
    } catch (NumberFormatException e) {
      throw new DamagedFileException(file, "line " + lineNo + ": " + e.getMessage());
    }
    if (row.width() < 1 || row.step() < 0 || row.layerWidth() < 0 || row.n() < 0) {
      throw new DamagedFileException(file, "line " + lineNo + " has a width, step, layer width or"
          + " sample count out of range: " + line);
    }
    return row;
  }

  private static double real(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static int integer(String s) {
    return s.isEmpty() ? 0 : Integer.parseInt(s);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
