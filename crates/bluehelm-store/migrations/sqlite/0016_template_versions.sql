-- Dispatch templates become versioned data. The versions of one procedure share its
-- name (`procedure`, the first version's code) and are numbered; a version is drafted,
-- then activated, and retired when a later version takes over all of its period.
-- Dossiers keep the version they were opened with (dossier.template_id).
alter table workflow_template add column procedure text not null default '';
alter table workflow_template add column version integer not null default 1;
alter table workflow_template add column status text not null default 'active';
alter table workflow_template add column based_on_id integer references workflow_template (id);
alter table workflow_template add column activated_at text;
update workflow_template set procedure = code;
create unique index workflow_template_version on workflow_template (procedure, version);
