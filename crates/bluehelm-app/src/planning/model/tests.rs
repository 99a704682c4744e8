//! The pure steps of a proposal, case by case.

use bluehelm_domain::eligibility::{MedicalClearance, PersonnelType, Requirements};
use bluehelm_domain::person::{PersonStatus, Service};
use time::macros::date;

use super::*;
use crate::i18n::Tr;
use bluehelm_domain::lang::Lang;

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
        section: None,
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

const TOUR: Tour = Tour {
    start: date!(2026 - 09 - 01),
    months: 12,
};

/// Three fit nurses (ids 11, 12, 13; the last a man) and their scores for `posts`.
fn nurses(posts: &[Post]) -> (Vec<(i64, Candidate)>, Scores) {
    let mut man = fit_nurse();
    man.gender = Gender::Male;
    // One more completed tour makes the second nurse the most suitable.
    let mut seasoned = fit_nurse();
    seasoned.tours = 1;
    let pool = vec![(11, fit_nurse()), (12, seasoned), (13, man)];
    let scores = score_pairs(
        &pool,
        posts,
        &TOUR,
        &EligibilitySettings::default(),
        Some("UNMISS"),
        &Weights::default(),
    );
    (pool, scores)
}

fn choice(position_id: i64, person_id: i64) -> Choice {
    Choice {
        position_id,
        person_id,
    }
}

fn pair(first: i64, second: i64) -> People {
    People { first, second }
}

/// The planner's edits that name something outside the request or its pool, or a pair of
/// one person, are refused with the field at fault and the reason's code.
#[test]
fn edits_naming_nothing_known_are_refused_by_field() {
    let posts = [post(1, "nurse")];
    let (pool, scores) = nurses(&posts);
    let cases: Vec<(&str, PlanInput, &str, &str)> = vec![
        (
            "a pin on a position of another request",
            PlanInput {
                pins: vec![choice(99, 11)],
                ..PlanInput::default()
            },
            "pins",
            "not_found",
        ),
        (
            "a pin on someone outside the pool",
            PlanInput {
                pins: vec![choice(1, 99)],
                ..PlanInput::default()
            },
            "pins",
            "not_found",
        ),
        (
            "two pins on a position of one post",
            PlanInput {
                pins: vec![choice(1, 11), choice(1, 12)],
                ..PlanInput::default()
            },
            "pins",
            "too_many_pins",
        ),
        (
            "a forbid on a position of another request",
            PlanInput {
                forbids: vec![choice(7, 11)],
                ..PlanInput::default()
            },
            "forbids",
            "not_found",
        ),
        (
            "a pair of one person",
            PlanInput {
                together: vec![pair(11, 11)],
                ..PlanInput::default()
            },
            "together",
            "same_person",
        ),
        (
            "a pair with someone outside the pool",
            PlanInput {
                apart: vec![pair(11, 99)],
                ..PlanInput::default()
            },
            "apart",
            "not_found",
        ),
    ];
    for (what, input, field, code) in cases {
        let Err(error) = Model::build(&posts, &pool, &scores, &input, None) else {
            panic!("{what}: accepted");
        };
        let errors = error.field_errors();
        assert_eq!(errors.len(), 1, "{what}: {errors:?}");
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            (field, code),
            "{what}"
        );
    }
}

/// Solves a model the way a proposal does, with names for everyone of the pool.
fn plan(posts: &[Post], input: &PlanInput) -> Result<Proposal, AppError> {
    let (pool, scores) = nurses(posts);
    let mut model = Model::build(posts, &pool, &scores, input, None)?;
    let instance = std::mem::take(&mut model.instance);
    let outcome = bluehelm_planner::side::solve_side(&instance, &model.fixed, &model.side, 1_000)
        .map_err(|error| model.refusal(error, posts, &pool))?;
    let shortlist = model.shortlist(&outcome, &scores, input, &pool)?;
    let people: HashMap<i64, Named> = pool
        .iter()
        .map(|(id, candidate)| {
            let named = Named {
                name: format!("nurse {id}"),
                gender: candidate.gender.as_str().to_owned(),
                agency_code: "BQP".to_owned(),
            };
            (*id, named)
        })
        .collect();
    Ok(model.explain(shortlist, posts, &pool, &scores, &people, input))
}

