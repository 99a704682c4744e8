//! Many people written at once (an import): multi-row inserts, on PostgreSQL the name
//! words and specialties streamed with COPY, and one chained audit entry per person.

use bluehelm_domain::person::{fold, PersonDraft};

use super::{name_words, sort_name, PERSON_FIELDS};
use crate::{now, on_tx, Result, StoreError, Tx, WriteTx};

/// `value` as a field of PostgreSQL's COPY text format.
pub(crate) fn copy_text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    escaped
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

impl WriteTx {
    /// Creates many people at once (an import): a few multi-row statements per batch and
    /// one audit entry per person, all in this transaction; the name words of all of them
    /// last, sorted. Answers the new ids in order.
    pub async fn create_people(&mut self, people: &[(PersonDraft, Vec<i64>)]) -> Result<Vec<i64>> {
        let batch_size = self.values_per_statement() / 17;
        let mut all_ids = Vec::with_capacity(people.len());
        let mut all_words: Vec<WordEntry> = Vec::new();
        for batch in people.chunks(batch_size) {
            let at = now();
            let mut sql = format!(
                "insert into person ({}, created_at, updated_at) values ",
                PERSON_FIELDS.join(", ")
            );
            sql.push_str(&self.value_rows(batch.len(), 17));
            sql.push_str(" returning id, service_number");
            let returned: Vec<(i64, String)> = on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query_as(&sql);
                for (draft, _) in batch {
                    query = bind_person!(query, draft).bind(at).bind(at);
                }
                query.fetch_all(conn).await
            })?;
            // Service numbers are unique within the service, and a batch may mix services:
            // match returned rows to drafts by (position) when the engine keeps the order,
            // which both do for a single VALUES list; the number is checked to be sure.
            let ids: Vec<i64> = batch
                .iter()
                .zip(&returned)
                .map(|((draft, _), (id, number))| {
                    if *number == draft.service_number {
                        Ok(*id)
                    } else {
                        Err(StoreError::Database(sqlx::Error::Protocol(
                            "rows returned out of order".to_owned(),
                        )))
                    }
                })
                .collect::<Result<_>>()?;
            let mut words: Vec<WordEntry> = Vec::new();
            let mut specialties: Vec<(i64, i64)> = Vec::new();
            for ((draft, specialty_ids), id) in batch.iter().zip(&ids) {
                let name = fold(&draft.full_name());
                let order = sort_name(draft);
                words.extend(
                    name_words(draft)
                        .into_iter()
                        .map(|word| (word, *id, name.clone(), order.clone())),
                );
                specialties.extend(specialty_ids.iter().map(|specialty| (*id, *specialty)));
            }
            all_words.extend(words);
            self.insert_pairs("person_specialty (person_id, specialty_id)", &specialties)
                .await?;
            let snapshots: Vec<(i64, serde_json::Value)> = batch
                .iter()
                .zip(&ids)
                .map(|((draft, _), id)| {
                    (*id, serde_json::json!({
                        "id": id, "agency_id": draft.agency_id, "service": draft.service.as_str(),
                        "service_number": draft.service_number, "family_name": draft.family_name,
                        "middle_name": draft.middle_name, "given_name": draft.given_name,
                        "gender": draft.gender.as_str(), "birth_date": draft.birth_date,
                        "rank_code": draft.rank.map(|rank| rank.code.clone()), "phone": draft.phone,
                        "email": draft.email, "status": draft.status.as_str(), "specialties": draft.specialties,
                    }))
                })
                .collect();
            self.audit_created("person", &snapshots).await?;
            all_ids.extend(ids);
        }
        // In the order of the word indexes: each insert lands beside the previous one.
        all_words.sort_unstable();
        self.insert_words(&all_words).await?;
        Ok(all_ids)
    }

    /// Inserts name-word entries (word, person, folded name, name in list order): on
    /// PostgreSQL with COPY, on SQLite as multi-row inserts.
    pub(crate) async fn insert_words(&mut self, rows: &[WordEntry]) -> Result<()> {
        if let Tx::Postgres(tx) = &mut self.tx {
            let mut data = String::new();
            for (word, person_id, name, order) in rows {
                data.push_str(&format!(
                    "{}\t{person_id}\t{}\t{}\n",
                    copy_text(word),
                    copy_text(name),
                    copy_text(order)
                ));
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
        assert_eq!(copy_text("nguyen\tvan\\an\n"), "nguyen\\tvan\\\\an\\n");
    }
}
