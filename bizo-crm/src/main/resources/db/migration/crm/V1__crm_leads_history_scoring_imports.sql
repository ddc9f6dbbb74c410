-- CRM tables. Every table carries tenant_id and is under forced row-level security.
-- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).

create table crm_lead (
  id                 uuid        primary key,
  tenant_id          uuid        not null references tenant (id),
  name               text        not null check (length(name) between 1 and 200),
  email              text,
  phone              text,
  company            text,
  job_title          text,
  industry           text,
  company_size       integer     check (company_size >= 0),
  country            text,
  source             text        not null,
  utm_source         text,
  utm_medium         text,
  utm_campaign       text,
  utm_term           text,
  utm_content        text,
  owner              text,
  tags               text[]      not null default '{}',
  attributes         jsonb       not null default '{}',
  status             text        not null,
  -- when the lead entered its current status: the start of its time in stage
  status_since       timestamptz not null,
  -- furthest pipeline stage ever reached (0 NEW .. 5 WON), kept up to date so the funnel is one scan
  furthest_stage     smallint    not null default 0,
  score              integer     not null default 0 check (score between 0 and 100),
  priority           text        not null default 'COLD',
  score_explanation  jsonb       not null default '[]',
  scorer_id          text        not null default 'rules',
  scorer_version     text        not null default '',
  scored_at          timestamptz not null,
  import_id          uuid,
  created_at         timestamptz not null,
  updated_at         timestamptz not null
);
-- one lead per e-mail address per tenant, whatever its case
create unique index crm_lead_email_unique on crm_lead (tenant_id, lower(email));
-- keyset pagination: (sort key, id) per tenant
create index crm_lead_by_created on crm_lead (tenant_id, created_at, id);
create index crm_lead_by_score   on crm_lead (tenant_id, score, id);
create index crm_lead_by_name    on crm_lead (tenant_id, name, id);
-- filters and grouped analytics
create index crm_lead_by_status  on crm_lead (tenant_id, status, source);
create index crm_lead_by_source  on crm_lead (tenant_id, source, status);
create index crm_lead_by_owner   on crm_lead (tenant_id, owner);
create index crm_lead_by_stage   on crm_lead (tenant_id, furthest_stage);
create index crm_lead_tags       on crm_lead using gin (tags);
create index crm_lead_text       on crm_lead using gin (
  to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, '')));
select bizo_enable_tenant_isolation('crm_lead');

-- Who moved a lead from which status to which, and when. No foreign key to crm_lead: the history
-- outlives a deleted lead.
create table crm_lead_status_change (
  id            uuid        primary key,
  tenant_id     uuid        not null references tenant (id),
  lead_id       uuid        not null,
  from_status   text        not null,
  to_status     text        not null,
  changed_by    text        not null,
  changed_at    timestamptz not null,
  -- when the lead entered from_status, so time in stage needs no window function
  entered_from  timestamptz not null
);
create index crm_status_change_by_lead on crm_lead_status_change (tenant_id, lead_id, changed_at);
create index crm_status_change_by_from on crm_lead_status_change (tenant_id, from_status);
select bizo_enable_tenant_isolation('crm_lead_status_change');
select bizo_make_append_only('crm_lead_status_change');

create table crm_activity (
  id           uuid        primary key,
  tenant_id    uuid        not null references tenant (id),
  lead_id      uuid        not null references crm_lead (id) on delete cascade,
  type         text        not null,
  occurred_at  timestamptz not null,
  detail       text
);
create index crm_activity_by_lead on crm_activity (tenant_id, lead_id, occurred_at);
select bizo_enable_tenant_isolation('crm_activity');

-- Every score change: the delta, its cause and the scorer that produced it.
create table crm_score_history (
  id              uuid        primary key,
  tenant_id       uuid        not null references tenant (id),
  lead_id         uuid        not null,
  previous_score  integer     not null,
  new_score       integer     not null,
  delta           integer     not null,
  cause           text        not null,
  scorer_id       text        not null,
  scorer_version  text        not null,
  scored_at       timestamptz not null
);
create index crm_score_history_by_lead on crm_score_history (tenant_id, lead_id, scored_at);
select bizo_enable_tenant_isolation('crm_score_history');
select bizo_make_append_only('crm_score_history');

-- Trained predictive models, versioned; at most one active per tenant.
create table crm_scoring_model (
  id            uuid        primary key,
  tenant_id     uuid        not null references tenant (id),
  version       integer     not null check (version > 0),
  model         bytea       not null,
  auc           double precision not null,
  pr_auc        double precision not null,
  metrics       jsonb       not null,
  active        boolean     not null default false,
  trained_at    timestamptz not null,
  activated_at  timestamptz,
  unique (tenant_id, version)
);
create unique index crm_scoring_model_one_active on crm_scoring_model (tenant_id) where active;
select bizo_enable_tenant_isolation('crm_scoring_model');

-- Resumable bulk imports: progress is committed with each batch of leads.
create table crm_import (
  id            uuid        primary key,
  tenant_id     uuid        not null references tenant (id),
  file_name     text        not null,
  format        text        not null check (format in ('CSV', 'NDJSON')),
  mode          text        not null check (mode in ('BEST_EFFORT', 'ALL_OR_NOTHING')),
  batch_size    integer     not null check (batch_size > 0),
  status        text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
  total         bigint      not null default 0,
  processed     bigint      not null default 0,
  imported      bigint      not null default 0,
  rejected      bigint      not null default 0,
  -- duplicate e-mail rows found while writing (the importer reports the other bad rows)
  write_errors  jsonb       not null default '[]',
  errors        jsonb       not null default '[]',
  started_at    timestamptz not null,
  updated_at    timestamptz not null
);
select bizo_enable_tenant_isolation('crm_import');
