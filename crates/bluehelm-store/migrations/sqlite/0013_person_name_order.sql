-- People in name order, with what a list filters on most: a search of common words or a
-- broad filter walks this index in the list's order and checks the name's words, service,
-- status, gender and rank on its entries, reading only the people a page shows.
drop index person_name_sort;
create index person_name_order on person (name_sort, id, name_folded, service, status, gender, rank_order);
