-- The outbox tells of more than a person's expiring records: a legal document about to
-- end or be replaced, a task near its deadline. Such a notice names no person; its record
-- and record_id say what it is about, and lead_days the threshold it is for.
alter table notice alter column person_id drop not null;
