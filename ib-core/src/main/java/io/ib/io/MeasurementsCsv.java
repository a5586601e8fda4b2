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

  @Override
  public void close() throws IOException {
    out.close();
  }
}
