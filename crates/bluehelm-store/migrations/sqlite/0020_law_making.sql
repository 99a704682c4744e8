-- Law-making projects: a law, a decree or a circular prepared through the stages of its
-- kind, with the agencies involved, the draft versions and the opinions received on them
-- (a comment table: what each agency said and how it was taken in). Adoption completes or
-- creates the text's entry in the legal registry (document_id) with the relations the
-- project planned (implements_id, replaces_id).
create table law_project (
    id integer primary key,
    kind text not null,
    title_vi text not null,
    title_en text not null,
    presiding_agency_id integer not null references agency (id),
    guiding_agency_id integer references agency (id),
    opened_on text not null,
    status text not null,
    document_id integer references legal_document (id),
    implements_id integer references legal_document (id),
    replaces_id integer references legal_document (id),
    note text,
    created_at text not null,
    updated_at text not null
);
create index law_project_status on law_project (status, opened_on);

-- Every agency involved in a project and how (presiding, guiding, consulted): who may
-- read it is decided on these rows.
create table law_project_agency (
    id integer primary key,
    project_id integer not null references law_project (id) on delete cascade,
    agency_id integer not null references agency (id),
    part text not null,
    unique (project_id, agency_id)
);
create index law_project_agency_agency on law_project_agency (agency_id);

create table law_stage (
    id integer primary key,
    project_id integer not null references law_project (id) on delete cascade,
    seq integer not null,
    code text not null,
    name_vi text not null,
    name_en text not null,
    days integer not null,
    status text not null,
    started_on text,
    due_on text,
    done_on text,
    note text,
    done_by integer references account (id),
    unique (project_id, seq)
);

create table law_draft (
    id integer primary key,
    project_id integer not null references law_project (id) on delete cascade,
    version integer not null,
    stage_code text not null,
    dated text not null,
    summary text not null,
    created_by integer references account (id),
    created_at text not null,
    unique (project_id, version)
);

create table law_opinion (
    id integer primary key,
    project_id integer not null references law_project (id) on delete cascade,
    agency_id integer not null references agency (id),
    version integer,
    received_on text not null,
    content text not null,
    disposition text not null,
    response text,
    created_at text not null,
    updated_at text not null
);
create index law_opinion_project on law_opinion (project_id, received_on);
