-- Tenancy core (dev.bizo.tenancy). Runs as the owner role, before every other module's migrations.

-- Row-level isolation, reusable by every module's migrations:  select bizo_enable_tenant_isolation('my_table');
-- The table must have a "tenant_id uuid not null" column. Two policies:
--   bizo_tenant_isolation (all commands): only rows of the tenant set for the transaction with
--     set_config('bizo.tenant_id', ?, true); no tenant set means no rows, never all rows.
--   bizo_system_read (SELECT only): the audited, read-only system scope (Transactions.asSystem) may read
--     every tenant's rows. It can never write them: writes must pass the tenant policy's WITH CHECK.
-- FORCE makes the policies bind the table owner too. The setting is read in a scalar sub-select so PostgreSQL
-- evaluates it once per statement (an init plan), not once per row: a multi-row insert or a scan pays for
-- current_setting() and the uuid cast once.
create function bizo_enable_tenant_isolation(target regclass) returns void
language plpgsql as $fn$
begin
  execute format('alter table %s enable row level security', target);
  execute format('alter table %s force row level security', target);
  execute format(
    'create policy bizo_tenant_isolation on %s'
    ' using (tenant_id = (select nullif(current_setting(''bizo.tenant_id'', true), '''')::uuid))'
    ' with check (tenant_id = (select nullif(current_setting(''bizo.tenant_id'', true), '''')::uuid))',
    target);
  execute format(
    'create policy bizo_system_read on %s for select'
    ' using (current_setting(''bizo.system_scope'', true) = ''on'')',
    target);
end
$fn$;

-- Append-only tables (audit trails, ledgers):  select bizo_make_append_only('my_table');
-- Updates, deletes and truncation fail with SQLSTATE BZ001, for every role including the owner.
create function bizo_forbid_change() returns trigger
language plpgsql as $fn$
begin
  raise exception 'table % is append-only', tg_table_name using errcode = 'BZ001';
end
$fn$;

create function bizo_make_append_only(target regclass) returns void
language plpgsql as $fn$
begin
  execute format(
    'create trigger bizo_append_only before update or delete on %s for each row execute function bizo_forbid_change()',
    target);
  execute format(
    'create trigger bizo_append_only_truncate before truncate on %s for each statement execute function bizo_forbid_change()',
    target);
end
$fn$;

revoke execute on function bizo_enable_tenant_isolation(regclass) from public;
revoke execute on function bizo_make_append_only(regclass) from public;

-- A tenant is its own tenant: tenant_id = id keeps one uniform policy for every table.
create table tenant (
  id          uuid        primary key,
  tenant_id   uuid        not null,
  name        text        not null check (length(name) between 1 and 200),
  slug        text        not null unique,
  status      text        not null check (status in ('ACTIVE', 'SUSPENDED')),
  created_at  timestamptz not null,
  constraint tenant_is_own_tenant check (tenant_id = id)
);
select bizo_enable_tenant_isolation('tenant');

create table tenant_user (
  id             uuid        primary key,
  tenant_id      uuid        not null references tenant (id),
  email          text        not null check (position('@' in email) > 1),
  -- filled by the auth module's Argon2id hasher; null until a password is set
  password_hash  text,
  role           text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
  active         boolean     not null,
  created_at     timestamptz not null
);
create unique index tenant_user_email_unique on tenant_user (tenant_id, lower(email));
select bizo_enable_tenant_isolation('tenant_user');

create table tenant_audit (
  id           uuid        primary key,
  tenant_id    uuid        not null references tenant (id),
  occurred_at  timestamptz not null,
  actor        text        not null,
  action       text        not null,
  target       text,
  detail       text
);
create index tenant_audit_recent on tenant_audit (tenant_id, occurred_at desc);
select bizo_enable_tenant_isolation('tenant_audit');
select bizo_make_append_only('tenant_audit');

-- Every opening of the system scope, with its reason. Platform data: no tenant, no RLS, append-only.
create table platform_audit (
  id           uuid        primary key,
  occurred_at  timestamptz not null,
  reason       text        not null
);
select bizo_make_append_only('platform_audit');

-- Per-tenant secrets: AES-256-GCM ciphertext (with tag), its 96-bit nonce, and the master key's id.
create table tenant_secret (
  id          uuid        primary key,
  tenant_id   uuid        not null references tenant (id),
  name        text        not null,
  key_id      text        not null,
  nonce       bytea       not null check (length(nonce) = 12),
  ciphertext  bytea       not null,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  unique (tenant_id, name)
);
select bizo_enable_tenant_isolation('tenant_secret');
