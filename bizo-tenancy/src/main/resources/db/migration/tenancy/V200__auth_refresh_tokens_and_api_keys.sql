-- Auth storage (dev.bizo.tenancy.auth): refresh tokens and API keys. Secrets are stored only as
-- SHA-256 digests. Both tables hold tenant data, so both get tenancy's row-level isolation (V1).

create table auth_refresh_token (
  id          uuid        primary key,
  tenant_id   uuid        not null references tenant (id),
  -- no foreign key: users may come from a CredentialStore other than tenant_user
  user_id     uuid        not null,
  family_id   uuid        not null,
  token_hash  bytea       not null unique check (length(token_hash) = 32),
  issued_at   timestamptz not null,
  expires_at  timestamptz not null,
  -- set when the token was exchanged for its successor; presenting it again is reuse
  used_at     timestamptz,
  -- set on the whole family by logout or by reuse detection
  revoked_at  timestamptz
);
create index auth_refresh_token_family on auth_refresh_token (tenant_id, family_id);
create index auth_refresh_token_user on auth_refresh_token (tenant_id, user_id);
select bizo_enable_tenant_isolation('auth_refresh_token');

create table auth_api_key (
  key_id        text        primary key,
  tenant_id     uuid        not null references tenant (id),
  name          text        not null check (length(name) between 1 and 100),
  secret_hash   bytea       not null check (length(secret_hash) = 32),
  scopes        text[]      not null check (cardinality(scopes) > 0),
  created_by    text,
  created_at    timestamptz not null,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create index auth_api_key_tenant on auth_api_key (tenant_id, created_at);
select bizo_enable_tenant_isolation('auth_api_key');
