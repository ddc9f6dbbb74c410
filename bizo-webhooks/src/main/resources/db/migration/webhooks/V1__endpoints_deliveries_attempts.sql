-- bizo-webhooks: tenant webhook endpoints and their deliveries (fed from core's bizo_outbox), with every attempt.
-- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).
--
-- The tables keep the names and columns they had when bizo-agents' V1 created them. A database migrated before
-- this module existed has them already (from that script, recorded in flyway_history_agents): every statement here
-- is then a no-op ("if not exists", and isolation only where the table has no policy yet), so this version is
-- recorded in flyway_history_webhooks and changes nothing. A fresh database gets them from here.

-- A tenant's webhook endpoint. The signing secret and the static header's value live encrypted in
-- tenant_secret (names webhooks.<id>.secret and webhooks.<id>.header), never here.
create table if not exists agents_webhook_endpoint (
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
create index if not exists agents_webhook_endpoint_tenant on agents_webhook_endpoint (tenant_id, created_at);
select bizo_enable_tenant_isolation('agents_webhook_endpoint')
  where not exists (select from pg_policies where schemaname = current_schema() and tablename = 'agents_webhook_endpoint' and policyname = 'bizo_tenant_isolation');

-- One outbox event for one endpoint. The unique key makes fan-out idempotent across replicas.
create table if not exists agents_webhook_delivery (
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
create index if not exists agents_webhook_delivery_due on agents_webhook_delivery (tenant_id, next_attempt_at) where status = 'PENDING';
create index if not exists agents_webhook_delivery_endpoint on agents_webhook_delivery (tenant_id, endpoint_id, created_at);
select bizo_enable_tenant_isolation('agents_webhook_delivery')
  where not exists (select from pg_policies where schemaname = current_schema() and tablename = 'agents_webhook_delivery' and policyname = 'bizo_tenant_isolation');

-- Every attempt of a delivery, with what came back and how it was judged.
create table if not exists agents_webhook_attempt (
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
select bizo_enable_tenant_isolation('agents_webhook_attempt')
  where not exists (select from pg_policies where schemaname = current_schema() and tablename = 'agents_webhook_attempt' and policyname = 'bizo_tenant_isolation');
