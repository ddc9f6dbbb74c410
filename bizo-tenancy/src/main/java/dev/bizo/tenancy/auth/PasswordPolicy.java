package dev.bizo.tenancy.auth;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Rules a new password must meet: a length range counted in Unicode code points, and not being a
 * common password.
 *
 * <p>"Common" is judged after lower-casing, undoing everyday character substitutions ({@code @→a},
 * {@code 0→o}, {@code 3→e}, …) and stripping leading and trailing digits and symbols, so
 * {@code P@ssw0rd2024!} is refused as {@code password}. Passwords with fewer than five distinct
 * characters are refused as well. The bundled list ({@code common-passwords.txt}) is small by design;
 * pass a larger set to {@link #PasswordPolicy(int, int, Set)} when you have one.
 */
public final class PasswordPolicy {

  /** Field name used in the {@link ValidationException}s this policy throws. */
  public static final String FIELD = "password";

  private static final String LIST = "common-passwords.txt";
  // Digits and symbols people pad a weak word with; '@' and '$' are left alone as likely letter stand-ins.
  private static final String EDGE = "[0-9!?.,#*_+=~^&%()\\[\\]-]+";

  private final int minLength;
  private final int maxLength;
  private final Set<String> common;

  /**
   * @param minLength fewest code points, at least 8
   * @param maxLength most code points, at least {@code minLength} and at most 1024
   * @param commonPasswords lower-case common passwords or base words to refuse
   */
  public PasswordPolicy(int minLength, int maxLength, Set<String> commonPasswords) {
    if (minLength < 8) {
      throw new IllegalArgumentException("minLength must be at least 8: " + minLength);
    }
    if (maxLength < minLength || maxLength > 1024) {
      throw new IllegalArgumentException("maxLength must be minLength..1024: " + maxLength);
    }
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.common = Set.copyOf(Objects.requireNonNull(commonPasswords, "commonPasswords"));
  }

  /** At least 12 and at most 128 code points, checked against the bundled common-password list. */
  public static PasswordPolicy defaults() {
    return new PasswordPolicy(12, 128, bundledCommonPasswords());
  }

  /** The bundled list of common passwords and base words, lower case. */
  public static Set<String> bundledCommonPasswords() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new ConfigurationException("Missing resource " + LIST + " next to " + PasswordPolicy.class.getName());
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException("configuration_invalid", "Cannot read " + LIST, e);
    }
    return Set.copyOf(words);
  }

  public int minLength() {
    return minLength;
  }

  public int maxLength() {
    return maxLength;
  }

  /**
   * Accepts or refuses a new password.
   *
   * @throws ValidationException on field {@value #FIELD} with code {@code too_short}, {@code too_long}
   *     or {@code too_common}; the message never repeats the password
   */
  public void check(String password) {
    Objects.requireNonNull(password, "password");
    String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < minLength) {
      throw ValidationException.ofField(FIELD, "too_short", "Use at least " + minLength + " characters");
    }
    if (length > maxLength) {
      throw ValidationException.ofField(FIELD, "too_long", "Use at most " + maxLength + " characters");
    }
    if (isCommon(normalized)) {
      throw ValidationException.ofField(FIELD, "too_common", "This password is too common or too simple; choose another");
    }
  }

  private boolean isCommon(String password) {
    String lower = password.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    if (lower.codePoints().distinct().count() < 5) {
      return true;
    }
    String trailingStripped = lower.replaceAll(EDGE + "$", "");
    String bothStripped = trailingStripped.replaceAll("^" + EDGE, "");
    for (String candidate : new String[] {lower, trailingStripped, bothStripped}) {
      if (common.contains(candidate) || common.contains(undoSubstitutions(candidate))) {
        return true;
      }
    }
    return false;
  }

  private static String undoSubstitutions(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '@', '4' -> out.append('a');
        case '0' -> out.append('o');
        case '3' -> out.append('e');
        case '1', '!' -> out.append('i');
        case '$', '5' -> out.append('s');
        case '7' -> out.append('t');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "PasswordPolicy[" + minLength + ".." + maxLength + " code points, " + common.size() + " common entries]";
  }
}
