package dev.bizo.crm.search.model.internal;

/**
 * IEEE 754 binary16 ("half") conversions, which Java 17 lacks ({@code Float.floatToFloat16} came in Java 20).
 * {@link #fromFloat(float)} rounds to nearest, ties to even, as a hardware conversion does: values too large
 * become infinity, values too small become (signed) zero or a subnormal half, NaN stays NaN.
 */
public final class Float16 {

  /** Positive infinity as a half. */
  public static final short POSITIVE_INFINITY = 0x7c00;

  /** The largest finite half, 65504. */
  public static final float MAX_VALUE = 65504f;

  private Float16() {}

  /** The half nearest to {@code value} (ties to even), as its 16 bits. */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7f_ffff;
    if (exponent == 0xff) {
      // Infinity stays infinity; NaN stays a NaN (quiet bit set, so a payload that only had low bits stays NaN).
      return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign; // below half the smallest subnormal (2^-25): rounds to zero
      }
      // Subnormal half: the value is m * 2^-24; drop (14 - halfExponent) bits of the 24-bit significand.
      int significand = mantissa | 0x80_0000;
      int shift = 14 - halfExponent;
      return (short) (sign | roundRightShift(significand, shift));
    }
    // Normal half. A carry out of the mantissa moves into the exponent, and past 65504 into infinity: both right.
    int half = (halfExponent << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** The float a half's 16 bits stand for (exact: every half is a float). */
  public static float toFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  private static int roundRightShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (kept & 1) == 1)) {
      kept++;
    }
    return kept;
  }
}
