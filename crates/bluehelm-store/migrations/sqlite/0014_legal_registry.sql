-- The legal registry: documents (laws, decrees, Security Council resolutions, …) with their
-- dates and source, kept by the agency that registered them, and the typed, dated
-- relations between them, from which a document's status on any date is derived.
create table legal_document (
    id integer primary key,
    kind text not null,
    number text,
    title_vi text not null,
    title_en text not null,
    issuer text not null,
    signed_on text,
    effective_on text,
    ends_on text,
    source_url text,
    verified boolean not null default false,
    note text,
    -- The number and both titles folded (no case, no diacritics), for the registry's search.
    search_folded text not null default '',
    agency_id integer not null references agency (id),
    created_at text not null,
    updated_at text not null,
    unique (kind, number)
);
create index legal_document_effective on legal_document (effective_on);

create table legal_relation (
    id integer primary key,
    subject_id integer not null references legal_document (id) on delete cascade,
    kind text not null,
    object_id integer not null references legal_document (id) on delete cascade,
    effective_on text not null,
    articles text,
    created_at text not null,
    unique (subject_id, kind, object_id)
);
create index legal_relation_object on legal_relation (object_id, kind);
