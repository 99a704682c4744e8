-- The bodies that coordinate the country's participation (steering committees, the
-- inter-agency working group, inspection teams, any other an administrator adds) with
-- their standing agency, and their members: an account or a named official, with a
-- position, an agency, a role in the body and a term.
create table coordination_body (
    id integer primary key,
    kind text not null,
    name_vi text not null,
    name_en text not null,
    standing_agency_id integer not null references agency (id),
    note text,
    created_at text not null,
    updated_at text not null
);

create table body_member (
    id integer primary key,
    body_id integer not null references coordination_body (id) on delete cascade,
    account_id integer references account (id),
    name text,
    position text not null,
    agency_id integer not null references agency (id),
    role text not null,
    from_on text not null,
    to_on text,
    created_at text not null
);
create index body_member_body on body_member (body_id, role);
