package io.ib.data.mat;

import static io.ib.data.mat.MatFileTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ib.data.mat.MatMatrix.ArrayClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MAT-file reader against SciPy: files written by {@code scipy.io.savemat} in this test, compared
 * value for value (exactly, NaN equal to NaN) with what {@code scipy.io.loadmat} reads from the same
 * files. Skipped, with the reason, where python3 with NumPy and SciPy is not available.
 */
class MatScipyTest {
  @TempDir static Path dir;

  /** Writes the files and, beside each, the values loadmat reads: one line per variable. */
  private static final String SCRIPT = """
      import sys
      import numpy as np
      import scipy.io as sio
      import scipy.sparse as sp

      out = sys.argv[1]
      rng = np.random.default_rng(5)

      def ints(dt, shape):
          info = np.iinfo(dt)
          a = rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)
          a.flat[0] = info.min
          a.flat[-1] = info.max
          return a

      v = {
          'd64': np.array([[1.5, -0.0, np.nan], [np.inf, -np.inf, 5e-324], [np.pi, -2.5e300, 7.0]]),
          'f32': rng.standard_normal((2, 5)).astype(np.float32),
          'i8': ints(np.int8, (3, 4)), 'u8': ints(np.uint8, (3, 4)),
          'i16': ints(np.int16, (2, 3)), 'u16': ints(np.uint16, (2, 3)),
          'i32': ints(np.int32, (4, 2)), 'u32': ints(np.uint32, (4, 2)),
          'i64': ints(np.int64, (2, 2)), 'u64': ints(np.uint64, (2, 2)),
          'b': rng.random((4, 3)) > 0.5,
          'row': np.arange(5.0),
          'col': np.arange(4.0).reshape(4, 1),
          'empty': np.zeros((0, 3)),
          'scalar': 7.0,
          'wide': rng.standard_normal((3, 300)),
      }
      classes = {k: ('bool' if np.asarray(a).dtype == bool else np.asarray(a).dtype.name)
                 for k, a in v.items()}
      for compress in (False, True):
          name = out + '/types_' + ('z' if compress else 'raw') + '.mat'
          sio.savemat(name, v, do_compression=compress, oned_as='row')
          back = sio.loadmat(name)
          with open(name + '.expected', 'w') as f:
              for k in v:
                  a = back[k]
                  f.write(' '.join([k, str(a.shape[0]), str(a.shape[1]), classes[k]]
                                   + [repr(float(x)) for x in a.ravel(order='C')]) + '\\n')

      u = {
          'cplx': np.array([[1 + 2j, 3]]),
          'sprs': sp.csc_matrix(np.eye(3)),
          'cell': np.array([[np.array([1.0]), np.array([2.0, 3.0])]], dtype=object),
          'strc': {'a': 1.0},
          'text': 'hello',
          'cube': np.zeros((2, 3, 4)),
          'ok': np.eye(2),
      }
      for compress in (False, True):
          sio.savemat(out + '/unsupported_' + ('z' if compress else 'raw') + '.mat', u,
                      do_compression=compress)
      sio.savemat(out + '/level4.mat', {'a': np.eye(2)}, format='4')
      """;

  @BeforeAll
  static void writeFilesWithScipy() throws Exception {
    Assumptions.assumeTrue(python("-c", "import numpy, scipy.io, scipy.sparse") == 0,
        "python3 with numpy and scipy is not available: the comparison with scipy.io is skipped");
    Path script = Files.writeString(dir.resolve("write.py"), SCRIPT);
    assertEquals(0, python(script.toString(), dir.toString()), "the SciPy script failed, see its output");
  }

  /** Runs python3 with the arguments; its output goes to this process's output. */
  private static int python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      return -1; // no python3 on the PATH
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -2;
    }
    return p.exitValue();
  }

  private static double parse(String text) {
    return switch (text) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static ArrayClass classOf(String numpyName) {
    return numpyName.equals("bool") ? ArrayClass.LOGICAL
        : numpyName.equals("float64") ? ArrayClass.DOUBLE
        : numpyName.equals("float32") ? ArrayClass.SINGLE
        : ArrayClass.valueOf(numpyName.toUpperCase(Locale.ROOT));
  }

  @Test
  void everyTypeAgreesWithLoadmatCompressedOrNot() throws IOException {
    for (String kind : List.of("raw", "z")) {
      Path file = dir.resolve("types_" + kind + ".mat");
      MatFile mat = MatFile.read(file);
      List<String> lines = Files.readAllLines(dir.resolve("types_" + kind + ".mat.expected"),
          StandardCharsets.UTF_8);
      List<String> names = new ArrayList<>();
      for (String line : lines) {
        String[] f = line.split(" ");
        names.add(f[0]);
        MatMatrix m = mat.matrix(f[0]);
        String what = kind + " " + f[0];
        assertEquals(Integer.parseInt(f[1]), m.rows(), what);
        assertEquals(Integer.parseInt(f[2]), m.columns(), what);
        assertEquals(classOf(f[3]), m.arrayClass(), what);
        double[] expected = new double[f.length - 4];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = parse(f[4 + i]);
        }
        assertArrayEquals(expected, m.toRowMajor(), what);
      }
      assertEquals(names, mat.names());
    }
  }

  @Test
  void refusesWhatScipyWritesThatIsNotARealMatrix() throws IOException {
    for (String kind : List.of("raw", "z")) {
      MatFile mat = MatFile.read(dir.resolve("unsupported_" + kind + ".mat"));
      assertEquals(List.of("cplx", "sprs", "cell", "strc", "text", "cube", "ok"), mat.names());
      String file = "unsupported_" + kind + ".mat: ";
      refused(mat, "cplx", file + "variable 'cplx': complex");
      refused(mat, "sprs", file + "variable 'sprs': a sparse matrix");
      refused(mat, "cell", file + "variable 'cell': a cell array");
      refused(mat, "strc", file + "variable 'strc': a struct");
      refused(mat, "text", file + "variable 'text': a char array");
      refused(mat, "cube", file + "variable 'cube': has 3 dimensions (2 x 3 x 4)");
      assertArrayEquals(new double[] {1, 0, 0, 1}, mat.matrix("ok").toRowMajor());
    }
    IOException v4 = assertThrows(MatFormatException.class, () -> MatFile.read(dir.resolve("level4.mat")));
    assertOneLine(v4, "level4.mat: ", "level-4");
  }

  private static void refused(MatFile mat, String variable, String start) {
    MatFormatException e = assertThrows(MatFormatException.class, () -> mat.matrix(variable));
    assertOneLine(e, start);
  }
}
