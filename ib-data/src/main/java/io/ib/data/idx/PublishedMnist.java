package io.ib.data.idx;

import io.ib.data.DataFile;
import java.util.List;
import java.util.Map;

/**
 * What identifies the published MNIST files: their SHA-256 sums, the one home of those sums. The
 * readers here use them to name a dataset {@value #NAME} only when it was read from exactly those
 * files; ib-mnist's downloader uses them to verify what it fetches.
 */
public final class PublishedMnist {
  /** Name of a dataset read from the published MNIST files. */
  public static final String NAME = "mnist";

  /** Published SHA-256 (lower-case hex) of each of the four gzipped files, by standard name. */
  public static final Map<String, String> SHA256 = Map.of(
      IdxDirectory.TEST_IMAGES, "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
      IdxDirectory.TEST_LABELS, "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b",
      IdxDirectory.TRAIN_IMAGES, "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
      IdxDirectory.TRAIN_LABELS, "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203");

  private PublishedMnist() {}

  /**
   * Whether files are the published MNIST files: every one has a standard name and its published sum.
   *
   * @param files the identities of the files read (name, SHA-256, size)
   * @return true if {@code files} is not empty and each file's sum is the published one for its name
   */
  public static boolean isPublished(List<DataFile> files) {
    return !files.isEmpty() && files.stream().allMatch(f -> f.sha256().equals(SHA256.get(f.name())));
  }
}
