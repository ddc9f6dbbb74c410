-- A stand-in for a later module: its own location, its own history, the shared isolation helper.
create table widget (
  id         uuid   primary key,
  tenant_id  uuid   not null references tenant (id),
  label      text   not null
);
select bizo_enable_tenant_isolation('widget');
