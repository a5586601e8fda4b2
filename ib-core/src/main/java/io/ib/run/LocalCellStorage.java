package io.ib.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link CellStorages#local}: a local directory, created on the first write. */
final class LocalCellStorage extends RenamingCellStorage {
  private final Path directory;

  LocalCellStorage(Path directory) {
    this.directory = directory;
  }

  @Override
  public String describe() {
    return directory.toString();
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path p : files) {
        if (Files.isRegularFile(p)) {
          names.add(p.getFileName().toString());
        }
      }
    }
    return names;
  }

  @Override
  public byte[] read(String name) throws IOException {
    try {
      return Files.readAllBytes(directory.resolve(name));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  protected void write(String name, byte[] bytes) throws IOException {
    Path file = directory.resolve(name);
    if (!Files.isDirectory(file.getParent())) {
      Disk.createDirectories(file.getParent());
    }
    Disk.write(file, bytes);
  }

  @Override
  protected void replace(String from, String to) throws IOException {
    Disk.move(directory.resolve(from), directory.resolve(to));
  }

  @Override
  public void delete(String name) throws IOException {
    Disk.deleteIfExists(directory.resolve(name));
  }

  @Override
  public void removeIfEmpty() throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> rest = Files.newDirectoryStream(directory)) {
      if (rest.iterator().hasNext()) {
        return;
      }
    }
    Disk.deleteIfExists(directory);
  }
}
