-- Tells background jobs at once that a tenant was created or changed status: NOTIFY on channel bizo_tenants
-- with the tenant id as the only payload, delivered on commit.
create function bizo_tenant_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('bizo_tenants', new.id::text);
  return null;
end
$$;
create trigger bizo_tenant_notify after insert or update of status on tenant
  for each row execute function bizo_tenant_notify();
