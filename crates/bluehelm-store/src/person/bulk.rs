//! Many people written at once (an import): multi-row inserts, on PostgreSQL the name
//! words and specialties streamed with COPY, and one chained audit entry per person. What
//! is derived from each person (folded names, name words, audit entries and their hashes)
//! is computed on a blocking thread while the database writes the batches before.

use bluehelm_domain::person::{fold, PersonDraft};

use super::{sort_name, words_of, PERSON_FIELDS};
use crate::write::{AuditChain, ChainedEntry};
use crate::{now, on_tx, Result, Tx, WriteTx};

/// Appends `value` to `escaped` as a field of PostgreSQL's COPY text format.
fn push_copy_text(escaped: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
}

/// Streams `data` (COPY text format) into a `copy … from stdin` statement.
async fn copy_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    statement: &str,
    data: String,
) -> Result<()> {
    if data.is_empty() {
        return Ok(());
    }
    let mut copy = tx.copy_in_raw(statement).await?;
    if let Err(error) = copy.send(data.into_bytes()).await {
        copy.abort(error.to_string()).await?;
        return Err(error.into());
    }
    copy.finish().await?;
    Ok(())
}

/// A name-word entry: the word, the person, their folded name and their name in list order.
pub(crate) type WordEntry = (String, i64, String, String);

/// One batch of an import made ready to write: each person's folded name and name in list
/// order, and their audit entries.
struct PreparedBatch {
    names: Vec<(String, String)>,
    audit: Vec<ChainedEntry>,
}

/// What an import writes once all its people are in: their specialties and name words,
/// and the audit chain's end.
struct PreparedRest {
    specialties: Vec<(i64, i64)>,
    words: Vec<WordEntry>,
    chain: AuditChain,
}

/// Derives what each batch of `people` (with their `ids`) writes besides their fields,
/// hashing their audit entries on `chain`, and sends the batches in order; answers the rest
/// at the end. Stops early if the batches are no longer wanted.
fn prepare_people(
    people: &[(PersonDraft, Vec<i64>)],
    ids: &[i64],
    batch_size: usize,
    mut chain: AuditChain,
    batches: &tokio::sync::mpsc::Sender<PreparedBatch>,
) -> PreparedRest {
    let mut specialties = Vec::new();
    let mut words: Vec<WordEntry> = Vec::new();
    for (batch, batch_ids) in people.chunks(batch_size).zip(ids.chunks(batch_size)) {
        let mut prepared = PreparedBatch {
            names: Vec::with_capacity(batch.len()),
            audit: Vec::with_capacity(batch.len()),
        };
        for ((draft, specialty_ids), &id) in batch.iter().zip(batch_ids) {
            let name = fold(&draft.full_name());
            let order = sort_name(draft);
            words.extend(
                words_of(&name)
                    .into_iter()
                    .map(|word| (word, id, name.clone(), order.clone())),
            );
            specialties.extend(specialty_ids.iter().map(|specialty| (id, *specialty)));
            let snapshot = serde_json::json!({
                "id": id, "agency_id": draft.agency_id, "service": draft.service.as_str(),
                "service_number": draft.service_number, "family_name": draft.family_name,
                "middle_name": draft.middle_name, "given_name": draft.given_name,
                "gender": draft.gender.as_str(), "birth_date": draft.birth_date,
                "rank_code": draft.rank.map(|rank| rank.code.clone()), "phone": draft.phone,
                "email": draft.email, "status": draft.status.as_str(), "specialties": draft.specialties,
            });
            prepared.audit.push(chain.created("person", id, &snapshot));
            prepared.names.push((name, order));
        }
        if batches.blocking_send(prepared).is_err() {
            break;
        }
    }
    // In the order of the words' key: each entry lands beside the previous one.
    words.sort_unstable_by(|a, b| (&a.0, &a.2, &a.3, a.1).cmp(&(&b.0, &b.2, &b.3, b.1)));
    PreparedRest {
        specialties,
        words,
        chain,
    }
}

