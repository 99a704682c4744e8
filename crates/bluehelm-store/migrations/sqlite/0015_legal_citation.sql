-- Citations of the legal registry. An act (a dispatch template, one of its steps, and
-- later a deployment, a directive, an entitlement rule, a report) rests on documents,
-- each cited whole or by one of its articles. The citation keeps the date of the act it
-- supports, so that a citation not in force that day is found by one read.
create table legal_article (
    id integer primary key,
    document_id integer not null references legal_document (id) on delete cascade,
    number text not null,
    -- Unknown until someone reads the published text: a citation may name "Art. 12" alone.
    title_vi text,
    title_en text,
    unique (document_id, number)
);

create table legal_citation (
    id integer primary key,
    -- What cites: the audited entity's name (workflow_template, workflow_step, …) and id.
    subject text not null,
    subject_id integer not null,
    position integer not null,
    document_id integer not null references legal_document (id),
    article_id integer references legal_article (id),
    acted_on text not null,
    created_at text not null,
    unique (subject, subject_id, position)
);
create index legal_citation_document on legal_citation (document_id);
