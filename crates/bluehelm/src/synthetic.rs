//! A synthetic personnel pool, deterministic for a seed: Vietnamese names with diacritics,
//! services, ranks, specialties, passports, language tests, qualifications and medical
//! examinations with a realistic spread of expiry dates (some expired, some expiring, most
//! valid). Used by the demo data, the import tests and the benchmarks. Every record is
//! produced as the text a user would type, so it goes through the same checks as theirs.

use bluehelm_domain::person::PersonInput;
use bluehelm_domain::records::{DocumentInput, LanguageInput, MedicalInput, QualificationInput};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use time::{Date, Duration};

/// One synthetic person and their sub-records; `agency_code` names the owning agency.
#[derive(Debug, Clone)]
pub struct SyntheticPerson {
    pub agency_code: &'static str,
    pub person: PersonInput,
    pub documents: Vec<DocumentInput>,
    pub languages: Vec<LanguageInput>,
    pub qualifications: Vec<QualificationInput>,
    pub medical: Option<MedicalInput>,
}

const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Mai", 1),
];
const MIDDLE_MALE: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Công", "Mạnh", "Tiến",
];
const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Bích", "Khánh",
];
const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khoa", "Long", "Nam",
    "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh",
];
const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Châu", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân",
    "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Uyên", "Vân", "Yến",
];
/// (service, weight, agencies, number prefix)
const SERVICES: &[(&str, u32, &[&str], &str)] = &[
    (
        "army",
        55,
        &["BQP-CGGHB", "BQP-CGGHB-DCB", "BQP-HVQY", "BQP-BCCB", "BQP"],
        "QN",
    ),
    ("navy", 5, &["BQP"], "HQ"),
    ("air_force", 5, &["BQP"], "KQ"),
    ("border_guard", 5, &["BQP"], "BP"),
    ("police", 25, &["BCA-VPTT", "BCA-TTHL", "BCA"], "CA"),
    ("civilian", 5, &["BNG-TCQT", "BTP", "BLDTBXH"], "DS"),
];
const OFFICER_RANKS: &[&str] = &[
    "thieu-uy",
    "trung-uy",
    "thuong-uy",
    "dai-uy",
    "thieu-ta",
    "trung-ta",
    "thuong-ta",
    "dai-ta",
];
const NCO_RANKS: &[&str] = &["ha-si", "trung-si", "thuong-si"];
const SPECIALTIES: &[&str] = &[
    "staff_officer",
    "military_observer",
    "medical_doctor",
    "surgeon",
    "anaesthetist",
    "nurse",
    "pharmacist",
    "engineer",
    "logistics",
    "signals",
    "driver",
    "interpreter",
];
const QUALIFICATIONS: &[(&str, Option<i64>)] = &[
    ("un-sotc", None),
    ("un-mem", None),
    ("un-poc", None),
    ("un-pdt", Some(12)),
    ("licence-b", Some(120)),
    ("licence-c", Some(60)),
    ("firearms", Some(24)),
    ("first-aid", Some(36)),
];
const POLICE_TEST: &[&str] = &[
    "ams-english",
    "ams-interview",
    "ams-driving",
    "ams-firearms",
];
const LEVELS: &[(&str, u32)] = &[("A2", 5), ("B1", 25), ("B2", 40), ("C1", 25), ("C2", 5)];

/// The index of one of `weights`, chosen in proportion to it.
fn weighted_index(rng: &mut StdRng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut pick = rng.gen_range(0..total.max(1));
    for (index, weight) in weights.iter().enumerate() {
        if pick < *weight {
            return index;
        }
        pick -= weight;
    }
    weights.len().saturating_sub(1)
}

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [(T, u32)]) -> &'a T {
    let weights: Vec<u32> = items.iter().map(|(_, weight)| *weight).collect();
    &items[weighted_index(rng, &weights)].0
}

fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// A date within `days` either side of `around`.
fn near(rng: &mut StdRng, around: Date, before: i64, after: i64) -> Date {
    around + Duration::days(rng.gen_range(-before..=after))
}

/// `count` people from `seed`, as of `today`. The same arguments give the same people.
pub fn people(count: usize, seed: u64, today: Date) -> impl Iterator<Item = SyntheticPerson> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count).map(move |index| person(&mut rng, index, today))
}

