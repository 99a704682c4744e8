-- The audit chain is keyed from this entry on (entries before it carry a plain SHA-256);
-- null until the first keyed write.
alter table audit_head add column keyed_from bigint;

-- Audit entries are append-only: the database itself refuses to change or remove one.
create function audit_entry_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit entries are append-only';
end;
$$;

create trigger audit_entry_no_change before update or delete on audit_entry
for each row execute function audit_entry_append_only();

create trigger audit_entry_no_truncate before truncate on audit_entry
for each statement execute function audit_entry_append_only();
