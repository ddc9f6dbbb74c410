-- A Flyway callback, run before this module's history is validated (every start; a no-op after the first).
-- Until bizo-webhooks existed, V1__webhooks_and_runs.sql also created the webhook tables; they are that module's
-- now (its own V1, the same tables). A database migrated before the move recorded this module's V1 with the
-- script's earlier checksum: exactly that one is taken as the current script's, so any other change to an applied
-- script still fails validation.
do $$
begin
  if to_regclass('flyway_history_agents') is not null then
    update flyway_history_agents set checksum = 9797899 where version = '1' and checksum = 313951227;
  end if;
end
$$;
