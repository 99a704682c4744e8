-- The audit chain is keyed from this entry on (entries before it carry a plain SHA-256);
-- null until the first keyed write.
alter table audit_head add column keyed_from integer;

-- Audit entries are append-only: the database itself refuses to change or remove one.
create trigger audit_entry_no_update before update on audit_entry
begin
    select raise(abort, 'audit entries are append-only');
end;

create trigger audit_entry_no_delete before delete on audit_entry
begin
    select raise(abort, 'audit entries are append-only');
end;
