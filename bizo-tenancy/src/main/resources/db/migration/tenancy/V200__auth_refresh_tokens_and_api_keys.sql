-- Auth storage (dev.bizo.tenancy.auth): refresh tokens and API keys. Secrets are stored only as
-- SHA-256 digests. Both tables hold tenant data, so both are under forced row-level security.

create table auth_refresh_token (
  id          uuid        primary key,
  tenant_id   uuid        not null,
  user_id     uuid        not null,
  family_id   uuid        not null,
  token_hash  bytea       not null unique,
  issued_at   timestamptz not null,
  expires_at  timestamptz not null,
  -- set when the token was exchanged for its successor; presenting it again is reuse
  used_at     timestamptz,
  -- set on the whole family by logout or by reuse detection
  revoked_at  timestamptz
);
create index auth_refresh_token_family on auth_refresh_token (tenant_id, family_id);
create index auth_refresh_token_user on auth_refresh_token (tenant_id, user_id);

alter table auth_refresh_token enable row level security;
alter table auth_refresh_token force row level security;
create policy auth_refresh_token_tenant_isolation on auth_refresh_token
  using (tenant_id = nullif(current_setting('bizo.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('bizo.tenant_id', true), '')::uuid);

create table auth_api_key (
  key_id        text        primary key,
  tenant_id     uuid        not null,
  name          text        not null,
  secret_hash   bytea       not null,
  scopes        text[]      not null,
  created_by    text,
  created_at    timestamptz not null,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create index auth_api_key_tenant on auth_api_key (tenant_id, created_at);

alter table auth_api_key enable row level security;
alter table auth_api_key force row level security;
create policy auth_api_key_tenant_isolation on auth_api_key
  using (tenant_id = nullif(current_setting('bizo.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('bizo.tenant_id', true), '')::uuid);
