package dev.bizo.crm.search.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Float16Test {

  private static int bits(float value) {
    return Float16.fromFloat(value) & 0xffff;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // exact values
    "0.0, 0x0000", "-0.0, 0x8000", "1.0, 0x3c00", "-2.0, 0xc000", "0.5, 0x3800", "65504.0, 0x7bff",
    // smallest normal 2^-14, largest subnormal (1023 * 2^-24), smallest subnormal 2^-24
    "6.103515625E-5, 0x0400", "6.0975551605224609375E-5, 0x03ff", "5.9604644775390625E-8, 0x0001",
  })
  void converts_exact_values_bit_for_bit(float value, String expected) {
    assertThat(bits(value)).isEqualTo(Integer.decode(expected));
  }

  @Test
  void rounds_ties_to_even() {
    // 1 + 2^-11 lies halfway between 1 (even mantissa) and 1 + 2^-10 (odd): goes to 1.
    assertThat(bits(1f + 0x1p-11f)).isEqualTo(0x3c00);
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up.
    assertThat(bits(1f + 3 * 0x1p-11f)).isEqualTo(0x3c02);
    // just above a tie rounds up, just below rounds down
    assertThat(bits(Math.nextUp(1f + 0x1p-11f))).isEqualTo(0x3c01);
    assertThat(bits(Math.nextDown(1f + 3 * 0x1p-11f))).isEqualTo(0x3c01);
  }

  @Test
  void rounds_subnormals_to_nearest_even() {
    // 2^-25 is halfway between 0 and the smallest subnormal: ties to 0; anything above goes to 2^-24.
    assertThat(bits(0x1p-25f)).isEqualTo(0x0000);
    assertThat(bits(Math.nextUp(0x1p-25f))).isEqualTo(0x0001);
    assertThat(bits(-0x1p-25f)).isEqualTo(0x8000);
    // 1.5 * 2^-24 is halfway between subnormals 1 (odd) and 2 (even): goes to 2.
    assertThat(bits(1.5f * 0x1p-24f)).isEqualTo(0x0002);
    // 2.5 * 2^-24 goes to 2 (even).
    assertThat(bits(2.5f * 0x1p-24f)).isEqualTo(0x0002);
    // the largest subnormal plus half a step rounds up into the smallest normal
    assertThat(bits(1023.5f * 0x1p-24f)).isEqualTo(0x0400);
    // far too small, including float subnormals, becomes signed zero
    assertThat(bits(Float.MIN_VALUE)).isEqualTo(0x0000);
    assertThat(bits(-1e-30f)).isEqualTo(0x8000);
  }

  @Test
  void overflows_to_infinity_from_65520() {
    assertThat(bits(65519.99f)).isEqualTo(0x7bff);
    // 65520 is halfway between 65504 (odd mantissa 0x3ff) and 65536 (not representable): ties to even = infinity
    assertThat(bits(65520f)).isEqualTo(0x7c00);
    assertThat(bits(1e6f)).isEqualTo(0x7c00);
    assertThat(bits(-1e6f)).isEqualTo(0xfc00);
    assertThat(bits(Float.MAX_VALUE)).isEqualTo(0x7c00);
    assertThat(bits(Float.POSITIVE_INFINITY)).isEqualTo(0x7c00);
    assertThat(bits(Float.NEGATIVE_INFINITY)).isEqualTo(0xfc00);
  }

  @Test
  void keeps_nan_a_nan() {
    assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN)))).isTrue();
    // a NaN whose payload is only in bits a half drops still comes back as NaN, not infinity
    float lowPayloadNaN = Float.intBitsToFloat(0x7f80_0001);
    assertThat(Float.isNaN(lowPayloadNaN)).isTrue();
    assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(lowPayloadNaN)))).isTrue();
    assertThat(bits(Float.intBitsToFloat(0xffc0_0000)) & 0x8000).isEqualTo(0x8000);
  }

  @Test
  void every_half_survives_a_round_trip_through_float() {
    for (int h = 0; h <= 0xffff; h++) {
      float value = Float16.toFloat((short) h);
      if (Float.isNaN(value)) {
        assertThat(bits(value) & 0x7c00).isEqualTo(0x7c00);
        assertThat(bits(value) & 0x03ff).isNotZero();
      } else {
        assertThat(bits(value)).as("half 0x%04x", h).isEqualTo(h);
      }
    }
  }

  @Test
  void picks_the_nearest_half_with_ties_to_even_for_random_floats() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // floats spread over the half's whole range, subnormals included
      float value = (float) ((random.nextBoolean() ? 1 : -1) * Math.scalb(random.nextDouble(1, 2), random.nextInt(-26, 17)));
      int h = bits(value);
      double got = Float16.toFloat((short) h);
      if (Double.isInfinite(got)) {
        assertThat(Math.abs((double) value)).isGreaterThanOrEqualTo(65520.0);
        continue;
      }
      double error = Math.abs(got - value);
      // neighbours one step either way (of the same sign) are no closer, and an exact tie went to even
      for (int neighbour : new int[] {h - 1, h + 1}) {
        if ((neighbour & 0x7fff) > 0x7bff || ((neighbour ^ h) & 0x8000) != 0 || neighbour < 0) {
          continue;
        }
        double other = Math.abs(Float16.toFloat((short) neighbour) - (double) value);
        assertThat(error).as("%s -> 0x%04x vs 0x%04x", value, h, neighbour).isLessThanOrEqualTo(other);
        if (error == other) {
          assertThat(h & 1).as("tie of %s goes to even", value).isZero();
        }
      }
    }
  }
}
