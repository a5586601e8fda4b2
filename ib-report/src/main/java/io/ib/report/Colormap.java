package io.ib.report;

import java.awt.Color;

/**
 * A sequential colour map: linear interpolation in sRGB between control colours at equal spacing.
 */
final class Colormap {
  private final Color[] stops;

  Colormap(Color... stops) {
    this.stops = stops.clone();
  }

  /** The colour at t in [0, 1] (clamped; NaN gives the first colour). */
  Color colour(double t) {
    if (!(t > 0)) {
      return stops[0];
    }
    if (t >= 1) {
      return stops[stops.length - 1];
    }
    double p = t * (stops.length - 1);
    int i = (int) Math.floor(p);
    double f = p - i;
    Color a = stops[i];
    Color b = stops[i + 1];
    return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
        mix(a.getBlue(), b.getBlue(), f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
