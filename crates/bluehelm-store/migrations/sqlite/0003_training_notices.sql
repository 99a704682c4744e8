-- Training courses and who attends them; a pass records the qualification the course
-- awards (qualification_id). Expiry notices: one row per recipient, record and lead time,
-- which the unique key makes idempotent however often the sweep runs.

create table training_course (
    id integer primary key,
    agency_id integer not null references agency (id),
    title text not null,
    provider text not null,
    place text,
    starts_on text not null,
    ends_on text not null,
    capacity integer not null,
    qualification_kind_id integer references qualification_kind (id),
    created_at text not null,
    updated_at text not null
);
create index training_course_starts_on on training_course (starts_on);
create index training_course_agency on training_course (agency_id);

create table enrolment (
    id integer primary key,
    course_id integer not null references training_course (id) on delete cascade,
    person_id integer not null references person (id) on delete cascade,
    status text not null,
    score text,
    result_on text,
    qualification_id integer references qualification (id),
    created_at text not null,
    updated_at text not null,
    unique (course_id, person_id)
);
create index enrolment_person on enrolment (person_id);

create table notice (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    person_id integer not null references person (id) on delete cascade,
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
create index notice_account on notice (account_id, id);
create index notice_unsent on notice (emailed_at, id);
