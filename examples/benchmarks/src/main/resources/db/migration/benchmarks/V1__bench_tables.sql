-- Two identical tables; only bench_rls is under Bizo's forced row-level security.
create table bench_rls (
  id         uuid        primary key,
  tenant_id  uuid        not null,
  amount     bigint      not null,
  note       text        not null,
  created_at timestamptz not null
);
create index bench_rls_tenant on bench_rls (tenant_id);
select bizo_enable_tenant_isolation('bench_rls');

create table bench_plain (
  id         uuid        primary key,
  tenant_id  uuid        not null,
  amount     bigint      not null,
  note       text        not null,
  created_at timestamptz not null
);
create index bench_plain_tenant on bench_plain (tenant_id);
