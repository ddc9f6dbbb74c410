-- bizo-agents: agent run traces (their end is recorded in core's bizo_outbox as agent_run.finished).
-- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).
-- The webhook tables this script created until bizo-webhooks existed are that module's now
-- (db/migration/webhooks/V1); beforeValidate.sql accepts this script's earlier checksum.

-- Agent and crew runs: the latest snapshot saved by the runtime, with steps and tool calls.
create table agents_run (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenant (id),
    name            text        not null,
    mode            text        not null,
    model           text        not null,
    status          text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    tokens_in       bigint      not null,
    tokens_out      bigint      not null,
    estimated_cost  numeric     not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    failure_code    text,
    failure_message text
);
create index agents_run_recent on agents_run (tenant_id, started_at desc, id desc);
select bizo_enable_tenant_isolation('agents_run');

create table agents_run_step (
    tenant_id       uuid        not null references tenant (id),
    run_id          uuid        not null references agents_run (id) on delete cascade,
    step_index      integer     not null,
    agent           text        not null,
    input           text        not null,
    output          text,
    status          text        not null,
    tokens_in       bigint      not null,
    tokens_out      bigint      not null,
    model_calls     integer     not null,
    started_at      timestamptz not null,
    duration_micros bigint      not null,
    failure_code    text,
    failure_message text,
    primary key (run_id, step_index)
);
select bizo_enable_tenant_isolation('agents_run_step');

create table agents_run_tool_call (
    tenant_id       uuid        not null references tenant (id),
    run_id          uuid        not null references agents_run (id) on delete cascade,
    step_index      integer     not null,
    position        integer     not null,
    tool            text        not null,
    arguments       text        not null,
    result          text        not null,
    succeeded       boolean     not null,
    duration_micros bigint      not null,
    primary key (run_id, step_index, position)
);
select bizo_enable_tenant_isolation('agents_run_tool_call');
