package io.ib.data.idx;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.data.files.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dataset read from a directory of IDX files in MNIST's layout: four files with the standard names
 * ({@link #FILE_NAMES}), images (n x rows x columns unsigned bytes) and labels (n unsigned bytes) of a
 * train part and of a test part. Any image size and number of classes are read (MNIST's are 28 x 28
 * and 10; a caller that requires a layout gives it, {@link #load(Path, String, Layout)}).
 *
 * <p>Result: a {@link Dataset}; features float32, shape n x (rows * columns) (the rows of each image
 * concatenated, top row first), pixel value / 255 in [0, 1]; rows x columns is the same in the train
 * and the test images; labels are class indices, and the number of classes is the largest label in
 * either part plus one, with at least 2 different labels (as for CSV and MAT files); {@code files}
 * holds the name, SHA-256 and size of each file as stored, in the order of {@link #FILE_NAMES}. Its
 * name is {@value PublishedMnist#NAME} only when the four
 * files are the published MNIST files ({@link PublishedMnist}); otherwise it is derived from the
 * directory ({@link #derivedName}), or given by the caller ({@link #load(Path, String)}).
 *
 * <p>File names: for each standard name, the same name without {@code .gz} is used when the gzipped
 * file is absent (content decides whether it is decompressed, see {@link IdxReader}).
 */
public final class IdxDirectory {
  /** Training images, n x rows x columns. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  /** Training labels, n. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  /** Test images, n x rows x columns. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  /** Test labels, n. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
  /** The four standard file names. */
  public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  /** Names: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
  private static final Pattern DATASET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  /**
   * An image size and number of classes that a caller requires, e.g. MNIST's 28 x 28 and 10: then
   * images of another size are refused, a label must be below {@code classes}, and the dataset has
   * {@code classes} classes whatever labels occur.
   *
   * @param rows image height in pixels, at least 1
   * @param columns image width in pixels, at least 1
   * @param classes number of classes, at least 2 (and at most 256: labels are bytes)
   */
  public record Layout(int rows, int columns, int classes) {
    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is out of its range
     */
    public Layout {
      if (rows < 1 || columns < 1 || classes < 2 || classes > 256) {
        throw new IllegalArgumentException("an IDX layout needs rows and columns >= 1 and 2 to 256"
            + " classes, got " + rows + " x " + columns + " and " + classes);
      }
    }
  }

  private IdxDirectory() {}

  /**
   * Loads the four files of a directory, named {@value PublishedMnist#NAME} when they are the
   * published MNIST files, else {@link #derivedName} of the directory.
   *
   * @param directory directory holding the four files
   * @return the dataset, with the identity of the four files in the order of {@link #FILE_NAMES}
   * @throws IdxFormatException if a file is malformed, images and labels disagree in number, or the
   *     test images differ in size from the train images
   * @throws IOException if a file is missing or cannot be read, or fewer than 2 different labels
   *     occur (the message names the files and the cause, e.g. {@code permission denied})
   */
  public static Dataset load(Path directory) throws IOException {
    return read(directory, null, null);
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
    return read(directory, requireName(name), null);
  }

  /**
   * Like {@link #load(Path)}, with a name and a layout that the caller may give.
   *
   * @param directory directory holding the four files
   * @param name the dataset's name (see {@link #requireName}), or null for the published or derived
   *     name
   * @param layout the image size and number of classes required, or null for those of the files
   * @throws IdxFormatException as {@link #load(Path)}, and if the images are not of the layout's size
   *     or a label is not below its number of classes
   * @throws IllegalArgumentException if the name is not of the required form
   * @throws IOException as {@link #load(Path)}
   */
  public static Dataset load(Path directory, String name, Layout layout) throws IOException {
    return read(directory, name == null ? null : requireName(name), layout);
  }

  /**
   * Checks a dataset name given by a caller.
   *
   * @return the name
   * @throws IllegalArgumentException if it is not lower-case letters, digits, '.', '_' and '-',
   *     starting with a letter or digit
   */
  public static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!DATASET_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("dataset name '" + name + "' must be lower-case letters,"
          + " digits, '.', '_' and '-', starting with a letter or digit");
    }
    return name;
  }

  /**
   * @param name the dataset's name, or null to take the published name or the derived one
   * @param layout the required layout, or null
   */
  private static Dataset read(Path directory, String name, Layout layout) throws IOException {
    List<DataFile> files = new ArrayList<>(4);
    Part train = read(locate(directory, TRAIN_IMAGES), locate(directory, TRAIN_LABELS), layout, null, files);
    Part test = read(locate(directory, TEST_IMAGES), locate(directory, TEST_LABELS), layout, train, files);
    int classes;
    if (layout != null) {
      classes = layout.classes();
    } else {
      if (Labels.distinct(train.labels(), test.labels()) < 2) {
        throw new IOException(train.labelsFile().getFileName() + ", " + test.labelsFile().getFileName()
            + ": every label is " + Labels.max(train.labels(), test.labels())
            + "; at least 2 classes are needed");
      }
      classes = Labels.max(train.labels(), test.labels()) + 1;
    }
    String chosen = name != null ? name
        : PublishedMnist.isPublished(files) ? PublishedMnist.NAME : derivedName(directory);
    return new Dataset(chosen, train.data().withNumClasses(classes), test.data().withNumClasses(classes),
        files);
  }

  /**
   * The name of a dataset read from files that are not the published MNIST files: the directory's
   * file name in lower case, every run of characters other than letters, digits, '.', '_' and '-'
   * replaced by one '-', and leading and trailing characters other than letters and digits removed
   * ({@code Fashion MNIST} becomes {@code fashion-mnist}). {@code idx} if nothing is left;
   * {@code mnist} becomes {@code mnist-unverified}, because the name {@value PublishedMnist#NAME}
   * means the published files.
   *
   * @param directory the directory the files were read from
   * @return a name of lower-case letters, digits, '.', '_' and '-'
   */
  public static String derivedName(Path directory) {
    Path file = directory.toAbsolutePath().normalize().getFileName();
    String name = (file == null ? "" : file.toString()).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    if (name.isEmpty()) {
      return "idx";
    }
    return name.equals(PublishedMnist.NAME) ? PublishedMnist.NAME + "-unverified" : name;
  }

  /**
   * The file to read for a standard name: {@code name} if it exists, else {@code name} without
   * {@code .gz} if that exists.
   *
   * @param directory where to look
   * @param name one of {@link #FILE_NAMES}
   * @return the path, or {@code null} if neither exists
   * @throws IllegalArgumentException if {@code name} does not end in {@code .gz}
   */
  public static Path find(Path directory, String name) {
    if (!name.endsWith(".gz")) {
      throw new IllegalArgumentException("expected a standard name ending in .gz, got '" + name + "'");
    }
    Path gz = directory.resolve(name);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path raw = directory.resolve(name.substring(0, name.length() - ".gz".length()));
    return Files.isRegularFile(raw) ? raw : null;
  }

  /**
   * The standard names for which {@link #find} finds nothing.
   *
   * @param directory where to look (need not exist)
   * @return missing names from {@link #FILE_NAMES}, in that order; empty if all are present
   */
  public static List<String> missingFiles(Path directory) {
    return FILE_NAMES.stream().filter(name -> find(directory, name) == null).toList();
  }

  private static Path locate(Path directory, String name) throws IOException {
    Path path = find(directory, name);
    if (path == null) {
      throw new IOException("IDX file " + name + " (or the same name without .gz) not found in " + directory);
    }
    return path;
  }

  /** One part read: its samples (with the classes its own labels need), its files, shape and labels. */
  private record Part(LabelledData data, Path imagesFile, int[] shape, Path labelsFile, int[] labels) {}

  /**
   * Reads one images/labels pair and appends the identity of both files to {@code files}.
   *
   * @param layout the required layout, or null
   * @param train the train part, whose image size this one must have; null when reading it
   */
  private static Part read(Path imagesPath, Path labelsPath, Layout layout, Part train,
      List<DataFile> files) throws IOException {
    IdxArray images = IdxReader.read(imagesPath, 3);
    int rows = images.dimension(1);
    int columns = images.dimension(2);
    if (layout != null && (rows != layout.rows() || columns != layout.columns())) {
      throw new IdxFormatException(imagesPath, 8, "wrong image size", layout.rows() + " x "
          + layout.columns() + " pixels", rows + " x " + columns);
    }
    if (train != null && (rows != train.shape()[1] || columns != train.shape()[2])) {
      throw new IdxFormatException(imagesPath, 8, "wrong image size", train.shape()[1] + " x "
          + train.shape()[2] + " pixels, as in " + train.imagesFile().getFileName(), rows + " x " + columns);
    }
    IdxArray labels = IdxReader.read(labelsPath, 1);
    int n = labels.length();
    if (images.dimension(0) != n) {
      throw new IdxFormatException(labelsPath, 4, "count mismatch", images.dimension(0)
          + " labels, one per image in " + imagesPath.getFileName(), n + " labels");
    }
    byte[] labelBytes = labels.data();
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = labelBytes[i] & 0xFF;
      if (layout != null && classes[i] >= layout.classes()) {
        throw new IdxFormatException(labelsPath, 8L + i, "bad label",
            "a label in 0.." + (layout.classes() - 1) + " at index " + i, String.valueOf(classes[i]));
      }
    }
    // One pass over the primitive bytes; the ND4J array is created once from the result.
    byte[] pixels = images.data();
    float[] features = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      features[i] = (pixels[i] & 0xFF) / 255f;
    }
    files.add(images.file());
    files.add(labels.file());
    // The classes this part's labels need (at least 2, as LabelledData requires); both parts then
    // get the dataset's number (withNumClasses), which is at least as large.
    LabelledData data = LabelledData.of(features, n, rows * columns, classes,
        Math.max(2, Labels.max(classes) + 1));
    return new Part(data, imagesPath, images.shape(), labelsPath, classes);
  }
}