impl WriteTx {
    /// Creates many people at once (an import), all in this transaction: a multi-row
    /// statement per batch of people and one per batch of their audit entries, then their
    /// specialties and name words, each kind in one stream on PostgreSQL. Their ids are
    /// taken first, so that their names, words and audit entries are derived on a thread
    /// of their own while the database writes the batches before. Answers the new ids in
    /// order.
    pub async fn create_people(
        &mut self,
        people: Vec<(PersonDraft, Vec<i64>)>,
    ) -> Result<Vec<i64>> {
        let ids = self.new_person_ids(people.len()).await?;
        let batch_size = self.values_per_statement() / 18;
        let people = std::sync::Arc::new(people);
        let (sender, mut batches) = tokio::sync::mpsc::channel(2);
        let producer = {
            let (people, ids, chain) = (people.clone(), ids.clone(), self.audit_chain());
            tokio::task::spawn_blocking(move || {
                prepare_people(&people, &ids, batch_size, chain, &sender)
            })
        };
        let at = now();
        // Every batch but the last is full: its statement is built once.
        let full_batch_sql = self.insert_people_sql(batch_size);
        let mut written = 0;
        while let Some(batch) = batches.recv().await {
            let drafts = &people[written..written + batch.names.len()];
            let last_batch_sql;
            let sql = if drafts.len() == batch_size {
                &full_batch_sql
            } else {
                last_batch_sql = self.insert_people_sql(drafts.len());
                &last_batch_sql
            };
            on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query(sql);
                for (((draft, _), (name, order)), id) in drafts.iter().zip(&batch.names).zip(&ids[written..]) {
                    query = bind_person!(query.bind(id), draft, name.clone(), order.clone()).bind(at).bind(at);
                }
                query.execute(conn).await.map(|done| done.rows_affected())
            })?;
            self.append_chained(&batch.audit).await?;
            written += drafts.len();
        }
        let rest = producer
            .await
            .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        self.insert_pairs(
            "person_specialty (person_id, specialty_id)",
            &rest.specialties,
        )
        .await?;
        self.insert_words(&rest.words).await?;
        self.move_head(&rest.chain).await?;
        Ok(ids)
    }

    /// The insert of `rows` people with their ids, fields and times.
    fn insert_people_sql(&self, rows: usize) -> String {
        format!(
            "insert into person (id, {}, created_at, updated_at) values {}",
            PERSON_FIELDS.join(", "),
            self.value_rows(rows, 18)
        )
    }

    /// `count` ids for new people, in order, past every id taken so far: on PostgreSQL a
    /// block of the identity's sequence, reserved by moving it `count` on at once (writers
    /// queue on the audit head, so no other insert draws from it meanwhile); on SQLite,
    /// whose only writer is this transaction, past the largest.
    async fn new_person_ids(&mut self, count: usize) -> Result<Vec<i64>> {
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        if count == 0 {
            return Ok(Vec::new());
        }
        if let Tx::Postgres(tx) = &mut self.tx {
            let last: i64 = sqlx::query_scalar(
                "select setval(pg_get_serial_sequence('person', 'id'), \
                 nextval(pg_get_serial_sequence('person', 'id')) + $1 - 1)",
            )
            .bind(count)
            .fetch_one(&mut **tx)
            .await?;
            return Ok((last - count + 1..=last).collect());
        }
        let largest: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select coalesce(max(id), 0) from person").fetch_one(conn).await
        })?;
        Ok((largest + 1..=largest + count).collect())
    }

    /// Inserts name-word entries (word, person, folded name, name in list order): on
    /// PostgreSQL with COPY, on SQLite as multi-row inserts.
    pub(crate) async fn insert_words(&mut self, rows: &[WordEntry]) -> Result<()> {
        if let Tx::Postgres(tx) = &mut self.tx {
            let mut data = String::with_capacity(rows.len() * 64);
            for (word, person_id, name, order) in rows {
                push_copy_text(&mut data, word);
                data.push('\t');
                data.push_str(&person_id.to_string());
                data.push('\t');
                push_copy_text(&mut data, name);
                data.push('\t');
                push_copy_text(&mut data, order);
                data.push('\n');
            }
            return copy_in(
                tx,
                "copy person_word (word, person_id, name_folded, name_sort) from stdin",
                data,
            )
            .await;
        }
        for chunk in rows.chunks(self.values_per_statement() / 4) {
            let mut sql = String::from(
                "insert into person_word (word, person_id, name_folded, name_sort) values ",
            );
            sql.push_str(&self.value_rows(chunk.len(), 4));
            on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query(&sql);
                for (word, person_id, name, order) in chunk {
                    query = query.bind(word).bind(person_id).bind(name).bind(order);
                }
                query.execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        Ok(())
    }

    /// Inserts pairs of ids into `table_and_columns`: on PostgreSQL with COPY, on SQLite as
    /// multi-row inserts.
    pub(crate) async fn insert_pairs(
        &mut self,
        table_and_columns: &str,
        rows: &[(i64, i64)],
    ) -> Result<()> {
        if let Tx::Postgres(tx) = &mut self.tx {
            let data: String = rows.iter().map(|(a, b)| format!("{a}\t{b}\n")).collect();
            return copy_in(tx, &format!("copy {table_and_columns} from stdin"), data).await;
        }
        for chunk in rows.chunks(self.values_per_statement() / 2) {
            let mut sql = format!("insert into {table_and_columns} values ");
            sql.push_str(&self.value_rows(chunk.len(), 2));
            on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query(&sql);
                for (a, b) in chunk {
                    query = query.bind(a).bind(b);
                }
                query.execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reaches_copy_literally() {
        let mut field = String::new();
        push_copy_text(&mut field, "nguyen\tvan\\an\n");
        assert_eq!(field, "nguyen\\tvan\\\\an\\n");
    }
}
