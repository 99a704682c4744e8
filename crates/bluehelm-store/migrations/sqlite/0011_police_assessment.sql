-- A police officer's Assessment for Mission Service, part by part: the score and the pass
-- mark of each part taken on one day. A group of parts passed in full also becomes a
-- qualification (`ams-english`, `ams-interview`, `ams-driving`, `ams-firearms`).
create table police_assessment (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    assessed_on text not null,
    part text not null,
    score integer not null,
    pass_mark integer not null,
    created_at text not null,
    unique (person_id, assessed_on, part)
);
