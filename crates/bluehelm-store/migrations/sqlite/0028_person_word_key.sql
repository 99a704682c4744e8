-- A name word's entry is keyed by what the name search reads: the word, then the folded
-- name and the name in list order, then the person. That key takes the place of the word
-- index the search read, so an import writes two indexes per word instead of three.
-- The table is derived from person and written only with it, in the same transaction, and
-- people are never deleted: the foreign key to person guarded nothing the store does not.
-- SQLite changes a table's key by rebuilding the table.
create table person_word_new (
    word text not null,
    person_id integer not null,
    name_folded text not null,
    name_sort text not null,
    primary key (word, name_folded, name_sort, person_id)
);
insert into person_word_new (word, person_id, name_folded, name_sort)
    select word, person_id, name_folded, name_sort from person_word;
drop table person_word;
alter table person_word_new rename to person_word;
create index person_word_person on person_word (person_id, word);
