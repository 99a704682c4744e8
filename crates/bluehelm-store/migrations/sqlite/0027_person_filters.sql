-- The people lists' filters on a person's own codes as one index: a list filtered by
-- status, service and gender counts its matches (up to the cap) on the index alone instead
-- of reading each person. It begins with the status, so it serves the lists filtered on the
-- status alone as well, and takes the place of the index on the status.
create index person_filters on person (status, service, gender, rank_order);
drop index person_status;
