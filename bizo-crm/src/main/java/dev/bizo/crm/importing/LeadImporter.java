package dev.bizo.crm.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.Utm;
import dev.bizo.crm.internal.CsvRecordReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses CSV (RFC 4180, with a header row) and NDJSON files into validated {@link Lead}s for one
 * tenant, streaming: one row is in memory at a time. Good rows go to a sink; bad rows are reported
 * with their row number and field errors. Files are read twice, first to count rows for progress
 * (and, in {@link ImportMode#ALL_OR_NOTHING}, to validate every row before anything reaches the
 * sink).
 *
 * <p>CSV columns (case-insensitive; {@code -} or a space may replace {@code _}): {@code name, email,
 * phone, company, job_title, industry, company_size, country, source, utm_source, utm_medium,
 * utm_campaign, utm_term, utm_content, owner, tags} (separated by {@code ;}) and {@code attr.<key>}
 * for custom attributes. NDJSON objects use the same names in camelCase ({@code jobTitle}, {@code
 * companySize}, {@code utmSource}…), {@code tags} as an array and {@code attributes} as an object.
 */
public final class LeadImporter {

  /** Most rejected rows listed in a report; all are counted. */
  public static final int MAX_REPORTED_ERRORS = 1000;

  private static final List<String> COLUMNS =
      List.of(
          "name", "email", "phone", "company", "job_title", "industry", "company_size", "country",
          "source", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "owner",
          "tags");
  private static final Set<String> JSON_FIELDS =
      Set.of(
          "name", "email", "phone", "company", "jobTitle", "industry", "companySize", "country",
          "source", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "owner",
          "tags", "attributes");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantId tenantId;
  private final Clock clock;

  /** An importer creating leads for a tenant, timestamped by the clock. */
  public LeadImporter(TenantId tenantId, Clock clock) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Imports a UTF-8 CSV file.
   *
   * @param file the file; its first record is the header
   * @param mode what to do with good rows when some are bad
   * @param sink receives each good lead, in file order
   * @param progress receives (processed, total) after each row
   * @return the counts and the rejected rows
   * @throws ValidationException for a bad header (unknown or missing columns) or an unterminated
   *     quote, which make the whole file unreadable
   */
  public ImportReport importCsv(
      Path file, ImportMode mode, Consumer<Lead> sink, ImportProgressListener progress) {
    long total = run(() -> csvRows(file), r -> { }, ImportProgressListener.NONE, -1).total();
    return importRows(() -> csvRows(file), total, mode, sink, progress);
  }

  /** Like {@link #importCsv(Path, ImportMode, Consumer, ImportProgressListener)} for NDJSON. */
  public ImportReport importNdjson(
      Path file, ImportMode mode, Consumer<Lead> sink, ImportProgressListener progress) {
    long total = run(() -> ndjsonRows(file), r -> { }, ImportProgressListener.NONE, -1).total();
    return importRows(() -> ndjsonRows(file), total, mode, sink, progress);
  }

  /**
   * Imports CSV from a stream of unknown length, best effort; progress reports a total of -1.
   *
   * @param in the CSV text; not closed
   */
  public ImportReport importCsv(Reader in, Consumer<Lead> sink, ImportProgressListener progress) {
    return run(() -> csvRows(in), sink, progress, -1);
  }

  /** Imports NDJSON from a stream of unknown length, best effort; progress reports -1 as total. */
  public ImportReport importNdjson(Reader in, Consumer<Lead> sink, ImportProgressListener progress) {
    return run(() -> ndjsonRows(new BufferedReader(in)), sink, progress, -1);
  }

  private ImportReport importRows(
      RowSource source,
      long total,
      ImportMode mode,
      Consumer<Lead> sink,
      ImportProgressListener progress) {
    if (mode == ImportMode.ALL_OR_NOTHING) {
      ImportReport check = run(source, lead -> { }, progress, total);
      if (check.rejected() > 0) {
        return new ImportReport(check.total(), 0, check.rejected(), check.errors(), mode);
      }
      ImportReport done = run(source, sink, ImportProgressListener.NONE, total);
      return new ImportReport(done.total(), done.imported(), 0, List.of(), mode);
    }
    return run(source, sink, progress, total);
  }

  private ImportReport run(
      RowSource source, Consumer<Lead> sink, ImportProgressListener progress, long total) {
    long processed = 0;
    long imported = 0;
    long rejected = 0;
    List<RowError> errors = new ArrayList<>();
    try (Rows rows = source.open()) {
      while (rows.hasNext()) {
        Row row = rows.next();
        processed++;
        List<FieldError> fieldErrors = new ArrayList<>(row.errors);
        Lead lead = null;
        if (fieldErrors.isEmpty()) {
          try {
            lead = toLead(row.values);
          } catch (ValidationException e) {
            fieldErrors.addAll(e.fieldErrors());
          }
        }
        if (lead != null) {
          sink.accept(lead);
          imported++;
        } else {
          rejected++;
          if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(new RowError(processed, row.line, fieldErrors));
          }
        }
        progress.onProgress(processed, total);
      }
    }
    return new ImportReport(processed, imported, rejected, errors, ImportMode.BEST_EFFORT);
  }

  /** Builds a lead from canonical (camelCase) field values; strings, or lists/maps for tags/attributes. */
  private Lead toLead(Map<String, Object> v) {
    List<FieldError> errors = new ArrayList<>();
    Lead.Builder b = Lead.builder(tenantId, clock);
    b.name(text(v, "name"))
        .email(text(v, "email"))
        .phone(text(v, "phone"))
        .company(text(v, "company"))
        .jobTitle(text(v, "jobTitle"))
        .industry(text(v, "industry"))
        .country(text(v, "country"))
        .owner(text(v, "owner"))
        .utm(
            new Utm(
                text(v, "utmSource"),
                text(v, "utmMedium"),
                text(v, "utmCampaign"),
                text(v, "utmTerm"),
                text(v, "utmContent")));
    String size = text(v, "companySize");
    if (size != null && !size.isBlank()) {
      try {
        b.companySize(Integer.valueOf(size.trim()));
      } catch (NumberFormatException e) {
        errors.add(new FieldError("companySize", "not_a_number", "'" + size + "' is not a whole number"));
      }
    }
    String source = text(v, "source");
    if (source != null && !source.isBlank()) {
      try {
        b.source(LeadSource.parse("source", source));
      } catch (ValidationException e) {
        errors.addAll(e.fieldErrors());
      }
    }
    Object tags = v.get("tags");
    if (tags instanceof String) {
      b.tags(
          Arrays.stream(((String) tags).split(";"))
              .map(String::trim)
              .filter(t -> !t.isEmpty())
              .collect(java.util.stream.Collectors.toList()));
    } else if (tags instanceof List) {
      List<String> list = new ArrayList<>();
      for (Object t : (List<?>) tags) {
        list.add(t == null ? "" : t.toString());
      }
      b.tags(list);
    }
    Object attributes = v.get("attributes");
    if (attributes instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> attrs = (Map<String, ?>) attributes;
      b.attributes(attrs);
    }
    try {
      Lead lead = b.build();
      if (errors.isEmpty()) {
        return lead;
      }
    } catch (ValidationException e) {
      errors.addAll(e.fieldErrors());
    }
    throw new ValidationException(errors);
  }

  private static String text(Map<String, Object> v, String key) {
    Object o = v.get(key);
    return o == null ? null : o.toString();
  }

  // --- CSV -----------------------------------------------------------------------------------

  private static Rows csvRows(Path file) {
    try {
      return csvRows(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Rows csvRows(Reader in) {
    CsvRecordReader csv = new CsvRecordReader(in);
    if (!csv.next()) {
      throw ValidationException.ofField("header", "required", "the file has no header row");
    }
    List<String> header = new ArrayList<>();
    List<FieldError> headerErrors = new ArrayList<>();
    for (String raw : csv.fields()) {
      String h = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      if (h.equals("title")) {
        h = "job_title";
      }
      if (!COLUMNS.contains(h) && !(h.startsWith("attr.") && h.length() > 5)) {
        headerErrors.add(new FieldError("header", "unknown_column", "unknown column '" + raw + "'"));
      } else if (header.contains(h)) {
        headerErrors.add(new FieldError("header", "duplicate_column", "column '" + raw + "' repeats"));
      }
      header.add(h);
    }
    if (!header.contains("name")) {
      headerErrors.add(new FieldError("header", "missing_column", "a 'name' column is required"));
    }
    if (!headerErrors.isEmpty()) {
      throw new ValidationException(headerErrors);
    }
    return new Rows() {
      Boolean ready;

      @Override
      public boolean hasNext() {
        if (ready == null) {
          ready = csv.next();
        }
        return ready;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        ready = null;
        List<String> fields = csv.fields();
        if (fields.size() != header.size()) {
          return new Row(
              csv.recordLine(),
              Map.of(),
              List.of(
                  new FieldError(
                      "row",
                      "column_count",
                      "expected " + header.size() + " fields, found " + fields.size())));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          String h = header.get(i);
          String value = fields.get(i);
          if (h.startsWith("attr.")) {
            if (!value.isEmpty()) {
              attributes.put(h.substring(5), value);
            }
          } else {
            values.put(camel(h), value);
          }
        }
        values.put("attributes", attributes);
        return new Row(csv.recordLine(), values, List.of());
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  // --- NDJSON --------------------------------------------------------------------------------

  private static Rows ndjsonRows(Path file) {
    try {
      return ndjsonRows(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Rows ndjsonRows(BufferedReader in) {
    return new Rows() {
      long lineNo;
      String pending;
      long pendingLine;

      @Override
      public boolean hasNext() {
        while (pending == null) {
          String line;
          try {
            line = in.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (line == null) {
            return false;
          }
          lineNo++;
          if (!line.isBlank()) {
            pending = line;
            pendingLine = lineNo;
          }
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        String line = pending;
        pending = null;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          return new Row(
              pendingLine,
              Map.of(),
              List.of(new FieldError("row", "malformed_json", e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
          return new Row(
              pendingLine,
              Map.of(),
              List.of(new FieldError("row", "not_an_object", "each line must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          String key = e.getKey();
          JsonNode value = e.getValue();
          if (!JSON_FIELDS.contains(key)) {
            errors.add(new FieldError(key, "unknown_field", "unknown field '" + key + "'"));
          } else if (value.isNull()) {
            continue;
          } else if (key.equals("tags")) {
            if (!value.isArray()) {
              errors.add(new FieldError("tags", "not_an_array", "tags must be an array"));
            } else {
              values.put(key, JSON.convertValue(value, List.class));
            }
          } else if (key.equals("attributes")) {
            if (!value.isObject()) {
              errors.add(new FieldError("attributes", "not_an_object", "attributes must be an object"));
            } else {
              values.put(key, JSON.convertValue(value, Map.class));
            }
          } else if (value.isContainerNode()) {
            errors.add(new FieldError(key, "not_a_value", key + " must be a string or number"));
          } else {
            values.put(key, value.asText());
          }
        }
        return new Row(pendingLine, values, errors);
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  // --- plumbing ------------------------------------------------------------------------------

  private interface RowSource {
    Rows open();
  }

  private interface Rows extends Iterator<Row>, AutoCloseable {
    @Override
    void close();
  }

  private static final class Row {
    final long line;
    final Map<String, Object> values;
    final List<FieldError> errors;

    Row(long line, Map<String, Object> values, List<FieldError> errors) {
      this.line = line;
      this.values = values;
      this.errors = errors;
    }
  }
}
