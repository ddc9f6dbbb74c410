-- to_char is stable, not immutable; say so (the function is only called from triggers and reports).
alter function crm_lead_rollup_keys(text, text, integer, text, text, smallint, timestamptz) stable;
