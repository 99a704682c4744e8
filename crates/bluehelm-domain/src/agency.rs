//! Agencies: the tree of ministries, state bodies, departments and units that own records.
//!
//! Every agency stores its materialised path (`/1/4/9/`: the ids from the root down to
//! itself). "Rights on an agency cover its subtree" then becomes a prefix test in Rust and
//! a `like '/1/4/%'` filter inside SQL, so lists are filtered in the query, never after it.

use serde::{Deserialize, Serialize};

use crate::validation::{text, Checker, FieldError, Invalid};

/// The ids from the root of the tree down to an agency, written `/1/4/9/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgencyPath(String);

impl AgencyPath {
    pub fn root(id: i64) -> Self {
        Self(format!("/{id}/"))
    }

    pub fn child(&self, id: i64) -> Self {
        Self(format!("{}{id}/", self.0))
    }

    /// Wraps a path read back from storage.
    pub fn from_stored(path: String) -> Self {
        Self(path)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `self` is `ancestor` or lies below it.
    pub fn is_within(&self, ancestor: &AgencyPath) -> bool {
        self.0.starts_with(&ancestor.0)
    }

    /// The SQL `like` pattern that matches this agency and everything below it.
    pub fn subtree_pattern(&self) -> String {
        format!("{}%", self.0)
    }

    pub fn depth(&self) -> usize {
        self.0.matches('/').count().saturating_sub(1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A ministry of the Government.
    Ministry,
    /// Any other state body at the top of the tree (the National Assembly's committees,
    /// the Office of the President, the Government Office, the Defence and Security Council).
    StateBody,
    Department,
    Unit,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 4] = [
        AgencyKind::Ministry,
        AgencyKind::StateBody,
        AgencyKind::Department,
        AgencyKind::Unit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "ministry",
            AgencyKind::StateBody => "state_body",
            AgencyKind::Department => "department",
            AgencyKind::Unit => "unit",
        }
    }

    pub fn parse(value: &str) -> Option<AgencyKind> {
        AgencyKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
    }

    fn level(self) -> u8 {
        match self {
            AgencyKind::Ministry | AgencyKind::StateBody => 0,
            AgencyKind::Department => 1,
            AgencyKind::Unit => 2,
        }
    }

    /// Whether an agency of this kind may sit directly below one of `parent` kind
    /// (`None`: at the top of the tree). Ministries and state bodies are the roots;
    /// departments sit below them or below other departments; units sit anywhere below.
    pub fn may_sit_below(self, parent: Option<AgencyKind>) -> Result<(), &'static str> {
        match (self.level(), parent) {
            (0, None) => Ok(()),
            (0, Some(_)) => Err("a ministry or state body sits at the top of the tree"),
            (_, None) => Err("a department or unit needs a parent agency"),
            (level, Some(parent)) if parent.level() <= level => Ok(()),
            _ => Err("a department cannot sit below a unit"),
        }
    }
}

/// A code such as `BQP` or `BQP-CGGHB`: upper-case letters, digits and dashes.
pub fn parse_code(value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    let valid = (2..=32).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(
            "code",
            "invalid_code",
            "validation.must_be_2_to_32_upper_case",
        ))
    }
}

/// The fields of an agency that users write, after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyDraft {
    pub code: String,
    pub kind: AgencyKind,
    pub name_vi: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
}

impl AgencyDraft {
    pub fn parse(
        code: &str,
        kind: &str,
        name_vi: &str,
        name_en: &str,
        parent_id: Option<i64>,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let code = checker.check(parse_code(code));
        let kind = checker.check(AgencyKind::parse(kind).ok_or_else(|| {
            FieldError::new(
                "kind",
                "invalid_kind",
                "validation.must_be_one_of_ministry_state_body",
            )
        }));
        let name_vi = checker.check(text("name_vi", name_vi, 200));
        let name_en = checker.check(text("name_en", name_en, 200));
        checker.finish()?;
        match (code, kind, name_vi, name_en) {
            (Some(code), Some(kind), Some(name_vi), Some(name_en)) => Ok(Self {
                code,
                kind,
                name_vi,
                name_en,
                parent_id,
            }),
            _ => Err(Invalid::one("code", "invalid", "validation.invalid_agency")),
        }
    }

