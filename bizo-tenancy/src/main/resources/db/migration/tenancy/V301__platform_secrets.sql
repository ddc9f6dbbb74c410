-- Platform-level secrets that belong to no tenant (e.g. the access-token signing keys every replica
-- shares), sealed with the master key like tenant secrets. No tenant column, hence no row-level security:
-- only ciphertext is stored, and the app role reads it to share keys across replicas.
CREATE TABLE bizo_platform_secret (
  name       text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  key_id     text        NOT NULL,
  nonce      bytea       NOT NULL,
  ciphertext bytea       NOT NULL,
  version    bigint      NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL
);
