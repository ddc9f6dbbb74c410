-- Deliberately NOT under row-level security: the contract must catch it.
create table leaky_note (
  id         uuid  primary key,
  tenant_id  uuid  not null,
  body       text  not null
);
