-- One registry: a mission's mandate resolution is a Security Council resolution of the
-- legal registry, linked here to the mission's record of it.
alter table mandate_resolution add column document_id integer references legal_document (id);
create index mandate_resolution_document on mandate_resolution (document_id);
