//! Rank tables per service, ordered from the lowest rank up.
//!
//! The army table serves the army, the air force and the border guard; the navy uses the
//! army's names up to colonel and its own flag ranks above; the police has its own table.
//! Civilians hold no rank. The order is comparable across services (the same order means
//! the same grade), which is what position requirements ("captain to major") need.

use std::sync::OnceLock;

use serde::Serialize;

use crate::person::Service;
use crate::validation::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub code: String,
    pub order: i32,
    pub name_vi: String,
    pub name_en: String,
    /// soldier, nco, officer or general.
    pub category: String,
}

struct Tables {
    army: Vec<Rank>,
    navy: Vec<Rank>,
    police: Vec<Rank>,
}

const RANKS_CSV: &str = include_str!("../data/ranks.csv");

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut army = Vec::new();
        let mut navy_flags = Vec::new();
        let mut police = Vec::new();
        for line in RANKS_CSV
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
        {
            let fields: Vec<&str> = line.split(',').collect();
            let [service, order, code, name_vi, name_en, category, ..] = fields[..] else {
                continue;
            };
            let rank = Rank {
                code: code.to_owned(),
                order: order.parse().unwrap_or_default(),
                name_vi: name_vi.to_owned(),
                name_en: name_en.to_owned(),
                category: category.to_owned(),
            };
            match service {
                "army" => army.push(rank),
                "navy" => navy_flags.push(rank),
                "police" => police.push(rank),
                _ => {}
            }
        }
        let mut navy: Vec<Rank> = army
            .iter()
            .filter(|rank| !navy_flags.iter().any(|flag| flag.order == rank.order))
            .cloned()
            .collect();
        navy.extend(navy_flags);
        navy.sort_by_key(|rank| rank.order);
        Tables { army, navy, police }
    })
}

/// The ranks of a service, lowest first; empty for civilians.
pub fn ranks(service: Service) -> &'static [Rank] {
    let tables = tables();
    match service {
        Service::Army | Service::AirForce | Service::BorderGuard => &tables.army,
        Service::Navy => &tables.navy,
        Service::Police => &tables.police,
        Service::Civilian => &[],
    }
}

pub fn rank(service: Service, code: &str) -> Option<&'static Rank> {
    ranks(service).iter().find(|rank| rank.code == code)
}

/// A rank code checked against the service's table; civilians must give none.
pub fn parse_rank(
    service: Service,
    code: Option<&str>,
) -> Result<Option<&'static Rank>, FieldError> {
    let code = code.map(str::trim).filter(|code| !code.is_empty());
    match (service, code) {
        (Service::Civilian, None) => Ok(None),
        (Service::Civilian, Some(_)) => Err(FieldError::new(
            "rank",
            "not_applicable",
            "validation.civilians_hold_no_rank",
        )),
        (_, None) => Err(FieldError::new(
            "rank",
            "required",
            "validation.must_not_be_empty",
        )),
        (_, Some(code)) => rank(service, code).map(Some).ok_or_else(|| {
            FieldError::new(
                "rank",
                "unknown_value",
                format!("{code} is not a rank of the {} service", service.as_str()),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_ordered_and_complete() {
        for service in [Service::Army, Service::Navy, Service::Police] {
            let table = ranks(service);
            assert_eq!(table.len(), 17, "{service}");
            assert!(table.windows(2).all(|pair| pair[0].order < pair[1].order));
        }
        assert_eq!(rank(Service::Navy, "do-doc").map(|r| r.order), Some(16));
        assert!(rank(Service::Navy, "thuong-tuong").is_none());
        assert_eq!(
            rank(Service::BorderGuard, "dai-uy").map(|r| r.name_en.as_str()),
            Some("Captain")
        );
        assert!(ranks(Service::Civilian).is_empty());
    }

    #[test]
    fn a_rank_must_belong_to_the_service() {
        assert!(parse_rank(Service::Army, Some("thieu-ta")).is_ok());
        assert_eq!(
            parse_rank(Service::Army, Some("do-doc")).unwrap_err().code,
            "unknown_value"
        );
        assert_eq!(
            parse_rank(Service::Police, None).unwrap_err().code,
            "required"
        );
        assert_eq!(
            parse_rank(Service::Civilian, Some("dai-uy"))
                .unwrap_err()
                .code,
            "not_applicable"
        );
        assert_eq!(parse_rank(Service::Civilian, Some(" ")), Ok(None));
    }
}
