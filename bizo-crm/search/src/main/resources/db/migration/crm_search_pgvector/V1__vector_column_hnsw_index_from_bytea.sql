-- The pgvector path of semantic search (issue 18). Registered only where the vector extension exists or the
-- owner can create it (PgVectorPersistence.check). The bytea column stays: it is written beside the vector, so
-- the exact scan remains the reference and the fallback over the same rows.
create extension if not exists vector;

alter table crm_lead_embedding add column embedding vector(384);

-- float32 little-endian bytea (ExactScanStore's form) to real[], exactly: every float32 is a double, and the
-- sign, exponent and mantissa are read bit for bit (subnormals included; embeddings hold no inf or NaN).
create function crm_embedding_floats(v bytea) returns real[]
language sql immutable strict parallel safe as $fn$
  select array_agg(
           ((case when s = 1 then -1.0 else 1.0 end)::float8
             * (case when e = 0 then m::float8 * 2.0::float8 ^ (-149)
                     else (1.0::float8 + m::float8 / 8388608.0::float8) * 2.0::float8 ^ (e - 127) end))::real
           order by i)
  from (
    select i,
           get_byte(v, i * 4 + 3) >> 7 as s,
           ((get_byte(v, i * 4 + 3) & 127) << 1) | (get_byte(v, i * 4 + 2) >> 7) as e,
           ((get_byte(v, i * 4 + 2) & 127) << 16) | (get_byte(v, i * 4 + 1) << 8) | get_byte(v, i * 4) as m
    from generate_series(0, length(v) / 4 - 1) as i
  ) as bits
$fn$;

-- Existing embeddings move over; other dimensions cannot live in vector(384) and stay for the exact scan.
-- Forced row-level security binds the owner too (unless a superuser), and this is the owner's one-off work
-- over every tenant's rows: lifted for the update only, inside this migration's transaction.
alter table crm_lead_embedding no force row level security;
update crm_lead_embedding set embedding = crm_embedding_floats(vector)::vector(384) where dimension = 384;
alter table crm_lead_embedding force row level security;

-- One graph for all tenants; searches filter by tenant under row-level security with iterative index scans
-- (pgvector 0.8's hnsw.iterative_scan), so a tenant's share of the table does not cap what a search finds.
create index crm_lead_embedding_hnsw on crm_lead_embedding using hnsw (embedding vector_cosine_ops);
