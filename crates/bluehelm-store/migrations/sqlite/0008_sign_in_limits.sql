-- Sign-in limits kept in the database, so that every server of one database shares them.

-- Attempts per client address in the current minute.
create table sign_in_window (
    address text primary key,
    minute integer not null,
    attempts integer not null
);

-- Failed attempts per user name and client address, whether the name is an account or
-- not: a lock says nothing about which accounts exist, and one who guesses from one
-- address locks nobody out elsewhere. `account.failed_logins` and `account.locked_until`
-- are no longer used.
create table sign_in_failure (
    username text not null,
    address text not null,
    failures integer not null,
    locked_until text,
    primary key (username, address)
);
