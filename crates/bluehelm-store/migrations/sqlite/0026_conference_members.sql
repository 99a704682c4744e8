-- The members of the conference's body who attended. Some databases already have this
-- table from an earlier form of migration 0024, hence `if not exists`.
create table if not exists conference_member (
    id integer primary key,
    conference_id integer not null references conference (id) on delete cascade,
    member_id integer not null references body_member (id),
    unique (conference_id, member_id)
);
