-- The outbox tells of more than a person's expiring records: a legal document about to
-- end or be replaced, a task near its deadline. Such a notice names no person; its record
-- and record_id say what it is about, and lead_days the threshold it is for. SQLite
-- changes a column's nullability by rebuilding the table.
create table notice_new (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    person_id integer references person (id) on delete cascade,
    record text not null,
    record_id integer not null,
    what text not null,
    expires_on text not null,
    lead_days integer not null,
    created_at text not null,
    emailed_at text,
    email_attempts integer not null default 0,
    read_at text,
    unique (account_id, record, record_id, lead_days)
);
insert into notice_new select id, account_id, person_id, record, record_id, what, expires_on,
    lead_days, created_at, emailed_at, email_attempts, read_at from notice;
drop table notice;
alter table notice_new rename to notice;
create index notice_account on notice (account_id, id);
create index notice_unsent on notice (emailed_at, id);
