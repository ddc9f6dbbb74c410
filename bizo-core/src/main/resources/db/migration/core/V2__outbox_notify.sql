-- Wakes delivery as soon as an event commits: every outbox insert sends NOTIFY on channel bizo_outbox with
-- the event's tenant id as the only payload (never event data). PostgreSQL delivers it on commit only and folds
-- the identical notifications of one transaction (a batch of one tenant's events) into one.
create function bizo_outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('bizo_outbox', new.tenant_id::text);
  return null;
end
$$;
create trigger bizo_outbox_notify after insert on bizo_outbox
  for each row execute function bizo_outbox_notify();
