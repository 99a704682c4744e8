//! The pure scoring step, case by case.

use bluehelm_domain::eligibility::{MedicalClearance, PersonnelType};
use bluehelm_domain::person::{PersonStatus, Service};
use time::macros::date;

use super::*;

fn fit_nurse() -> Candidate {
    Candidate {
        gender: Gender::Female,
        birth_date: date!(1990 - 01 - 01),
        service: Service::Army,
        rank_order: Some(10),
        status: PersonStatus::Available,
        specialties: vec!["nurse".into()],
        languages: Vec::new(),
        qualifications: Vec::new(),
        passport_expiries: vec![date!(2035 - 01 - 01)],
        medical: Some(MedicalClearance {
            cleared: true,
            valid_until: date!(2030 - 01 - 01),
        }),
        last_return: None,
        tours: 0,
        preferred_missions: vec!["UNMISS".into()],
    }
}

fn post(id: i64, specialty: &str) -> Post {
    Post {
        id,
        title: specialty.to_owned(),
        count: 1,
        requirements: Some(Requirements {
            personnel_type: PersonnelType::FormedUnit,
            services: Vec::new(),
            min_rank: None,
            max_rank: None,
            specialties: vec![specialty.to_owned()],
            language: None,
            qualifications: Vec::new(),
            gender: None,
        }),
    }
}

/// Each case: the pool (as changes to a fit nurse), the posts, and the (post, person)
/// pairs the rules let through.
#[test]
fn only_eligible_pairs_are_scored() {
    type Change = fn(&mut Candidate);
    /// (what it shows, the pool as changes to a fit nurse, the posts' specialties, the
    /// (post, person) pairs expected)
    type Case<'a> = (&'a str, &'a [Change], &'a [&'a str], &'a [(usize, usize)]);
    let cases: &[Case] = &[
        (
            "a fit nurse suits a nurse's post",
            &[|_| {}],
            &["nurse"],
            &[(0, 0)],
        ),
        ("not a doctor", &[|_| {}], &["medical_doctor"], &[]),
        (
            "a deployed person is not proposed",
            &[|c| c.status = PersonStatus::Deployed],
            &["nurse"],
            &[],
        ),
        (
            "a passport ending during the tour fails",
            &[|c| c.passport_expiries = vec![date!(2027 - 01 - 01)]],
            &["nurse"],
            &[],
        ),
        (
            "two people, two posts: each where the rules allow",
            &[|_| {}, |c| c.specialties = vec!["medical_doctor".into()]],
            &["nurse", "medical_doctor"],
            &[(0, 0), (1, 1)],
        ),
    ];
    let tour = Tour {
        start: date!(2026 - 09 - 01),
        months: 12,
    };
    for (name, changes, posts, expected) in cases {
        let pool: Vec<(i64, Candidate)> = changes
            .iter()
            .zip(1..)
            .map(|(change, id)| {
                let mut candidate = fit_nurse();
                change(&mut candidate);
                (id, candidate)
            })
            .collect();
        let posts: Vec<Post> = posts.iter().zip(1..).map(|(s, id)| post(id, s)).collect();
        let scores = score_pairs(
            &pool,
            &posts,
            &tour,
            &EligibilitySettings::default(),
            Some("UNMISS"),
            &Weights::default(),
        );
        let mut found: Vec<(usize, usize)> = scores.keys().copied().collect();
        found.sort_unstable();
        assert_eq!(&found, expected, "{name}");
        for suits in scores.values() {
            assert!(suits.score > 0, "{name}: a suitable person scores");
        }
    }
}

#[test]
fn a_post_whose_requirements_cannot_be_read_takes_nobody() {
    let mut unreadable = post(1, "nurse");
    unreadable.requirements = None;
    let scores = score_pairs(
        &[(1, fit_nurse())],
        &[unreadable],
        &Tour {
            start: date!(2026 - 09 - 01),
            months: 12,
        },
        &EligibilitySettings::default(),
        None,
        &Weights::default(),
    );
    assert!(scores.is_empty());
}
