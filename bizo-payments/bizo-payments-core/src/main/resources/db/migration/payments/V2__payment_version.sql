-- A payment's version, one up on every save. A request carries the payment it wrote before calling the
-- gateway into the transaction that records the answer, and re-reads it only if the version moved meanwhile
-- (a webhook or reconciliation saved it): one locking query instead of reading the payment, its transactions
-- and its history again.
alter table payment add column version bigint not null default 0;
