//! A set of ids bound as one parameter, so that a statement over any number of ids is one
//! text, prepared once per connection and kept in its statement cache. Ids written into
//! the SQL made a new statement for every set: PostgreSQL parsed and planned each (4 ms
//! for a name search's page of 50 people at 100,000), and every one pushed a statement
//! the pages use out of the cache.
//!
//! On SQLite the set travels as a JSON array read by `json_each`; on PostgreSQL as a
//! `bigint[]` compared with `= any`.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo};
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo};
use sqlx::{Encode, Postgres, Sqlite, Type};

use crate::Engine;

/// Ids to bind as the parameter of [`Ids::among`].
#[derive(Debug, Clone)]
pub(crate) struct Ids(pub Vec<i64>);

impl Ids {
    /// The condition "`column` is one of the ids bound as parameter `$n`", for `engine`.
    pub(crate) fn among(engine: Engine, column: &str, n: usize) -> String {
        format!("{column} {}", Ids::test(engine, n))
    }

    /// What follows a column to test it against the ids bound as parameter `$n`.
    pub(crate) fn test(engine: Engine, n: usize) -> String {
        match engine {
            Engine::Sqlite => format!("in (select value from json_each(${n}))"),
            Engine::Postgres => format!("= any(${n})"),
        }
    }

    fn json(&self) -> String {
        let mut json = String::with_capacity(self.0.len() * 8 + 2);
        json.push('[');
        for (position, id) in self.0.iter().enumerate() {
            if position > 0 {
                json.push(',');
            }
            json.push_str(&id.to_string());
        }
        json.push(']');
        json
    }
}

impl From<&[i64]> for Ids {
    fn from(ids: &[i64]) -> Self {
        Ids(ids.to_vec())
    }
}

impl Type<Sqlite> for Ids {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl<'q> Encode<'q, Sqlite> for Ids {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.json(), buf)
    }
}

impl Type<Postgres> for Ids {
    fn type_info() -> PgTypeInfo {
        <Vec<i64> as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Ids {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <Vec<i64> as Encode<'_, Postgres>>::encode_by_ref(&self.0, buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_a_json_array_on_sqlite() {
        assert_eq!(Ids(vec![3, -1, 42]).json(), "[3,-1,42]");
        assert_eq!(Ids(Vec::new()).json(), "[]");
    }
}
