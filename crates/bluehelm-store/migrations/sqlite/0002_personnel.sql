-- The personnel pool: people, their catalogued specialties and qualifications, identity
-- documents, language tests and medical fitness. Sub-records keep their history: a renewal
-- is a new row. name_folded is the name without diacritics, lower-case, for search;
-- name_sort is the same in the order Vietnamese lists sort by: given, middle, family.

create table specialty (
    id integer primary key,
    code text not null unique,
    name_vi text not null,
    name_en text not null,
    created_at text not null,
    updated_at text not null
);

create table qualification_kind (
    id integer primary key,
    code text not null unique,
    category text not null,
    name_vi text not null,
    name_en text not null,
    validity_months integer,
    created_at text not null,
    updated_at text not null
);

create table person (
    id integer primary key,
    agency_id integer not null references agency (id),
    service text not null,
    service_number text not null,
    family_name text not null,
    middle_name text,
    given_name text not null,
    name_folded text not null,
    name_sort text not null,
    gender text not null,
    birth_date text not null,
    rank_code text,
    rank_order integer,
    phone text,
    email text,
    status text not null,
    last_return_on text,
    created_at text not null,
    updated_at text not null,
    unique (service, service_number)
);
create index person_agency_id on person (agency_id);
create index person_name_sort on person (name_sort);
create index person_birth_date on person (birth_date);
create index person_status on person (status);

-- Each word of a person's folded name, for the name search: a word prefix is a range scan.
create table person_word (
    word text not null,
    person_id integer not null references person (id) on delete cascade,
    primary key (word, person_id)
);
create index person_word_person on person_word (person_id, word);

create table person_specialty (
    person_id integer not null references person (id) on delete cascade,
    specialty_id integer not null references specialty (id),
    primary key (person_id, specialty_id)
);
create index person_specialty_specialty on person_specialty (specialty_id);

create table identity_document (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    kind text not null,
    number text not null,
    issued_on text,
    expires_on text,
    created_at text not null
);
create index identity_document_person on identity_document (person_id);
create index identity_document_expires on identity_document (expires_on);

create table language_test (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    language text not null,
    test text not null,
    score text,
    level text not null,
    tested_on text not null,
    valid_until text,
    created_at text not null
);
create index language_test_person on language_test (person_id);
create index language_test_person_language on language_test (person_id, language, level);
create index language_test_valid_until on language_test (valid_until);

create table qualification (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    kind_id integer not null references qualification_kind (id),
    issued_on text not null,
    expires_on text,
    reference text,
    created_at text not null
);
create index qualification_person on qualification (person_id);
create index qualification_kind_expires on qualification (kind_id, expires_on);
create index qualification_expires on qualification (expires_on);

create table medical_fitness (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    status text not null,
    examined_on text not null,
    valid_until text not null,
    restrictions text,
    created_at text not null
);
create index medical_fitness_person on medical_fitness (person_id);
create index medical_fitness_valid_until on medical_fitness (valid_until);

-- Settings an administrator changes as policy changes (eligibility margins …), as JSON.
create table setting (
    key text primary key,
    value text not null,
    updated_at text not null
);
