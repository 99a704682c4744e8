-- A line of a unit's table of organisation belongs to a section of the unit (its command,
-- a ward, a platoon): the groups over which the unit's plan counts its women.
alter table unit_position add column section text;