#[test]
fn the_plan_names_who_fills_each_post_who_came_next_and_what_stays_open() {
    // One nurse's post, and a surgeon's post nobody in the pool can fill.
    let posts = [post(1, "nurse"), post(2, "surgeon")];
    let proposal = plan(&posts, &PlanInput::default()).expect("a plan");
    assert_eq!((proposal.posts, proposal.filled), (2, 1));
    assert_eq!(proposal.status, "optimal");
    assert_eq!(proposal.score, proposal.bound, "proven optimal");
    let chosen: Vec<i64> = proposal.assignments.iter().map(|a| a.person_id).collect();
    assert_eq!(chosen, [12], "the most suitable nurse is chosen");
    let lowest = proposal.assignments[0].score;
    assert_eq!(proposal.runners_up.len(), 2);
    for runner_up in &proposal.runners_up {
        assert!(runner_up.score < lowest, "{runner_up:?}");
        assert_eq!(
            runner_up.reason,
            Message::new("plan.reason_points_below")
                .number("points", lowest - runner_up.score)
                .number("lowest", lowest)
        );
    }
    assert_eq!(
        proposal
            .unfilled
            .iter()
            .map(|c| (c.key.as_str(), c.people))
            .collect::<Vec<_>>(),
        [("surgeon", 1)]
    );
    assert_eq!(proposal.by_gender.len(), 1);
    assert_eq!(proposal.by_gender[0].people, 1);
}

#[test]
fn edits_shape_the_plan_or_are_refused_when_no_plan_can_meet_them() {
    let posts = [post(1, "nurse")];
    // Forbidding the best nurse gives the post to another, and says why she stayed out.
    let forbid = PlanInput {
        forbids: vec![choice(1, 12)],
        ..PlanInput::default()
    };
    let proposal = plan(&posts, &forbid).expect("a plan");
    assert_ne!(proposal.assignments[0].person_id, 12);
    let forbidden = proposal
        .runners_up
        .iter()
        .find(|r| r.person_id == 12)
        .expect("the forbidden nurse among the runners-up");
    assert_eq!(forbidden.reason, Message::new("plan.reason_forbidden"));
    // Pinning the man puts him there although he suits less.
    let pin = PlanInput {
        pins: vec![choice(1, 13)],
        ..PlanInput::default()
    };
    let proposal = plan(&posts, &pin).expect("a plan");
    assert_eq!(proposal.assignments[0].person_id, 13);
    assert!(proposal.assignments[0].pinned);
    // Pinned and forbidden at once, and more women than posts, are refused by field.
    let both = PlanInput {
        pins: vec![choice(1, 13)],
        forbids: vec![choice(1, 13)],
        ..PlanInput::default()
    };
    let quota = PlanInput {
        min_women: Some(2),
        ..PlanInput::default()
    };
    for (what, input, field, code) in [
        (
            "pinned and forbidden",
            both,
            "forbids",
            "pinned_and_forbidden",
        ),
        (
            "two women for one post",
            quota,
            "min_women",
            "cannot_be_met",
        ),
    ] {
        let Err(error) = plan(&posts, &input) else {
            panic!("{what}: planned");
        };
        let errors = error.field_errors();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            (field, code),
            "{what}"
        );
        // Said in both languages, the person named, nothing left unfilled.
        let vi = Tr::new(Lang::Vi).field_message(&errors[0]);
        let en = Tr::new(Lang::En).field_message(&errors[0]);
        assert_ne!(vi, en, "{what}");
        for text in [vi, en] {
            assert!(
                !text.contains('{') && !text.contains("plan."),
                "{what}: {text}"
            );
        }
    }
}

/// Every reason a plan cannot be made, with its arguments, in both languages.
#[test]
fn every_reason_no_plan_can_be_made_renders_in_both_languages() {
    let reasons = [
        Message::new("plan.fault_quota")
            .number("needed", 3)
            .number("most", 2),
        Message::new("plan.fault_cap")
            .text("agency", "BCA")
            .number("cap", 1)
            .number("pinned", 2),
        Message::new("plan.fault_together"),
        Message::new("plan.fault_pinned_apart")
            .number("first", 11)
            .number("second", 12),
        Message::new("plan.fault_partner")
            .number("partner", 11)
            .number("pinned", 12),
        Message::new("plan.person_for_position")
            .number("person", 11)
            .text("position", "nurse"),
        Message::new("plan.reason_tied"),
        Message::new("plan.reason_unfilled"),
    ];
    for reason in reasons {
        let vi = Tr::new(Lang::Vi).render(&reason);
        let en = Tr::new(Lang::En).render(&reason);
        assert_ne!(vi, en, "{}", reason.key);
        for text in [vi, en] {
            assert!(!text.contains('{') && !text.contains("plan."), "{text}");
            for (_, arg) in &reason.args {
                if let bluehelm_domain::message::Arg::Number(n) = arg {
                    assert!(text.contains(&n.to_string()), "{text} names {n}");
                }
            }
        }
    }
}

