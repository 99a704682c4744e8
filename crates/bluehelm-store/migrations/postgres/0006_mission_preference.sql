-- The missions a person has asked to serve in: the planner's preference criterion.
create table mission_preference (
    person_id bigint not null references person (id) on delete cascade,
    mission_id bigint not null references mission (id),
    primary key (person_id, mission_id)
);
create index mission_preference_mission on mission_preference (mission_id);
-- Tours completed per person, for the planner's experience criterion.
create index deployment_person on deployment (person_id, status);
