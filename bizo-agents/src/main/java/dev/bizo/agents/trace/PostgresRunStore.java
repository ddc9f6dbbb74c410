package dev.bizo.agents.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.agents.AgentMode;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link RunStore} in PostgreSQL (tables {@code agents_run}, {@code agents_run_step},
 * {@code agents_run_tool_call} of {@link dev.bizo.agents.AgentsPersistence#MODULE}), every row under the
 * tenant's row-level security.
 *
 * <p>When a save moves a run from running (or unseen) to {@link RunStatus#SUCCEEDED} or
 * {@link RunStatus#FAILED}, an {@value #RUN_FINISHED} domain event is appended to core's outbox <em>in the
 * same transaction</em> as the final status, so webhooks fire exactly for runs whose end was stored. Its
 * payload carries the run id, name, status, mode, model, step count, tokens in and out, estimated cost and the
 * failure code, if any.
 *
 * <p>Instants are stored to the microsecond. Thread-safe.
 */
public final class PostgresRunStore implements RunStore {

  /** The event type appended when a run ends. */
  public static final String RUN_FINISHED = "agent_run.finished";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transactions tx;
  private final Clock clock;

  /**
   * A store.
   *
   * @param tx the transactions of a database migrated with {@link dev.bizo.agents.AgentsPersistence#modules()}
   * @param clock stamps the run-finished events
   */
  public PostgresRunStore(Transactions tx, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void save(RunTrace trace) {
    Objects.requireNonNull(trace, "trace");
    tx.inTenantJdbc(trace.tenant(), c -> {
      Optional<RunStatus> before = lockedStatus(c, trace);
      upsertRun(c, trace);
      replaceSteps(c, trace);
      boolean finishedNow = trace.status() != RunStatus.RUNNING
          && before.map(s -> s == RunStatus.RUNNING).orElse(true);
      if (finishedNow) {
        Outbox.append(c, finishedEvent(trace));
      }
      return null;
    });
  }

  @Override
  public Optional<RunTrace> find(TenantId tenant, AgentRunId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTenantJdbc(tenant, c -> runs(c, tenant, "id = ?", id.value(), 1).stream().findFirst());
  }

  @Override
  public List<RunTrace> recent(TenantId tenant, int limit) {
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    return tx.inTenantJdbc(tenant, c -> runs(c, tenant, null, null, limit));
  }

  private static Optional<RunStatus> lockedStatus(Connection c, RunTrace trace) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select status from agents_run where tenant_id = ? and id = ? for update")) {
      s.setObject(1, trace.tenant().value());
      s.setObject(2, trace.id().value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(RunStatus.valueOf(r.getString(1))) : Optional.empty();
      }
    }
  }

  private static void upsertRun(Connection c, RunTrace t) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into agents_run (id, tenant_id, name, mode, model, status, tokens_in, tokens_out, estimated_cost,"
            + " started_at, finished_at, failure_code, failure_message) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (id) do update set name = excluded.name, mode = excluded.mode, model = excluded.model,"
            + " status = excluded.status, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,"
            + " estimated_cost = excluded.estimated_cost, started_at = excluded.started_at,"
            + " finished_at = excluded.finished_at, failure_code = excluded.failure_code,"
            + " failure_message = excluded.failure_message")) {
      s.setObject(1, t.id().value());
      s.setObject(2, t.tenant().value());
      s.setString(3, t.name());
      s.setString(4, t.mode().name());
      s.setString(5, t.model());
      s.setString(6, t.status().name());
      s.setLong(7, t.tokens().input());
      s.setLong(8, t.tokens().output());
      s.setBigDecimal(9, t.estimatedCost());
      s.setTimestamp(10, Timestamp.from(t.startedAt()));
      s.setTimestamp(11, t.finishedAt().map(Timestamp::from).orElse(null));
      s.setString(12, t.failure().map(RunFailure::code).orElse(null));
      s.setString(13, t.failure().map(RunFailure::message).orElse(null));
      s.executeUpdate();
    }
  }

  private static void replaceSteps(Connection c, RunTrace t) throws SQLException {
    for (String table : List.of("agents_run_tool_call", "agents_run_step")) {
      try (PreparedStatement s = c.prepareStatement("delete from " + table + " where tenant_id = ? and run_id = ?")) {
        s.setObject(1, t.tenant().value());
        s.setObject(2, t.id().value());
        s.executeUpdate();
      }
    }
    try (PreparedStatement step = c.prepareStatement(
            "insert into agents_run_step (tenant_id, run_id, step_index, agent, input, output, status, tokens_in,"
                + " tokens_out, model_calls, started_at, duration_micros, failure_code, failure_message)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement call = c.prepareStatement(
            "insert into agents_run_tool_call (tenant_id, run_id, step_index, position, tool, arguments, result,"
                + " succeeded, duration_micros) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (StepTrace st : t.steps()) {
        step.setObject(1, t.tenant().value());
        step.setObject(2, t.id().value());
        step.setInt(3, st.index());
        step.setString(4, st.agent());
        step.setString(5, st.input());
        step.setString(6, st.output().orElse(null));
        step.setString(7, st.status().name());
        step.setLong(8, st.tokens().input());
        step.setLong(9, st.tokens().output());
        step.setInt(10, st.modelCalls());
        step.setTimestamp(11, Timestamp.from(st.startedAt()));
        step.setLong(12, micros(st.duration()));
        step.setString(13, st.failure().map(RunFailure::code).orElse(null));
        step.setString(14, st.failure().map(RunFailure::message).orElse(null));
        step.addBatch();
        int position = 0;
        for (ToolCallTrace tc : st.toolCalls()) {
          call.setObject(1, t.tenant().value());
          call.setObject(2, t.id().value());
          call.setInt(3, st.index());
          call.setInt(4, position++);
          call.setString(5, tc.tool());
          call.setString(6, tc.arguments());
          call.setString(7, tc.result());
          call.setBoolean(8, tc.succeeded());
          call.setLong(9, micros(tc.duration()));
          call.addBatch();
        }
      }
      step.executeBatch();
      call.executeBatch();
    }
  }

  private DomainEvent finishedEvent(RunTrace t) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("runId", t.id().toString());
    payload.put("name", t.name());
    payload.put("status", t.status().name());
    payload.put("mode", t.mode().name().toLowerCase(java.util.Locale.ROOT));
    payload.put("model", t.model());
    payload.put("steps", t.steps().size());
    payload.put("tokensIn", t.tokens().input());
    payload.put("tokensOut", t.tokens().output());
    payload.put("estimatedCost", t.estimatedCost());
    t.failure().ifPresent(f -> payload.put("failureCode", f.code()));
    return DomainEvent.builder(t.tenant(), RUN_FINISHED, clock)
        .aggregate("agent_run", t.id().toString())
        .payload(payload.toString())
        .build();
  }

  private static List<RunTrace> runs(Connection c, TenantId tenant, String where, UUID id, int limit)
      throws SQLException {
    List<RunTrace> shells = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "select id, name, mode, model, status, tokens_in, tokens_out, estimated_cost, started_at, finished_at,"
            + " failure_code, failure_message from agents_run where tenant_id = ?"
            + (where == null ? "" : " and " + where) + " order by started_at desc, id desc limit ?")) {
      int i = 1;
      s.setObject(i++, tenant.value());
      if (where != null) {
        s.setObject(i++, id);
      }
      s.setInt(i, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          shells.add(new RunTrace(new AgentRunId(r.getObject(1, UUID.class)), tenant, r.getString(2),
              AgentMode.valueOf(r.getString(3)), r.getString(4), RunStatus.valueOf(r.getString(5)), List.of(),
              new TokenCount(r.getLong(6), r.getLong(7)), r.getBigDecimal(8), instant(r, 9),
              Optional.ofNullable(r.getTimestamp(10)).map(Timestamp::toInstant), failure(r, 11)));
        }
      }
    }
    if (shells.isEmpty()) {
      return shells;
    }
    Map<UUID, List<StepTrace>> steps = steps(c, tenant, shells);
    return shells.stream().map(t -> new RunTrace(t.id(), t.tenant(), t.name(), t.mode(), t.model(), t.status(),
        steps.getOrDefault(t.id().value(), List.of()), t.tokens(), t.estimatedCost(), t.startedAt(), t.finishedAt(),
        t.failure())).toList();
  }

  private static Map<UUID, List<StepTrace>> steps(Connection c, TenantId tenant, List<RunTrace> runs)
      throws SQLException {
    Object[] ids = runs.stream().map(r -> r.id().value()).toArray();
    Map<String, List<ToolCallTrace>> calls = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "select run_id, step_index, tool, arguments, result, succeeded, duration_micros from agents_run_tool_call"
            + " where tenant_id = ? and run_id = any(?) order by run_id, step_index, position")) {
      s.setObject(1, tenant.value());
      s.setArray(2, c.createArrayOf("uuid", ids));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          calls.computeIfAbsent(r.getObject(1, UUID.class) + "/" + r.getInt(2), k -> new ArrayList<>())
              .add(new ToolCallTrace(r.getString(3), r.getString(4), r.getString(5), r.getBoolean(6),
                  Duration.of(r.getLong(7), ChronoUnit.MICROS)));
        }
      }
    }
    Map<UUID, List<StepTrace>> steps = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "select run_id, step_index, agent, input, output, status, tokens_in, tokens_out, model_calls, started_at,"
            + " duration_micros, failure_code, failure_message from agents_run_step"
            + " where tenant_id = ? and run_id = any(?) order by run_id, step_index")) {
      s.setObject(1, tenant.value());
      s.setArray(2, c.createArrayOf("uuid", ids));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          UUID run = r.getObject(1, UUID.class);
          int index = r.getInt(2);
          steps.computeIfAbsent(run, k -> new ArrayList<>()).add(new StepTrace(index, r.getString(3),
              r.getString(4), Optional.ofNullable(r.getString(5)), RunStatus.valueOf(r.getString(6)),
              calls.getOrDefault(run + "/" + index, List.of()), new TokenCount(r.getLong(7), r.getLong(8)),
              r.getInt(9), instant(r, 10), Duration.of(r.getLong(11), ChronoUnit.MICROS), failure(r, 12)));
        }
      }
    }
    return steps;
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getTimestamp(column).toInstant();
  }

  private static Optional<RunFailure> failure(ResultSet r, int codeColumn) throws SQLException {
    String code = r.getString(codeColumn);
    return code == null ? Optional.empty() : Optional.of(new RunFailure(code, r.getString(codeColumn + 1)));
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1_000;
  }
}
