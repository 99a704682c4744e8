-- Agencies, accounts, sessions, API tokens and the hash-chained audit trail.
-- Times are UTC text written by the application; ids are integers on both engines.

create table agency (
    id integer primary key,
    code text not null unique,
    kind text not null,
    name_vi text not null,
    name_en text not null,
    parent_id integer references agency (id),
    path text not null unique,
    created_at text not null,
    updated_at text not null
);
create index agency_parent_id on agency (parent_id);

create table account (
    id integer primary key,
    username text not null unique,
    display_name text not null,
    email text,
    agency_id integer not null references agency (id),
    password_hash text not null,
    lang text not null default 'vi',
    disabled boolean not null default false,
    failed_logins integer not null default 0,
    locked_until text,
    last_login_at text,
    created_at text not null,
    updated_at text not null
);
create index account_agency_id on account (agency_id);

create table account_role (
    account_id integer not null references account (id) on delete cascade,
    role text not null,
    primary key (account_id, role)
);

create table session (
    id integer primary key,
    token_hash text not null unique,
    account_id integer not null references account (id) on delete cascade,
    csrf_token text not null,
    created_at text not null,
    last_seen_at text not null,
    expires_at text not null
);
create index session_account_id on session (account_id);

create table api_token (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    created_at text not null,
    last_used_at text,
    revoked_at text
);
create index api_token_account_id on api_token (account_id);

create table audit_entry (
    seq integer primary key,
    at text not null,
    actor_user_id integer,
    actor_agency_id integer,
    action text not null,
    entity text not null,
    entity_id text,
    before text,
    after text,
    prev_hash text not null,
    hash text not null
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_actor on audit_entry (actor_user_id);
create index audit_entry_entity on audit_entry (entity, entity_id);
create index audit_entry_action on audit_entry (action);

-- The chain head, kept apart so that removing the newest entries is detected.
create table audit_head (
    id integer primary key check (id = 1),
    seq integer not null,
    hash text not null
);
insert into audit_head (id, seq, hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
