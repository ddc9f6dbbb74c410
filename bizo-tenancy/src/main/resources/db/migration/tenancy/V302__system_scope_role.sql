-- The system scope reads across tenants through its own role instead of a policy that applies to the
-- application role. Permissive policies that apply to the same role are OR'd, so
--   (tenant_id = $tenant) OR (current_setting('bizo.system_scope') = 'on')
-- kept PostgreSQL from using (tenant_id, ...) indexes for every tenant-scoped read. Now the application
-- role sees only the tenant policy (an index condition), and the cross-tenant read policy applies only to
-- bizo_system_scope, which Transactions.asSystem switches to with SET LOCAL ROLE for one read-only
-- transaction (and which still requires the bizo.system_scope flag).
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'bizo_system_scope') then
    create role bizo_system_scope nologin nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
exception
  when duplicate_object then null; -- created meanwhile by another database of this cluster
end
$$;

grant usage on schema public to bizo_system_scope;
grant select on all tables in schema public to bizo_system_scope;
alter default privileges in schema public grant select on tables to bizo_system_scope;

create or replace function bizo_enable_tenant_isolation(target regclass) returns void
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
    'create policy bizo_system_read on %s for select to bizo_system_scope'
    ' using (current_setting(''bizo.system_scope'', true) = ''on'')',
    target);
end
$fn$;
revoke execute on function bizo_enable_tenant_isolation(regclass) from public;

-- Tables isolated before this migration (tenancy's own, and other modules' in existing databases).
do $$
declare
  p record;
begin
  for p in select schemaname, tablename from pg_policies where policyname = 'bizo_system_read' and schemaname = 'public' loop
    execute format('alter policy bizo_system_read on %I.%I to bizo_system_scope', p.schemaname, p.tablename);
  end loop;
end
$$;
