-- Conferences of the coordinating bodies (chair, attending agencies, agenda, conclusions)
-- and the directives they issue; inspections of the forces at missions by a team, with
-- their checklist, findings and recommendations (each recommendation a task of the task
-- system, so its follow-up is the task's); dissemination and legal-education activities
-- with the registry documents they spread. A task may concern a mission, a unit or a
-- dossier.
create table conference (
    id integer primary key,
    body_id integer references coordination_body (id),
    title text not null,
    held_on text not null,
    chair text not null,
    place text,
    agenda text,
    conclusions text,
    conclusion_document_id integer references legal_document (id),
    created_by integer references account (id),
    created_at text not null
);
create index conference_held on conference (held_on);

create table conference_agency (
    id integer primary key,
    conference_id integer not null references conference (id) on delete cascade,
    agency_id integer not null references agency (id),
    unique (conference_id, agency_id)
);

create table inspection (
    id integer primary key,
    body_id integer not null references coordination_body (id),
    mission_id integer not null references mission (id),
    title text not null,
    from_on text not null,
    to_on text not null,
    note text,
    created_by integer references account (id),
    created_at text not null,
    updated_at text not null
);
create index inspection_mission on inspection (mission_id, from_on);
create index inspection_from on inspection (from_on);

create table inspection_unit (
    id integer primary key,
    inspection_id integer not null references inspection (id) on delete cascade,
    unit_id integer not null references formed_unit (id),
    unique (inspection_id, unit_id)
);

-- The officers a visit saw in person, among those whose tour at the mission overlaps it.
create table inspection_person (
    id integer primary key,
    inspection_id integer not null references inspection (id) on delete cascade,
    person_id integer not null references person (id),
    unique (inspection_id, person_id)
);
create index inspection_person_person on inspection_person (person_id);

create table inspection_check (
    id integer primary key,
    inspection_id integer not null references inspection (id) on delete cascade,
    area text not null,
    result text not null,
    note text,
    unique (inspection_id, area)
);

create table inspection_finding (
    id integer primary key,
    inspection_id integer not null references inspection (id) on delete cascade,
    area text not null,
    severity text not null,
    description text not null,
    unit_id integer references formed_unit (id),
    created_at text not null
);
create index inspection_finding_inspection on inspection_finding (inspection_id, area);

alter table directive add column conference_id integer references conference (id);
alter table directive add column inspection_id integer references inspection (id);
create index directive_conference on directive (conference_id);
create index directive_inspection on directive (inspection_id);
alter table task add column mission_id integer references mission (id);
create index task_mission on task (mission_id);
alter table task add column unit_id integer references formed_unit (id);
create index task_unit on task (unit_id);
alter table task add column dossier_id integer references dossier (id);
create index task_dossier on task (dossier_id);

-- What shows a finding: photographs, reports, scanned records (checked by name and
-- content), each with its SHA-256.
create table finding_evidence (
    id integer primary key,
    finding_id integer not null references inspection_finding (id) on delete cascade,
    file_name text not null,
    content_type text not null,
    size integer not null,
    sha256 text not null,
    content blob not null,
    uploaded_by integer references account (id),
    uploaded_at text not null
);
create index finding_evidence_finding on finding_evidence (finding_id);

create table inspection_recommendation (
    id integer primary key,
    inspection_id integer not null references inspection (id) on delete cascade,
    finding_id integer references inspection_finding (id),
    task_id integer not null unique references task (id),
    created_at text not null
);
create index inspection_recommendation_inspection on inspection_recommendation (inspection_id);

create table outreach_activity (
    id integer primary key,
    kind text not null,
    title text not null,
    held_on text not null,
    agency_id integer not null references agency (id),
    place text,
    audience text,
    participants integer not null default 0,
    viewers integer not null default 0,
    materials text,
    created_by integer references account (id),
    created_at text not null,
    updated_at text not null
);
create index outreach_held on outreach_activity (held_on);
create index outreach_agency on outreach_activity (agency_id, held_on);

create table outreach_document (
    id integer primary key,
    activity_id integer not null references outreach_activity (id) on delete cascade,
    document_id integer not null references legal_document (id),
    unique (activity_id, document_id)
);
create index outreach_document_document on outreach_document (document_id);
