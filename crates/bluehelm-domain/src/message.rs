//! What the domain says to a person, as data: a catalogue key and its arguments. The web
//! and the API render it in the reader's language from the message catalogues; the API
//! also returns the key and the arguments, so a client can act on them.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use time::Date;

/// A message: the catalogue key (`eligibility.rank_below`) and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: a name, a code the reader knows (a passport number, a mission).
    Text(String),
    Number(i64),
    /// Shown in the reader's convention (dd/mm/yyyy in Vietnamese).
    Date(Date),
    /// A value of an enumeration, shown by its own catalogue entry `{prefix}.{code}`
    /// (`status.deployed` → "đang triển khai").
    Term {
        prefix: &'static str,
        code: String,
    },
    /// Several values of one enumeration, shown joined by the reader's "or".
    Terms {
        prefix: &'static str,
        codes: Vec<String>,
    },
    /// An entry of a catalogue kept in the database (a specialty, a qualification kind),
    /// shown by its name in the reader's language.
    Named(Name),
    /// Several such entries, joined by the reader's "or".
    NamedList(Vec<Name>),
}

/// A database catalogue entry's code and names, as a message argument carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub code: String,
    pub vi: String,
    pub en: String,
}

impl Message {
    /// The message with every `Term`/`Terms` argument of `prefix` given its names by
    /// `name_of` (codes it does not know stay as they are).
    pub fn with_names(mut self, prefix: &str, name_of: impl Fn(&str) -> Option<Name>) -> Self {
        for (_, arg) in &mut self.args {
            let named = match arg {
                Arg::Term { prefix: p, code } if *p == prefix => name_of(code).map(Arg::Named),
                Arg::Terms { prefix: p, codes } if *p == prefix => {
                    let names: Option<Vec<Name>> = codes.iter().map(|code| name_of(code)).collect();
                    names.map(Arg::NamedList)
                }
                _ => None,
            };
            if let Some(named) = named {
                *arg = named;
            }
        }
        self
    }
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn number(mut self, name: &'static str, value: impl Into<i64>) -> Self {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    pub fn date(mut self, name: &'static str, value: Date) -> Self {
        self.args.push((name, Arg::Date(value)));
        self
    }

    pub fn term(
        mut self,
        name: &'static str,
        prefix: &'static str,
        code: impl Into<String>,
    ) -> Self {
        self.args.push((
            name,
            Arg::Term {
                prefix,
                code: code.into(),
            },
        ));
        self
    }

    pub fn terms(mut self, name: &'static str, prefix: &'static str, codes: Vec<String>) -> Self {
        self.args.push((name, Arg::Terms { prefix, codes }));
        self
    }
}

/// `{"code": key, "params": {name: value}}`: dates as ISO 8601, enumeration values by code.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Params<'a>(&'a [(&'static str, Arg)]);
        impl Serialize for Params<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, arg) in self.0 {
                    match arg {
                        Arg::Text(text) => map.serialize_entry(name, text)?,
                        Arg::Number(number) => map.serialize_entry(name, number)?,
                        Arg::Date(date) => map.serialize_entry(name, &date.to_string())?,
                        Arg::Term { code, .. } => map.serialize_entry(name, code)?,
                        Arg::Terms { codes, .. } => map.serialize_entry(name, codes)?,
                        Arg::Named(named) => map.serialize_entry(name, &named.code)?,
                        Arg::NamedList(names) => {
                            let codes: Vec<&str> = names.iter().map(|n| n.code.as_str()).collect();
                            map.serialize_entry(name, &codes)?
                        }
                    }
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("code", self.key)?;
        map.serialize_entry("params", &Params(&self.args))?;
        map.end()
    }
}
