-- The published text of a legal document as a PDF, with its SHA-256 so that a copy can be
-- checked against the one registered; one per document, a new upload replaces it.
create table legal_file (
    id integer primary key,
    document_id integer not null unique references legal_document (id) on delete cascade,
    file_name text not null,
    size integer not null,
    sha256 text not null,
    content blob not null,
    uploaded_by integer references account (id),
    uploaded_at text not null
);
