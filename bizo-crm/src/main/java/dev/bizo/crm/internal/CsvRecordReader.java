package dev.bizo.crm.internal;

import dev.bizo.core.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF,
 * LF and CR all end records; a leading BOM and blank lines are skipped. Holds one record in memory.
 */
public final class CsvRecordReader {

  private final Reader in;
  private final List<String> fields = new ArrayList<>();
  private final StringBuilder field = new StringBuilder();
  private int pushback = -2;
  private long line = 1;
  private long recordLine;
  private boolean first = true;

  public CsvRecordReader(Reader in) {
    this.in = in;
  }

  /** The fields of the current record. */
  public List<String> fields() {
    return List.copyOf(fields);
  }

  /** The 1-based line the current record starts on. */
  public long recordLine() {
    return recordLine;
  }

  /**
   * Advances to the next non-blank record.
   *
   * @return false at end of input
   * @throws ValidationException coded {@code unterminated_quote} when a quoted field never closes
   */
  public boolean next() {
    while (true) {
      fields.clear();
      field.setLength(0);
      recordLine = line;
      int c = read();
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          c = read();
        }
      }
      if (c == -1) {
        return false;
      }
      if (c == '\n' || c == '\r') {
        endOfLine(c);
        continue;
      }
      boolean inQuotes = false;
      boolean quotedField = false;
      while (true) {
        if (inQuotes) {
          if (c == -1) {
            throw ValidationException.ofField(
                "line " + recordLine, "unterminated_quote", "a quoted field is never closed");
          }
          if (c == '"') {
            int d = read();
            if (d == '"') {
              field.append('"');
            } else {
              inQuotes = false;
              c = d;
              continue;
            }
          } else {
            if (c == '\n' || (c == '\r')) {
              line++;
              if (c == '\r') {
                int d = read();
                if (d == '\n') {
                  field.append('\r');
                  c = d;
                } else {
                  unread(d);
                }
              }
            }
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0 && !quotedField) {
          inQuotes = true;
          quotedField = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          quotedField = false;
        } else if (c == '\n' || c == '\r' || c == -1) {
          fields.add(field.toString());
          if (c != -1) {
            endOfLine(c);
          }
          return true;
        } else {
          field.append((char) c);
        }
        c = read();
      }
    }
  }

  private void endOfLine(int c) {
    line++;
    if (c == '\r') {
      int d = read();
      if (d != '\n') {
        unread(d);
      }
    }
  }

  private int read() {
    if (pushback != -2) {
      int c = pushback;
      pushback = -2;
      return c;
    }
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void unread(int c) {
    pushback = c;
  }
}
