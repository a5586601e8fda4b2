package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code measurements.csv}: one row per (width, seed, measurement, layer, estimator). Information
 * columns are in bits, losses in nats.
 *
 * <p>All rows of one measurement go to the file in a single write, so a process killed at any moment
 * leaves complete measurements behind and at most a torn last line, which readers ignore. After a
 * failed write (a full disk) the file is cut back to its last complete measurement and no further
 * rows are accepted.
 */
final class MeasurementsCsv implements AutoCloseable {
  /** The header line (without line break). */
  static final String HEADER = "width,seed,epoch,step,layer,layer_width,estimator,"
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
  static MeasurementsCsv create(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists already");
    }
    Disk.writeAtomically(file, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    return append(file);
  }

  /** Opens an existing file (header and rows already there) to append rows. */
  static MeasurementsCsv append(Path file) throws IOException {
    return new MeasurementsCsv(Disk.appender(file));
  }

  /** Writes the rows of one measurement in one write. */
  void append(Measurement m) throws IOException {
    out.append(rows(m).getBytes(StandardCharsets.UTF_8));
  }

  /** The number of rows {@link #rows} writes for a measurement. */
  static int rowCount(Measurement m) {
    return Math.max(1, m.estimates().size());
  }

  /** The CSV lines of one measurement, each ending in a line break. */
  static String rows(Measurement m) {
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
          .append(Csv.field(le.layer().toString())).append(',')
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
  static List<MeasurementRow> read(Path file) throws IOException {
    return read(file, file);
  }

  /** As {@link #read(Path)}, naming {@code name} in messages (the file read may be its next version). */
  static List<MeasurementRow> read(Path file, Path name) throws IOException {
    long bytes = Files.size(file);
    // A row takes about 200 bytes of heap once parsed, against about 150 in the file.
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap / 3) {
      throw new IOException(name + " has " + (bytes >> 20) + " MB, too large to read into the "
          + (heap >> 20) + " MB of memory this JVM may use");
    }
    List<MeasurementRow> rows = new ArrayList<>();
    scan(file, name, (lineNumber, line, row) -> rows.add(row));
    return rows;
  }

  /**
   * Streams the complete rows of a file to a visitor, checking each. Lines end in a line feed only:
   * a carriage return anywhere (a file converted to CRLF line ends, say) marks the file as edited.
   *
   * @param name the file to name in messages (the file read may be its journaled next version)
   * @throws DamagedFileException if the file is empty, its header is wrong or a complete row is
   *     malformed (naming the line)
   */
  static void scan(Path file, Path name, RowVisitor visitor) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Lines lines = new Lines(reader);
      String header = lines.next();
      if (header == null) {
        throw new DamagedFileException(name, "it is empty; expected the measurements header");
      }
      if (!header.equals(HEADER) || !lines.lastEnded()) {
        throw new DamagedFileException(name, header.equals(HEADER + "\r")
            ? "line 1 ends with a carriage return: the file was converted to CRLF line ends or"
                + " edited, and ib reads only the files it wrote"
            : "line 1 is not the measurements header '" + HEADER + "'");
      }
      int lineNumber = 1;
      for (String line = lines.next(); line != null; line = lines.next()) {
        lineNumber++;
        if (!lines.lastEnded()) {
          break; // a torn last line
        }
        if (line.indexOf('\r') >= 0) {
          throw new DamagedFileException(name, "line " + lineNumber + " holds a carriage return:"
              + " the file was converted to CRLF line ends or edited, and ib reads only the files"
              + " it wrote");
        }
        visitor.row(lineNumber, line, parse(name, lineNumber, line));
      }
    }
  }

  static void scan(Path file, RowVisitor visitor) throws IOException {
    scan(file, file, visitor);
  }

  /**
   * The rows of a run's rows without a header (a committed cell's), every line complete.
   *
   * @param name the file they come from, for messages
   * @throws DamagedFileException if a line is malformed or incomplete
   */
  static List<MeasurementRow> parseRows(byte[] bytes, Path name) throws IOException {
    List<MeasurementRow> rows = new ArrayList<>();
    Lines lines = new Lines(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8));
    int lineNumber = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      lineNumber++;
      if (!lines.lastEnded() || line.indexOf('\r') >= 0) {
        throw new DamagedFileException(name, "line " + lineNumber + " is not a complete line of"
            + " measurements");
      }
      rows.add(parse(name, lineNumber, line));
    }
    return rows;
  }

  /** Lines split at line feeds only (a carriage return stays in the line, to be refused). */
  private static final class Lines {
    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean ended;

    Lines(Reader reader) {
      this.reader = reader;
    }

    /** The next line without its line feed, or null at the end of the file. */
    String next() throws IOException {
      StringBuilder line = null;
      while (true) {
        if (position == limit) {
          limit = reader.read(buffer);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            ended = false;
            return line == null ? null : line.toString();
          }
        }
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        if (line == null) {
          line = new StringBuilder();
        }
        line.append(buffer, start, position - start);
        if (position < limit) {
          position++; // the line feed
          ended = true;
          return line.toString();
        }
      }
    }

    /** Whether the line {@link #next} returned last ended in a line feed. */
    boolean lastEnded() {
      return ended;
    }
  }

  private static MeasurementRow parse(Path file, int lineNo, String line) throws IOException {
    List<String> f = Csv.split(line);
    if (f.size() != FIELDS) {
      throw new DamagedFileException(file, "line " + lineNo + " has " + f.size() + " fields,"
          + " expected " + FIELDS);
    }
    try {
      int width = Integer.parseInt(f.get(0));
      int step = Integer.parseInt(f.get(3));
      if (width < 1 || step < 0) {
        throw new IllegalArgumentException("a width or step out of range");
      }
      Cell cell = new Cell(width, Long.parseLong(f.get(1)));
      Optional<LayerEstimate> estimate = Optional.empty();
      if (!f.get(6).isEmpty()) {
        int n = Integer.parseInt(f.get(10));
        InformationEstimate e = new InformationEstimate(EstimatorSpec.parse(f.get(6)), real(f.get(7)),
            real(f.get(8)), real(f.get(9)), n, real(f.get(12)));
        if (!Csv.number(e.log2nBits()).equals(f.get(11))) {
          throw new IllegalArgumentException("log2n_bits " + f.get(11) + " is not log2 of n = " + n);
        }
        int layerWidth = Integer.parseInt(f.get(5));
        if (layerWidth < 1) {
          throw new IllegalArgumentException("layer width " + layerWidth);
        }
        estimate = Optional.of(new LayerEstimate(Layer.parse(f.get(4)), layerWidth, e));
      } else if (!String.join("", f.subList(4, 13)).isEmpty()) {
        throw new IllegalArgumentException("it has layer or information values but no estimator");
      }
      return new MeasurementRow(cell, step, Double.parseDouble(f.get(2)), estimate,
          real(f.get(13)), real(f.get(14)), real(f.get(15)));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      throw new DamagedFileException(file, "line " + lineNo + ": " + e.getMessage());
    }
  }

  private static double real(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
