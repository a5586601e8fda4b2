package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks the report tests share: images, SVG documents, axis ranges and text order. */
final class ReportAssertions {
  private ReportAssertions() {}

  /** An axis range XChart can put ticks on: both ends set and finite, not degenerate for their size. */
  static void assertUsableRange(Double min, Double max, String where) {
    assertNotNull(min, where + ": minimum left to XChart");
    assertNotNull(max, where + ": maximum left to XChart");
    assertTrue(Double.isFinite(min) && Double.isFinite(max), where + ": [" + min + ", " + max + "]");
    assertTrue(max - min > 1e-6 * Math.max(Math.abs(min), Math.abs(max)), where + ": [" + min + ", "
        + max + "] is degenerate");
  }

  /** Parses an XML file (an SVG) without fetching the DTD it names. */
  static Document parseXml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setValidating(false);
    // The SVG names the W3C DTD: never fetch it.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    DocumentBuilder b = f.newDocumentBuilder();
    try (InputStream in = Files.newInputStream(file)) {
      return b.parse(in);
    }
  }

  /** The fraction of an image's pixels that are not pure white. */
  static double nonWhiteFraction(BufferedImage image) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n / (double) (image.getWidth() * (long) image.getHeight());
  }

  /** How many pixels are within {@code tolerance} of {@code c} in each channel. */
  static int count(BufferedImage image, Color c, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
            && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
            && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  /** Asserts that each part occurs in the text, each after the one before. */
  static void assertInOrder(String text, String... parts) {
    int from = 0;
    for (String part : parts) {
      int at = text.indexOf(part, from);
      assertTrue(at >= 0, "'" + part + "' missing after position " + from + " (order " + List.of(parts)
          + ")");
      from = at + part.length();
    }
  }

  /** How many times {@code needle} occurs in {@code text}, without overlaps. */
  static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
