-- The person's whole folded name beside each of its words: a search for several words
-- reads the range of its rarest word and checks the others in the same index entries,
-- instead of looking every candidate up again.
alter table person_word add column name_folded text collate "C" not null default '';
update person_word set name_folded = (select p.name_folded from person p where p.id = person_word.person_id);
create index person_word_name on person_word (word, name_folded, person_id);
