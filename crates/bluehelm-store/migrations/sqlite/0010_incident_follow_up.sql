-- An incident's follow-up as dated notes, the last of which may close it
-- (`incident.closed_on`); `incident.follow_up` keeps what was noted when it was recorded.
create table incident_follow_up (
    id integer primary key,
    incident_id integer not null references incident (id) on delete cascade,
    dated text not null,
    note text not null,
    closes boolean not null,
    created_at text not null
);
create index incident_follow_up_incident on incident_follow_up (incident_id);
