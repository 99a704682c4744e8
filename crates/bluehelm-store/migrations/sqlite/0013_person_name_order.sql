-- People in name order, with what a list filters on most: a search of common words or a
-- broad filter walks this index in the list's order and checks the name's words, service,
-- status, gender and rank on its entries, reading only the people a page shows.
drop index person_name_sort;
create index person_name_order on person (name_sort, id, name_folded, service, status, gender, rank_order);

-- Each name word's entry carries the name in list order too: a search of common words then
-- orders its matches from the word index alone and reads only the page's people.
alter table person_word add column name_sort text not null default '';
update person_word set name_sort = (select p.name_sort from person p where p.id = person_word.person_id);
drop index person_word_name;
create index person_word_name on person_word (word, name_folded, name_sort, person_id);
