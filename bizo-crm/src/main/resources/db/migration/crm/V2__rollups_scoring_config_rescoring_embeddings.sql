-- Pre-aggregated analytics, per-tenant scoring configuration, background rescoring and stored embeddings.
-- Every new table carries tenant_id and is under forced row-level security.

-- Report counters per tenant: (dimension, key) -> count, folded from crm_lead_rollup_delta by
-- LeadAnalytics.compact. Dimensions: status, source, band (score / 10, 9 holds 90-100), priority, owner,
-- stage (furthest pipeline stage), closed (source:WON / source:LOST), day (creation day, UTC, YYYY-MM-DD),
-- stage_ms and stage_moves (time spent in each from_status, summed, and the number of moves).
create table crm_lead_rollup (
  tenant_id  uuid   not null references tenant (id),
  dimension  text   not null,
  key        text   not null,
  leads      bigint not null,
  primary key (tenant_id, dimension, key)
);
select bizo_enable_tenant_isolation('crm_lead_rollup');

-- Changes not folded yet. Triggers only ever insert here, so concurrent lead writes never wait on a
-- shared counter row; reports add the pending deltas to the counters, so they are always exact.
create table crm_lead_rollup_delta (
  id         bigint generated always as identity primary key,
  tenant_id  uuid   not null references tenant (id),
  dimension  text   not null,
  key        text   not null,
  delta      bigint not null
);
create index crm_lead_rollup_delta_by_key on crm_lead_rollup_delta (tenant_id, dimension, key);
select bizo_enable_tenant_isolation('crm_lead_rollup_delta');

-- The (dimension, key) pairs one lead row counts under.
create function crm_lead_rollup_keys(status text, source text, score integer, priority text, owner text,
                                     furthest_stage smallint, created_at timestamptz)