fn person(rng: &mut StdRng, index: usize, today: Date) -> SyntheticPerson {
    let weights: Vec<u32> = SERVICES.iter().map(|(_, weight, _, _)| *weight).collect();
    let (service, _, agencies, prefix) = SERVICES[weighted_index(rng, &weights)];
    let specialty = pick(rng, SPECIALTIES);
    // Medical teams have many more women than the rest of the forces.
    let female_share = if matches!(specialty, "nurse" | "medical_doctor" | "pharmacist") {
        0.55
    } else {
        0.14
    };
    let female = rng.gen_bool(female_share);
    let family = *weighted(rng, FAMILY);
    let (middle, given) = if female {
        (pick(rng, MIDDLE_FEMALE), pick(rng, GIVEN_FEMALE))
    } else {
        (pick(rng, MIDDLE_MALE), pick(rng, GIVEN_MALE))
    };
    let birth = today - Duration::days(rng.gen_range(24 * 365..52 * 365));
    let rank = match service {
        "civilian" => "",
        _ if rng.gen_bool(0.85) => pick(rng, OFFICER_RANKS),
        _ => pick(rng, NCO_RANKS),
    };
    let mut specialties = vec![specialty.to_owned()];
    if service == "police" {
        specialties.push("police_officer".to_owned());
    } else if rng.gen_bool(0.25) {
        specialties.push(pick(rng, SPECIALTIES).to_owned());
    }
    let status = *weighted(
        rng,
        &[
            ("available", 80),
            ("in_training", 8),
            ("deployed", 8),
            ("unavailable", 3),
            ("nominated", 1),
        ],
    );
    let mut documents = Vec::new();
    if rng.gen_bool(0.85) {
        // A passport issued some years ago; about one in ten is expired or expires this year.
        let expires = near(rng, today, 200, 9 * 365);
        if rng.gen_bool(0.3) {
            let old = expires - Duration::days(10 * 365);
            documents.push(DocumentInput {
                kind: "official_passport".into(),
                number: format!("B{:07}", rng.gen_range(0..10_000_000)),
                issued_on: (old - Duration::days(5 * 365)).to_string(),
                expires_on: old.to_string(),
            });
        }
        documents.push(DocumentInput {
            kind: "official_passport".into(),
            number: format!("C{:07}", rng.gen_range(0..10_000_000)),
            issued_on: (expires - Duration::days(10 * 365)).to_string(),
            expires_on: expires.to_string(),
        });
    }
    let mut languages = Vec::new();
    if rng.gen_bool(0.75) {
        let tested = near(rng, today, 3 * 365, 0);
        languages.push(LanguageInput {
            language: "en".into(),
            test: pick(rng, &["ielts", "toeic", "un", "national"]).into(),
            score: String::new(),
            level: (*weighted(rng, LEVELS)).into(),
            tested_on: tested.to_string(),
            valid_until: (tested + Duration::days(2 * 365)).to_string(),
        });
        if rng.gen_bool(0.08) {
            languages.push(LanguageInput {
                language: "fr".into(),
                test: "other".into(),
                score: String::new(),
                level: (*weighted(rng, LEVELS)).into(),
                tested_on: tested.to_string(),
                valid_until: String::new(),
            });
        }
    }
    let mut qualifications = Vec::new();
    let mut held: Vec<&str> = Vec::new();
    for _ in 0..rng.gen_range(0..=3) {
        let (code, months) = *QUALIFICATIONS.choose(rng).unwrap_or(&QUALIFICATIONS[0]);
        if held.contains(&code) {
            continue;
        }
        held.push(code);
        let issued = near(rng, today, 4 * 365, 0);
        qualifications.push(QualificationInput {
            kind: code.into(),
            issued_on: issued.to_string(),
            expires_on: months
                .map(|m| (issued + Duration::days(m * 30)).to_string())
                .unwrap_or_default(),
            reference: String::new(),
        });
    }
    if service == "police" && rng.gen_bool(0.5) {
        let issued = near(rng, today, 400, 0);
        for code in POLICE_TEST {
            qualifications.push(QualificationInput {
                kind: (*code).into(),
                issued_on: issued.to_string(),
                expires_on: (issued + Duration::days(365)).to_string(),
                reference: String::new(),
            });
        }
    }
    let medical = rng.gen_bool(0.7).then(|| {
        let examined = near(rng, today, 360, 0);
        let status = *weighted(
            rng,
            &[
                ("fit", 85),
                ("fit_with_restrictions", 8),
                ("temporarily_unfit", 5),
                ("unfit", 2),
            ],
        );
        MedicalInput {
            status: status.into(),
            examined_on: examined.to_string(),
            valid_until: (examined + Duration::days(365)).to_string(),
            restrictions: if status == "fit_with_restrictions" {
                "no posting above 2,500 m".into()
            } else {
                String::new()
            },
        }
    });
    SyntheticPerson {
        agency_code: pick(rng, agencies),
        person: PersonInput {
            agency_id: 0,
            service: service.into(),
            service_number: format!("{prefix}-{:06}", index + 1),
            family_name: family.into(),
            middle_name: middle.into(),
            given_name: given.into(),
            gender: if female { "female" } else { "male" }.into(),
            birth_date: birth.to_string(),
            rank: rank.into(),
            phone: format!("09{:08}", rng.gen_range(0..100_000_000)),
            email: String::new(),
            status: status.into(),
            specialties,
        },
        documents,
        languages,
        qualifications,
        medical,
    }
}

#[cfg(test)]
mod tests {
    use bluehelm_domain::person::PersonDraft;
    use bluehelm_domain::records::{
        DocumentDraft, LanguageDraft, MedicalDraft, QualificationDraft,
    };
    use time::macros::date;

    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let today = date!(2026 - 11 - 23);
        let first: Vec<String> = people(50, 7, today)
            .map(|p| format!("{:?}", p.person))
            .collect();
        let again: Vec<String> = people(50, 7, today)
            .map(|p| format!("{:?}", p.person))
            .collect();
        let other: Vec<String> = people(50, 8, today)
            .map(|p| format!("{:?}", p.person))
            .collect();
        assert_eq!(first, again);
        assert_ne!(first, other);
    }

    #[test]
    fn every_synthetic_record_passes_the_checks() {
        let today = date!(2026 - 11 - 23);
        for person in people(2_000, 1, today) {
            let input = PersonInput {
                agency_id: 1,
                ..person.person.clone()
            };
            PersonDraft::parse(&input, today).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            for document in &person.documents {
                DocumentDraft::parse(document).unwrap_or_else(|e| panic!("{document:?}: {e}"));
            }
            for language in &person.languages {
                LanguageDraft::parse(language).unwrap_or_else(|e| panic!("{language:?}: {e}"));
            }
            for qualification in &person.qualifications {
                QualificationDraft::parse(qualification)
                    .unwrap_or_else(|e| panic!("{qualification:?}: {e}"));
            }
            if let Some(medical) = &person.medical {
                MedicalDraft::parse(medical).unwrap_or_else(|e| panic!("{medical:?}: {e}"));
            }
        }
    }
}
