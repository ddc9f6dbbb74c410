-- Brand notes (tone of voice, claims, product facts) that ground the content creator, with their
-- embeddings (all-MiniLM-L6-v2 by default; pgvector is not assumed, so vectors are real[] ranked in Java).
create table agents_brand_note (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    text        text        not null check (length(text) between 1 and 4000),
    embedding   real[]      not null,
    created_at  timestamptz not null
);
create index agents_brand_note_tenant on agents_brand_note (tenant_id, created_at);
select bizo_enable_tenant_isolation('agents_brand_note');
