package io.ib.mnist;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.idx.IdxFormatException;
import io.ib.data.idx.PublishedMnist;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MNIST handwritten digits, or any dataset in its layout (Fashion-MNIST, KMNIST, ...), read from a
 * directory holding the four standard IDX files ({@link IdxDirectory#FILE_NAMES}).
 *
 * <p>Result: a {@link Dataset}; train 60,000 and test 10,000 samples for the original files;
 * features float32, shape n x {@value #FEATURES} (the 28 rows of each 28 x 28 image concatenated,
 * top row first), pixel value / 255 in [0, 1]; labels 0..9, {@value #CLASSES} classes; {@code files}
 * holds the name, SHA-256 and size of each file as stored. Its name is {@value PublishedMnist#NAME}
 * only when all four files are the published MNIST files ({@link PublishedMnist#SHA256}); otherwise
 * it is derived from the directory ({@link IdxDirectory#derivedName}), or given by the caller
 * ({@link #load(Path, String)}). The reading itself is {@link IdxDirectory}'s, which reads any image
 * size and number of classes; this class adds what MNIST promises: its {@link #LAYOUT}, and a warning
 * when a standard file is not the published one.
 */
public final class Mnist {
  private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);

  /** Image height and width in pixels. */
  public static final int SIDE = 28;
  /** Features per sample, 28 * 28. */
  public static final int FEATURES = SIDE * SIDE;
  /** Number of classes (digits 0..9). */
  public static final int CLASSES = 10;
  /** What every MNIST directory has: 28 x 28 images, 10 classes whatever labels a part holds. */
  public static final IdxDirectory.Layout LAYOUT = new IdxDirectory.Layout(SIDE, SIDE, CLASSES);

  private Mnist() {}

  /**
   * Loads MNIST, or a dataset in its layout, from a directory. The dataset is named
   * {@value PublishedMnist#NAME} when all four files have the published MNIST sums, else
   * {@link IdxDirectory#derivedName} of the directory. A standard {@code .gz} file whose SHA-256
   * differs from {@link PublishedMnist#SHA256} is logged at WARN and used anyway (variants such as
   * Fashion-MNIST reuse the names); structural checks still reject corrupt files.
   *
   * @param directory directory holding the four files
   * @return the dataset, with the identity of the four files in the order of
   *     {@link IdxDirectory#FILE_NAMES}
   * @throws IdxFormatException if a file is malformed, images are not 28 x 28, a label is not in 0..9,
   *     or images and labels disagree in number
   * @throws IOException if a file is missing or cannot be read (the message names the file and the
   *     cause, e.g. {@code permission denied})
   */
  public static Dataset load(Path directory) throws IOException {
    return load(directory, null, true);
  }

  /**
   * Like {@link #load(Path)}, with the dataset's name given by the caller, e.g.
   * {@code fashion-mnist}.
   *
   * @param directory directory holding the four files
   * @param name lower-case letters, digits, '.', '_' and '-', starting with a letter or digit
   * @throws IllegalArgumentException if the name is not of that form
   * @throws IOException as {@link #load(Path)}
   */
  public static Dataset load(Path directory, String name) throws IOException {
    return load(directory, IdxDirectory.requireName(name), true);
  }

  static Dataset load(Path directory, boolean warnOnUnknownSums) throws IOException {
    return load(directory, null, warnOnUnknownSums);
  }

  /** @param name the dataset's name, or null to take the published name or the derived one */
  private static Dataset load(Path directory, String name, boolean warnOnUnknownSums)
      throws IOException {
    Dataset data = IdxDirectory.load(directory, name, LAYOUT);
    if (warnOnUnknownSums) {
      for (DataFile file : data.files()) {
        String known = PublishedMnist.SHA256.get(file.name());
        if (known != null && !known.equals(file.sha256())) {
          LOG.warn("{} in {} has SHA-256 {}, not the published MNIST sum {}; using it as given",
              file.name(), directory, file.sha256(), known);
        }
      }
    }
    if (name == null && !PublishedMnist.isPublished(data.files())) {
      LOG.info("the files in {} are not the published MNIST files: naming the dataset '{}'",
          directory, data.name());
    }
    return data;
  }
}
