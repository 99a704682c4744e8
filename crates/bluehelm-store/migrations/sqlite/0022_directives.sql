-- Directives given by a conference, a leader or a legal document, and the tasks they give
-- to a presiding agency with coordinating agencies (task_agency, each with its own
-- contribution), a deadline and an expected product. A task's history (progress with the
-- share done, submission, return with comments, acceptance, deadlines moved) is kept in
-- task_event; who reads a task is decided on its task_agency rows.
create table directive (
    id integer primary key,
    title text not null,
    issued_on text not null,
    issued_by text not null,
    document_id integer references legal_document (id),
    created_by integer references account (id),
    created_at text not null
);
create index directive_issued on directive (issued_on);

create table task (
    id integer primary key,
    directive_id integer not null references directive (id) on delete cascade,
    title text not null,
    product text not null,
    presiding_agency_id integer not null references agency (id),
    due_on text not null,
    status text not null,
    share_done integer not null default 0,
    law_project_id integer references law_project (id),
    closed_on text,
    created_at text not null,
    updated_at text not null
);
create index task_open on task (status, due_on);
create index task_directive on task (directive_id);

create table task_agency (
    id integer primary key,
    task_id integer not null references task (id) on delete cascade,
    agency_id integer not null references agency (id),
    part text not null,
    contribution text,
    unique (task_id, agency_id)
);
create index task_agency_agency on task_agency (agency_id);

create table task_event (
    id integer primary key,
    task_id integer not null references task (id) on delete cascade,
    action text not null,
    status text not null,
    share_done integer not null,
    note text,
    due_before text,
    due_after text,
    account_id integer references account (id),
    agency_id integer references agency (id),
    at text not null
);
create index task_event_task on task_event (task_id, id);
