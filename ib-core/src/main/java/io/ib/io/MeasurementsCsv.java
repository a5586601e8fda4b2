package io.ib.io;

import io.ib.info.InformationEstimate;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends measurements to {@code measurements.csv}: one row per (width, seed, measurement, layer,
 * estimator). Information columns are in bits, losses in nats.
 *
 * <p>All rows of one measurement go to the file in a single write and are flushed at once, so a
 * process killed at any moment leaves complete measurements behind (at most a torn last line).
 */
public final class MeasurementsCsv implements AutoCloseable {
  /** The header line (without line break). */
  public static final String HEADER = "width,seed,epoch,step,layer,layer_width,estimator,"
      + "i_xt_bits,i_ty_bits,h_t_bits,n,log2n_bits,h_y_bits,train_loss,test_loss,test_accuracy";

  private final OutputStream out;

  private MeasurementsCsv(OutputStream out) {
    this.out = out;
  }

  /**
   * Creates the file with its header.
   *
   * @throws IOException if it exists already or cannot be written
   */
  public static MeasurementsCsv create(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return new MeasurementsCsv(out);
  }

  /** Opens an existing file (header and rows already there) to append rows. */
  public static MeasurementsCsv append(Path file) throws IOException {
    return new MeasurementsCsv(Files.newOutputStream(file, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE));
  }

  /** Writes and flushes the rows of one measurement. */
  public void append(Measurement m) throws IOException {
    out.write(rows(m).getBytes(StandardCharsets.UTF_8));
    out.flush();
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

  /**
   * Reads a measurements file written by this class. A last line without its line break (a process
   * killed in the middle of a write) is ignored.
   *
   * @throws IOException if the file cannot be read, or its header or a complete row is malformed (the
   *     message names the file and line)
   */
  public static List<MeasurementRow> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<MeasurementRow> rows = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        break; // torn last line
      }
      String line = text.substring(start, end);
      start = end + 1;
      lineNo++;
      if (lineNo == 1) {
        if (!line.equals(HEADER)) {
          throw new IOException(file + ": line 1 is not the measurements header (expected '"
              + HEADER + "')");
        }
        continue;
      }
      rows.add(parse(file, lineNo, line));
    }
    if (lineNo == 0) {
      throw new IOException(file + ": empty file, expected the measurements header");
    }
    return rows;
  }

  private static MeasurementRow parse(Path file, int lineNo, String line) throws IOException {
    List<String> f = Csv.split(line);
    if (f.size() != 16) {
      throw new IOException(file + ": line " + lineNo + " has " + f.size() + " fields, expected 16");
    }
    try {
      return new MeasurementRow(Integer.parseInt(f.get(0)), Long.parseLong(f.get(1)),
          Double.parseDouble(f.get(2)), Integer.parseInt(f.get(3)), f.get(4), integer(f.get(5)),
          f.get(6), real(f.get(7)), real(f.get(8)), real(f.get(9)), integer(f.get(10)),
          real(f.get(11)), real(f.get(12)), real(f.get(13)), real(f.get(14)), real(f.get(15)));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": line " + lineNo + ": " + e.getMessage(), e);
    }
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