    /// Checks the place in the tree once the parent is known.
    pub fn check_parent(&self, parent: Option<AgencyKind>) -> Result<(), Invalid> {
        self.kind
            .may_sit_below(parent)
            .map_err(|reason| Invalid::one("parent_id", "invalid_parent", reason))
    }
}

/// One agency of the seeded structure: code, parent code, kind, Vietnamese and English names.
pub struct SeedAgency {
    pub code: &'static str,
    pub parent: Option<&'static str>,
    pub kind: AgencyKind,
    pub name_vi: &'static str,
    pub name_en: &'static str,
}

const fn seed(
    code: &'static str,
    parent: Option<&'static str>,
    kind: AgencyKind,
    name_vi: &'static str,
    name_en: &'static str,
) -> SeedAgency {
    SeedAgency {
        code,
        parent,
        kind,
        name_vi,
        name_en,
    }
}

use AgencyKind::{Department, Ministry, StateBody, Unit};

/// The real structure of the bodies that take part in sending forces (REFERENCE 1.4, 1.5),
/// parents before children. Loaded once into an empty database; admins edit it afterwards.
pub const SEED: &[SeedAgency] = &[
    seed(
        "BQP",
        None,
        Ministry,
        "Bộ Quốc phòng",
        "Ministry of National Defence",
    ),
    seed(
        "BQP-CGGHB",
        Some("BQP"),
        Department,
        "Cục Gìn giữ hòa bình Việt Nam",
        "Vietnam Department of Peacekeeping Operations",
    ),
    seed(
        "BQP-CPC",
        Some("BQP"),
        Department,
        "Cục Pháp chế",
        "Legal Department",
    ),
    seed(
        "BQP-HVQY",
        Some("BQP"),
        Department,
        "Học viện Quân y",
        "Military Medical Academy",
    ),
    seed(
        "BQP-BCCB",
        Some("BQP"),
        Department,
        "Binh chủng Công binh",
        "Engineering Corps",
    ),
    seed(
        "BQP-CGGHB-BV2",
        Some("BQP-CGGHB"),
        Unit,
        "Bệnh viện dã chiến cấp 2",
        "Level-2 Field Hospital",
    ),
    seed(
        "BQP-CGGHB-DCB",
        Some("BQP-CGGHB"),
        Unit,
        "Đội Công binh",
        "Engineering Unit",
    ),
    seed(
        "BCA",
        None,
        Ministry,
        "Bộ Công an",
        "Ministry of Public Security",
    ),
    seed(
        "BCA-VPTT",
        Some("BCA"),
        Department,
        "Văn phòng Thường trực về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc",
        "Standing Office for UN Peacekeeping",
    ),
    seed(
        "BCA-TTHL",
        Some("BCA"),
        Department,
        "Trung tâm Huấn luyện và Phát triển năng lực gìn giữ hòa bình",
        "Peacekeeping Training and Capacity Development Centre",
    ),
    seed(
        "BCA-FPU1",
        Some("BCA-VPTT"),
        Unit,
        "Đơn vị Cảnh sát gìn giữ hòa bình số 1",
        "Formed Police Unit No. 1",
    ),
    seed(
        "BNG",
        None,
        Ministry,
        "Bộ Ngoại giao",
        "Ministry of Foreign Affairs",
    ),
    seed(
        "BNG-PDLHQ",
        Some("BNG"),
        Department,
        "Phái đoàn Đại diện thường trực Việt Nam tại Liên hợp quốc",
        "Permanent Mission of Viet Nam to the United Nations",
    ),
    seed(
        "BNG-TCQT",
        Some("BNG"),
        Department,
        "Vụ Các tổ chức quốc tế",
        "Department of International Organizations",
    ),
    seed("BTC", None, Ministry, "Bộ Tài chính", "Ministry of Finance"),
    seed(
        "BNV",
        None,
        Ministry,
        "Bộ Nội vụ",
        "Ministry of Home Affairs",
    ),
    seed("BTP", None, Ministry, "Bộ Tư pháp", "Ministry of Justice"),
    seed(
        "BLDTBXH",
        None,
        Ministry,
        "Bộ Lao động - Thương binh và Xã hội",
        "Ministry of Labour, Invalids and Social Affairs",
    ),
    seed(
        "QH-UBQPAN",
        None,
        StateBody,
        "Ủy ban Quốc phòng và An ninh của Quốc hội",
        "National Assembly Committee on National Defence and Security",
    ),
    seed(
        "HDQPAN",
        None,
        StateBody,
        "Hội đồng Quốc phòng và An ninh",
        "National Defence and Security Council",
    ),
    seed(
        "VPCTN",
        None,
        StateBody,
        "Văn phòng Chủ tịch nước",
        "Office of the President",
    ),
    seed(
        "VPCP",
        None,
        StateBody,
        "Văn phòng Chính phủ",
        "Government Office",
    ),
    seed(
        "VPQH",
        None,
        StateBody,
        "Văn phòng Quốc hội",
        "Office of the National Assembly",
    ),
    seed(
        "BDNTW",
        None,
        StateBody,
        "Ban Đối ngoại Trung ương",
        "Central External Relations Commission",
    ),
    seed(
        "LHHN",
        None,
        StateBody,
        "Liên hiệp các tổ chức hữu nghị Việt Nam",
        "Viet Nam Union of Friendship Organizations",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_lies_within_itself_and_its_ancestors_only() {
        let ministry = AgencyPath::root(1);
        let department = ministry.child(4);
        let other = AgencyPath::root(10);
        assert!(department.is_within(&ministry));
        assert!(ministry.is_within(&ministry));
        assert!(!ministry.is_within(&department));
        assert!(!department.is_within(&other));
        // `/1/` must not match `/10/`: the trailing slash is what makes prefixes safe.
        assert!(!AgencyPath::root(10).is_within(&AgencyPath::root(1)));
        assert_eq!(department.depth(), 2);
        assert_eq!(department.subtree_pattern(), "/1/4/%");
    }

    #[test]
    fn kinds_sit_only_where_the_tree_allows() {
        assert!(Ministry.may_sit_below(None).is_ok());
        assert!(Ministry.may_sit_below(Some(Ministry)).is_err());
        assert!(Department.may_sit_below(None).is_err());
        assert!(Department.may_sit_below(Some(Ministry)).is_ok());
        assert!(Department.may_sit_below(Some(Department)).is_ok());
        assert!(Department.may_sit_below(Some(Unit)).is_err());
        assert!(Unit.may_sit_below(Some(Unit)).is_ok());
    }

    #[test]
    fn codes_are_upper_case_letters_digits_and_inner_dashes() {
        assert_eq!(parse_code(" BQP-CGGHB ").as_deref(), Ok("BQP-CGGHB"));
        for bad in ["bqp", "B", "-BQP", "BQP-", "BQP CGGHB", "BQP'--"] {
            assert!(parse_code(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_draft_reports_every_bad_field_at_once() {
        let error = AgencyDraft::parse("x", "galaxy", "", "ok", None).unwrap_err();
        let fields: Vec<_> = error.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "kind", "name_vi"]);
    }

    #[test]
    fn the_seed_lists_parents_before_children_with_unique_codes() {
        let mut seen = std::collections::HashSet::new();
        for agency in SEED {
            if let Some(parent) = agency.parent {
                assert!(seen.contains(parent), "{} before its parent", agency.code);
            }
            assert!(parse_code(agency.code).is_ok());
            assert!(seen.insert(agency.code), "duplicate {}", agency.code);
        }
    }
}