returns table (dimension text, key text)
language sql immutable as $fn$
  select d, k from (values
    ('status', status),
    ('source', source),
    ('band', least(score / 10, 9)::text),
    ('priority', priority),
    ('owner', coalesce(owner, '(none)')),
    ('stage', furthest_stage::text),
    ('closed', case when status in ('WON', 'LOST') then source || ':' || status end),
    ('day', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD'))) v(d, k)
  where k is not null
$fn$;

create function crm_lead_rollup_on_insert() returns trigger
language plpgsql as $fn$
begin
  insert into crm_lead_rollup_delta (tenant_id, dimension, key, delta)
  select n.tenant_id, k.dimension, k.key, count(*)
  from new_rows n
  cross join lateral crm_lead_rollup_keys(n.status, n.source, n.score, n.priority, n.owner, n.furthest_stage, n.created_at) k
  group by n.tenant_id, k.dimension, k.key;
  return null;
end
$fn$;

create function crm_lead_rollup_on_update() returns trigger
language plpgsql as $fn$
begin
  insert into crm_lead_rollup_delta (tenant_id, dimension, key, delta)
  select tenant_id, dimension, key, sum(n) from (
    select o.tenant_id, k.dimension, k.key, -1 n
    from old_rows o
    cross join lateral crm_lead_rollup_keys(o.status, o.source, o.score, o.priority, o.owner, o.furthest_stage, o.created_at) k
    union all
    select w.tenant_id, k.dimension, k.key, 1
    from new_rows w
    cross join lateral crm_lead_rollup_keys(w.status, w.source, w.score, w.priority, w.owner, w.furthest_stage, w.created_at) k
  ) changes
  group by tenant_id, dimension, key
  having sum(n) <> 0;
  return null;
end
$fn$;

create function crm_lead_rollup_on_delete() returns trigger
language plpgsql as $fn$
begin
  insert into crm_lead_rollup_delta (tenant_id, dimension, key, delta)
  select o.tenant_id, k.dimension, k.key, -count(*)
  from old_rows o
  cross join lateral crm_lead_rollup_keys(o.status, o.source, o.score, o.priority, o.owner, o.furthest_stage, o.created_at) k
  group by o.tenant_id, k.dimension, k.key;
  return null;
end
$fn$;

create trigger crm_lead_rollup_insert after insert on crm_lead
  referencing new table as new_rows for each statement execute function crm_lead_rollup_on_insert();
create trigger crm_lead_rollup_update after update on crm_lead
  referencing old table as old_rows new table as new_rows for each statement execute function crm_lead_rollup_on_update();
create trigger crm_lead_rollup_delete after delete on crm_lead
  referencing old table as old_rows for each statement execute function crm_lead_rollup_on_delete();

-- Time in stage, from the append-only status history.
create function crm_stage_time_on_insert() returns trigger
language plpgsql as $fn$
begin
  insert into crm_lead_rollup_delta (tenant_id, dimension, key, delta)
  select tenant_id, 'stage_ms', from_status, sum(floor(extract(epoch from (changed_at - entered_from)) * 1000))::bigint
  from new_rows group by tenant_id, from_status
  union all
  select tenant_id, 'stage_moves', from_status, count(*)
  from new_rows group by tenant_id, from_status;
  return null;
end
$fn$;

create trigger crm_stage_time_insert after insert on crm_lead_status_change
  referencing new table as new_rows for each statement execute function crm_stage_time_on_insert();

-- Per-tenant scoring configuration. generation grows with every change of rules, thresholds or active
-- model; a lead scored under an older generation is due for rescoring.
create table crm_scoring_config (
  tenant_id   uuid        primary key references tenant (id),
  rules       jsonb,
  thresholds  jsonb,
  generation  bigint      not null default 0,
  updated_at  timestamptz not null,
  updated_by  text        not null
);
select bizo_enable_tenant_isolation('crm_scoring_config');

alter table crm_lead add column score_generation bigint not null default 0;
-- when engagement decay next changes the score enough to matter; null when nothing decays
alter table crm_lead add column rescore_at timestamptz;
create index crm_lead_by_generation on crm_lead (tenant_id, score_generation, id);
create index crm_lead_by_rescore_at on crm_lead (tenant_id, rescore_at, id) where rescore_at is not null;

-- Training runs are recorded too: a failed run keeps its reason and has no model bytes.
alter table crm_scoring_model add column status text not null default 'TRAINED'
  check (status in ('TRAINED', 'FAILED'));
alter table crm_scoring_model add column failure text;
alter table crm_scoring_model alter column model drop not null;
alter table crm_scoring_model alter column auc drop not null;
alter table crm_scoring_model alter column pr_auc drop not null;
alter table crm_scoring_model add constraint crm_scoring_model_trained_has_model
  check (status = 'FAILED' or (model is not null and auc is not null and pr_auc is not null));
alter table crm_scoring_model add constraint crm_scoring_model_only_trained_active
  check (not active or status = 'TRAINED');

-- Stored embeddings: float32 little-endian vectors, one per lead, computed off the request path. seq
-- takes a new value on every write, so a search cache reloads only what changed since it last looked.
create sequence crm_lead_embedding_seq;
create table crm_lead_embedding (
  lead_id      uuid        primary key references crm_lead (id) on delete cascade,
  tenant_id    uuid        not null references tenant (id),
  dimension    smallint    not null check (dimension > 0),
  vector       bytea       not null check (length(vector) = 4 * dimension),
  text_hash    text        not null,
  model        text        not null,
  seq          bigint      not null default nextval('crm_lead_embedding_seq'),
  embedded_at  timestamptz not null
);
create index crm_lead_embedding_by_seq on crm_lead_embedding (tenant_id, seq);
select bizo_enable_tenant_isolation('crm_lead_embedding');

-- Leads whose text changed since they were embedded; drained by indexPending.
create table crm_embedding_pending (
  lead_id      uuid        primary key references crm_lead (id) on delete cascade,
  tenant_id    uuid        not null references tenant (id),
  enqueued_at  timestamptz not null
);
create index crm_embedding_pending_by_time on crm_embedding_pending (tenant_id, enqueued_at);
select bizo_enable_tenant_isolation('crm_embedding_pending');

-- Embedded leads that were deleted, so search caches can drop them.
create table crm_embedding_removed (
  id         bigint generated always as identity primary key,
  tenant_id  uuid   not null references tenant (id),
  lead_id    uuid   not null
);
create index crm_embedding_removed_by_id on crm_embedding_removed (tenant_id, id);
select bizo_enable_tenant_isolation('crm_embedding_removed');

create function crm_embedding_on_delete() returns trigger
language plpgsql as $fn$
begin
  insert into crm_embedding_removed (tenant_id, lead_id) values (old.tenant_id, old.lead_id);
  return null;
end
$fn$;
create trigger crm_embedding_delete after delete on crm_lead_embedding
  for each row execute function crm_embedding_on_delete();
