-- Delta rows are derived from crm_lead and crm_lead_status_change rows, whose own foreign keys already
-- guarantee the tenant exists; checking it again for each of the ~8 deltas of every lead write made
-- writes measurably slower.
alter table crm_lead_rollup_delta drop constraint crm_lead_rollup_delta_tenant_id_fkey;
