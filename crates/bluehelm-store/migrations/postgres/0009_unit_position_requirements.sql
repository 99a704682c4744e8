-- A line of a unit's table of organisation asks, like a requested position, for a rank
-- range (rank orders, comparable across services) and a qualification.
alter table unit_position add column min_rank bigint;
alter table unit_position add column max_rank bigint;
alter table unit_position add column qualification text;
