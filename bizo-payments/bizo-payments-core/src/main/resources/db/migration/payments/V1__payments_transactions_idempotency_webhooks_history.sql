-- Payments: every table is tenant-isolated by forced row-level security; history is append-only.
-- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).

create table payment (
    id                 uuid        primary key,
    tenant_id          uuid        not null references tenant (id),
    gateway_id         text        not null,
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           text        not null check (length(currency) = 3),
    status             text        not null,
    capture_mode       text        not null check (capture_mode in ('AUTOMATIC', 'MANUAL')),
    merchant_reference text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index payment_listing on payment (tenant_id, created_at, id);
select bizo_enable_tenant_isolation('payment');

-- One row per gateway operation. next_reconcile_at is set while the outcome is PENDING or UNKNOWN.
create table payment_transaction (
    id                   uuid        primary key,
    tenant_id            uuid        not null references tenant (id),
    payment_id           uuid        not null references payment (id),
    seq                  integer     not null,
    operation            text        not null check (operation in ('AUTHORIZE', 'PURCHASE', 'CAPTURE', 'VOID', 'REFUND')),
    amount_minor         bigint      not null,
    currency             text        not null,
    idempotency_key      text        not null,
    status               text        not null,
    gateway_reference    text,
    decline_code         text,
    message              text,
    next_action_type     text,
    next_action_value    text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    reconcile_attempts   integer     not null default 0,
    next_reconcile_at    timestamptz,
    unique (payment_id, seq)
);
create index payment_transaction_reference on payment_transaction (tenant_id, gateway_reference);
create index payment_transaction_due on payment_transaction (tenant_id, next_reconcile_at)
    where next_reconcile_at is not null;
select bizo_enable_tenant_isolation('payment_transaction');

-- (tenant, key) is unique: the first request inserts the row, duplicates wait for its stored outcome.
create table payment_idempotency (
    tenant_id        uuid        not null references tenant (id),
    idempotency_key  text        not null,
    fingerprint      text        not null,
    state            text        not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    payment_id       uuid,
    response         jsonb,
    error_kind       text,
    error_code       text,
    error_message    text,
    created_at       timestamptz not null,
    completed_at     timestamptz,
    primary key (tenant_id, idempotency_key)
);
create index payment_idempotency_age on payment_idempotency (tenant_id, created_at);
select bizo_enable_tenant_isolation('payment_idempotency');

create table payment_webhook_event (
    tenant_id          uuid        not null references tenant (id),
    gateway_id         text        not null,
    event_id           text        not null,
    event_type         text        not null,
    gateway_reference  text,
    outcome            text        not null,
    received_at        timestamptz not null,
    primary key (tenant_id, gateway_id, event_id)
);
select bizo_enable_tenant_isolation('payment_webhook_event');

create table payment_history (
    id                  uuid        primary key,
    tenant_id           uuid        not null references tenant (id),
    payment_id          uuid        not null references payment (id),
    seq                 integer     not null,
    at                  timestamptz not null,
    from_status         text,
    to_status           text        not null,
    transaction_id      uuid,
    transaction_status  text,
    note                text        not null,
    unique (payment_id, seq)
);
select bizo_enable_tenant_isolation('payment_history');
select bizo_make_append_only('payment_history');