/// Women per position line: each line meets its own quota, counted and shown line by line;
/// a line that cannot meet it is named by the per-group field; one quota or the other.
#[test]
fn women_are_planned_line_by_line() {
    let posts = [post(1, "nurse"), post(2, "nurse")];
    let each = PlanInput {
        min_women_per_group: Some(1),
        ..PlanInput::default()
    };
    let proposal = plan(&posts, &each).expect("a plan");
    assert_eq!(
        women_by_group(&proposal),
        [
            ("nurse".to_owned(), 1, 1, Some(1)),
            ("nurse".to_owned(), 1, 1, Some(1))
        ]
    );
    assert_eq!(proposal.min_women_per_group, Some(1));
    let man_on_the_second = PlanInput {
        pins: vec![choice(2, 13)],
        ..each.clone()
    };
    let both = PlanInput {
        min_women: Some(1),
        ..each
    };
    for (what, input, code) in [
        (
            "a man pinned to a line that needs a woman",
            man_on_the_second,
            "cannot_be_met",
        ),
        (
            "a quota for the request and one per line",
            both,
            "one_or_other",
        ),
    ] {
        let Err(error) = plan(&posts, &input) else {
            panic!("{what}: planned");
        };
        let errors = error.field_errors();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            ("min_women_per_group", code),
            "{what}"
        );
    }
}

/// (group, posts, women, at least) of a proposal, in its order.
fn women_by_group(proposal: &Proposal) -> Vec<(String, u32, usize, Option<u32>)> {
    proposal
        .women_by_group
        .iter()
        .map(|group| (group.key.clone(), group.posts, group.women, group.at_least))
        .collect()
}

/// A unit's sections are the groups: the lines of one section share its quota, a line
/// outside any section is a group of its own; a share is rounded up to whole people.
#[test]
fn women_are_planned_section_by_section_as_a_count_or_a_share() {
    let in_ward = |id| Post {
        section: Some("Khoa nội".to_owned()),
        ..post(id, "nurse")
    };
    let posts = [in_ward(1), in_ward(2), post(3, "nurse")];
    // Two women in the pool: the ward's two posts and the lone line cannot all take one.
    let two_each = PlanInput {
        min_women_per_group: Some(2),
        ..PlanInput::default()
    };
    let Err(error) = plan(&posts, &two_each) else {
        panic!("three women planned from two");
    };
    let errors = error.field_errors();
    assert_eq!(
        (errors[0].field.as_str(), errors[0].code),
        ("min_women_per_group", "cannot_be_met")
    );
    // Half of each group: one of the ward's two posts, and the lone post (half of one,
    // rounded up), so both women go, one to each group.
    let half = PlanInput {
        min_women_share: Some(50),
        ..PlanInput::default()
    };
    let proposal = plan(&posts, &half).expect("a plan");
    assert_eq!(
        women_by_group(&proposal),
        [
            ("Khoa nội".to_owned(), 2, 1, Some(1)),
            ("nurse".to_owned(), 1, 1, Some(1))
        ]
    );
    let on_line_three = proposal
        .assignments
        .iter()
        .find(|a| a.position_id == 3)
        .expect("the lone post filled");
    assert_eq!(on_line_three.gender, "female");
    for (what, input, field, code) in [
        (
            "a share over the whole",
            PlanInput {
                min_women_share: Some(101),
                ..PlanInput::default()
            },
            "min_women_share",
            "out_of_range",
        ),
        (
            "a count and a share",
            PlanInput {
                min_women_share: Some(50),
                ..two_each.clone()
            },
            "min_women_share",
            "one_or_other",
        ),
    ] {
        let Err(error) = plan(&posts, &input) else {
            panic!("{what}: planned");
        };
        let errors = error.field_errors();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            (field, code),
            "{what}"
        );
    }
}
