-- Force generation and dispatch: missions and their mandates, the UN's requests and the
-- nominations answering them, formed units with their tables of organisation and
-- readiness history, the dispatch procedure (templates as data, dossiers as instances),
-- and deployments. Templates and missions are seeded by the application.

create table mission (
    id integer primary key,
    code text not null unique,
    name_en text not null,
    name_vi text not null,
    host text not null,
    latitude real not null,
    longitude real not null,
    started_on text not null,
    closed_on text,
    created_at text not null
);

create table mandate_resolution (
    id integer primary key,
    mission_id integer not null references mission (id),
    number integer not null,
    year integer not null,
    adopted_on text not null,
    votes_for integer,
    votes_against integer,
    votes_abstaining integer,
    mandate_ends_on text,
    troop_ceiling integer,
    police_ceiling integer,
    establishes boolean not null,
    note text,
    created_at text not null,
    unique (number, year)
);
create index mandate_resolution_mission on mandate_resolution (mission_id, adopted_on);

create table un_request (
    id integer primary key,
    reference text not null unique,
    mission_id integer not null references mission (id),
    personnel_type text not null,
    received_on text not null,
    nomination_deadline text not null,
    tour_start text not null,
    tour_months integer not null,
    status text not null,
    note text,
    created_at text not null,
    updated_at text not null
);
create index un_request_status on un_request (status, nomination_deadline);

create table request_position (
    id integer primary key,
    request_id integer not null references un_request (id) on delete cascade,
    title text not null,
    requirements text not null,
    count integer not null
);
create index request_position_request on request_position (request_id);

create table nomination (
    id integer primary key,
    position_id integer not null references request_position (id) on delete cascade,
    person_id integer not null references person (id),
    status text not null,
    created_at text not null,
    unique (position_id, person_id)
);
create index nomination_person on nomination (person_id);

create table formed_unit (
    id integer primary key,
    agency_id integer not null references agency (id),
    mission_id integer references mission (id),
    name text not null unique,
    kind text not null,
    rotation integer not null,
    tour_months integer not null,
    overlap_days integer not null,
    deploys_on text,
    readiness text,
    created_at text not null,
    updated_at text not null
);
create index formed_unit_mission on formed_unit (mission_id);

create table unit_position (
    id integer primary key,
    unit_id integer not null references formed_unit (id) on delete cascade,
    title text not null,
    specialty text,
    count integer not null,
    language text,
    min_level text
);
create index unit_position_unit on unit_position (unit_id);

create table readiness_change (
    id integer primary key,
    unit_id integer not null references formed_unit (id) on delete cascade,
    level text not null,
    dated text not null,
    evidence text not null,
    created_at text not null
);
create index readiness_change_unit on readiness_change (unit_id, dated);

create table workflow_template (
    id integer primary key,
    code text not null unique,
    name_en text not null,
    name_vi text not null,
    legal_basis text not null,
    valid_from text not null,
    valid_to text,
    categories text not null,
    decisions text not null,
    created_at text not null
);

create table workflow_step (
    id integer primary key,
    template_id integer not null references workflow_template (id),
    seq integer not null,
    code text not null,
    name_en text not null,
    name_vi text not null,
    agency_code text not null,
    role text not null,
    limit_days integer not null,
    provision text not null,
    documents text not null,
    unique (template_id, code)
);

create table dossier (
    id integer primary key,
    template_id integer not null references workflow_template (id),
    title text not null,
    category text not null,
    decision text not null,
    dated text not null,
    explanation text not null,
    lead_agency_id integer not null references agency (id),
    request_id integer references un_request (id),
    unit_id integer references formed_unit (id),
    status text not null,
    created_at text not null,
    updated_at text not null
);
create index dossier_status on dossier (status, id);
create index dossier_request on dossier (request_id);

create table dossier_step (
    id integer primary key,
    dossier_id integer not null references dossier (id) on delete cascade,
    step_id integer not null references workflow_step (id),
    seq integer not null,
    agency_id integer not null references agency (id),
    role text not null,
    limit_days integer not null,
    status text not null,
    active_since text,
    decided_by integer references account (id),
    decided_at text,
    comment text,
    unique (dossier_id, step_id)
);
create index dossier_step_open on dossier_step (status, active_since);
create index dossier_step_dossier on dossier_step (dossier_id, seq);

create table dossier_event (
    id integer primary key,
    dossier_id integer not null references dossier (id) on delete cascade,
    dossier_step_id integer references dossier_step (id),
    action text not null,
    account_id integer references account (id),
    comment text,
    at text not null
);
create index dossier_event_dossier on dossier_event (dossier_id, id);

create table dossier_person (
    dossier_id integer not null references dossier (id) on delete cascade,
    person_id integer not null references person (id),
    primary key (dossier_id, person_id)
);
create index dossier_person_person on dossier_person (person_id);

create table dossier_document (
    id integer primary key,
    dossier_id integer not null references dossier (id) on delete cascade,
    kind text not null,
    file_name text not null,
    content_type text not null,
    size integer not null,
    sha256 text not null,
    content blob not null,
    uploaded_by integer references account (id),
    uploaded_at text not null
);
create index dossier_document_dossier on dossier_document (dossier_id);

create table deployment (
    id integer primary key,
    person_id integer not null references person (id),
    mission_id integer not null references mission (id),
    unit_id integer references formed_unit (id),
    position_id integer references request_position (id),
    dossier_id integer not null references dossier (id),
    appointment text not null,
    -- What the person was counted as when sent (UN statistics are by type and gender);
    -- the gender follows corrections of the person while the deployment is under way.
    personnel_type text not null,
    gender text not null,
    planned_departure text not null,
    planned_end text not null,
    departed_on text,
    arrived_on text,
    returned_on text,
    un_index text,
    status text not null,
    override_reason text,
    created_at text not null,
    updated_at text not null
);
-- One active deployment per person, guaranteed by the database as well as checked first.
create unique index deployment_active on deployment (person_id)
    where status not in ('returned', 'withdrawn');
create index deployment_status_mission on deployment (status, mission_id);
-- "Deployed now by mission, type and gender" reads this index alone.
create index deployment_on_the_ground on deployment (mission_id, personnel_type, gender)
    where status in ('deployed', 'extended');
create index deployment_unit on deployment (unit_id);
create index deployment_dossier on deployment (dossier_id);

create table incident (
    id integer primary key,
    deployment_id integer not null references deployment (id) on delete cascade,
    kind text not null,
    occurred_on text not null,
    summary text not null,
    follow_up text,
    closed_on text,
    created_at text not null,
    updated_at text not null
);
create index incident_deployment on incident (deployment_id);
