-- The transactional outbox: one row per domain event, written in the transaction of the change.
-- Runs after tenancy's migrations, which create the tenant table and the isolation helpers.
create table bizo_outbox (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenant (id),
    event_type     text        not null,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    payload        jsonb       not null,
    occurred_at    timestamptz not null,
    recorded_at    timestamptz not null default now()
);
create index bizo_outbox_tenant_recorded on bizo_outbox (tenant_id, recorded_at, id);
select bizo_enable_tenant_isolation('bizo_outbox');
select bizo_make_append_only('bizo_outbox');
