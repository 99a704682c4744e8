-- The country's record on the Security Council: its terms as an elected member (with
-- the votes received), the months it presided over the Council, and its initiatives,
-- each linked to the resolution or document of the legal registry it produced. Facts the
-- published record does not confirm are kept unverified.
create table council_term (
    id integer primary key,
    starts_on text not null unique,
    ends_on text not null,
    elected_on text,
    votes_for integer,
    votes_cast integer,
    verified boolean not null default false,
    note text,
    created_at text not null
);

create table council_presidency (
    id integer primary key,
    term_id integer not null references council_term (id),
    -- The first day of the month presided.
    month text not null unique,
    verified boolean not null default false
);

create table council_initiative (
    id integer primary key,
    term_id integer not null references council_term (id),
    title_vi text not null,
    title_en text not null,
    -- The resolution or document it produced, when the registry holds one.
    document_id integer references legal_document (id),
    happened_on text,
    verified boolean not null default false,
    note text
);
create index council_initiative_term on council_initiative (term_id);
