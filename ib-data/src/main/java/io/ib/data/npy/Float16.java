package io.ib.data.npy;

/** IEEE 754 half precision (NumPy's float16) to float32; Java 17 has no conversion of its own. */
final class Float16 {
  private Float16() {}

  /** The float32 value of the half-precision bits {@code bits}: exact, as every float16 is a float32. */
  static float toFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13)); // infinity or NaN
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, exact in float32.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
