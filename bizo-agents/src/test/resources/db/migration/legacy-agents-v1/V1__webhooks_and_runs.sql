-- bizo-agents: webhook endpoints and their deliveries (fed from core's bizo_outbox), and agent run traces.
-- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).

-- A tenant's webhook endpoint. The signing secret and the static header's value live encrypted in
-- tenant_secret (names webhooks.<id>.secret and webhooks.<id>.header), never here.
create table agents_webhook_endpoint (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenant (id),
    url             text        not null,
    event_types     text[]      not null,
    header_name     text,
    enabled         boolean     not null,
    disabled_reason text,
    created_at      timestamptz not null,
    -- database time from which outbox events are delivered (compared with bizo_outbox.recorded_at)
    subscribed_from timestamptz not null default now(),
    -- every outbox event recorded before this has been fanned out to this endpoint
    caught_up_to    timestamptz
);
create index agents_webhook_endpoint_tenant on agents_webhook_endpoint (tenant_id, created_at);
select bizo_enable_tenant_isolation('agents_webhook_endpoint');

-- One outbox event for one endpoint. The unique key makes fan-out idempotent across replicas.
create table agents_webhook_delivery (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenant (id),
    endpoint_id     uuid        not null references agents_webhook_endpoint (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'ENDPOINT_DISABLED')),
    attempt_count   integer     not null default 0,
    next_attempt_at timestamptz,
    lease_token     uuid,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (endpoint_id, event_id)
);
create index agents_webhook_delivery_due on agents_webhook_delivery (tenant_id, next_attempt_at) where status = 'PENDING';
create index agents_webhook_delivery_endpoint on agents_webhook_delivery (tenant_id, endpoint_id, created_at);
select bizo_enable_tenant_isolation('agents_webhook_delivery');

-- Every attempt of a delivery, with what came back and how it was judged.
create table agents_webhook_attempt (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenant (id),
    delivery_id  uuid        not null references agents_webhook_delivery (id) on delete cascade,
    number       integer     not null,
    attempted_at timestamptz not null,
    http_status  integer,
    error        text,
    refused      boolean     not null,
    duration_ms  bigint      not null,
    verdict      text        not null check (verdict in ('SUCCESS', 'RETRY', 'FAIL', 'DISABLE')),
    unique (delivery_id, number)
);
select bizo_enable_tenant_isolation('agents_webhook_attempt');

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
