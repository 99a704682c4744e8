//! The interchange files of an instance and of its plan, so other tools can hand the
//! planner a problem and compare its answers. CSV with a header line, UTF-8:
//!
//! - `positions.csv`: `position,group` — an identifier and the group (a unit's rotation,
//!   a request) it belongs to;
//! - `candidates.csv`: `candidate,gender,agency` — `female` or `male`, and the agency code;
//! - `pairs.csv`: `position,candidate,score` — only eligible pairs, integer scores from 0;
//! - `constraints.csv` (optional): `kind,position,candidate` with `pin` or `forbid`;
//! - `limits.csv` (optional): `kind,target,value` with `min_women,GROUP,K` (at least K
//!   women in the group's positions) or `max_agency,AGENCY,M` (at most M people of the
//!   agency).
//!
//! The plan is `plan.csv`: `position,candidate` for every filled position, in the order of
//! `positions.csv`.
//!
//! Parsing is plain text in, values out: the caller reads and writes the files.

use std::collections::HashMap;

use crate::constraints::Fixed;
use crate::instance::{Instance, Pair};
use crate::solve::Plan;

/// An instance with the identifiers of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedInstance {
    pub instance: Instance,
    pub fixed: Fixed,
    pub position_ids: Vec<String>,
    pub position_groups: Vec<String>,
    pub candidate_ids: Vec<String>,
    pub candidate_genders: Vec<String>,
    pub candidate_agencies: Vec<String>,
}

/// A fault in an interchange file: which file, which line (the header is line 1), why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {reason}")]
pub struct FileFault {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

fn fault(file: &'static str, line: usize, reason: impl Into<String>) -> FileFault {
    FileFault {
        file,
        line,
        reason: reason.into(),
    }
}

/// The data lines of a file, split on commas (identifiers and scores never hold one),
/// after checking the header; read one at a time, so a large file is never held twice.
fn rows<'a>(
    file: &'static str,
    text: &'a str,
    header: &'a [&'a str],
) -> Result<impl Iterator<Item = Result<(usize, Vec<&'a str>), FileFault>> + 'a, FileFault> {
    let mut lines = text.lines().enumerate();
    let first = lines
        .next()
        .map(|(_, line)| line.trim_start_matches('\u{feff}'));
    let found: Vec<&str> = first.unwrap_or("").split(',').map(str::trim).collect();
    if found != header {
        return Err(fault(
            file,
            1,
            format!("the header must be {}", header.join(",")),
        ));
    }
    Ok(lines
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(index, line)| {
            let values: Vec<&str> = line.split(',').map(str::trim).collect();
            if values.len() == header.len() {
                Ok((index + 1, values))
            } else {
                Err(fault(
                    file,
                    index + 1,
                    format!(
                        "has {} values; the header has {}",
                        values.len(),
                        header.len()
                    ),
                ))
            }
        }))
}

fn index_of(
    file: &'static str,
    line: usize,
    ids: &HashMap<&str, u32>,
    what: &str,
    id: &str,
) -> Result<u32, FileFault> {
    ids.get(id)
        .copied()
        .ok_or_else(|| fault(file, line, format!("no {what} has the identifier {id:?}")))
}

/// Reads an instance from the texts of its files (`constraints` may be empty).
pub fn parse(
    positions: &str,
    candidates: &str,
    pairs: &str,
    constraints: &str,
) -> Result<NamedInstance, FileFault> {
    let mut named = NamedInstance {
        instance: Instance::default(),
        fixed: Fixed::default(),
        position_ids: Vec::new(),
        position_groups: Vec::new(),
        candidate_ids: Vec::new(),
        candidate_genders: Vec::new(),
        candidate_agencies: Vec::new(),
    };
    for row in rows("positions.csv", positions, &["position", "group"])? {
        let (_, values) = row?;
        named.position_ids.push(values[0].to_owned());
        named.position_groups.push(values[1].to_owned());
    }
    for row in rows(
        "candidates.csv",
        candidates,
        &["candidate", "gender", "agency"],
    )? {
        let (line, values) = row?;
        if !matches!(values[1], "female" | "male") {
            return Err(fault(
                "candidates.csv",
                line,
                "gender must be female or male",
            ));
        }
        named.candidate_ids.push(values[0].to_owned());
        named.candidate_genders.push(values[1].to_owned());
        named.candidate_agencies.push(values[2].to_owned());
    }
    let unique = |file: &'static str, ids: &[String]| -> Result<HashMap<String, u32>, FileFault> {
        let mut map = HashMap::with_capacity(ids.len());
        for (index, id) in ids.iter().enumerate() {
            if map.insert(id.clone(), index as u32).is_some() {
                return Err(fault(file, index + 2, format!("{id:?} appears twice")));
            }
        }
        Ok(map)
    };
    let position_index = unique("positions.csv", &named.position_ids)?;
    let candidate_index = unique("candidates.csv", &named.candidate_ids)?;
    let position_index: HashMap<&str, u32> = position_index
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    let candidate_index: HashMap<&str, u32> = candidate_index
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    named.instance.positions = named.position_ids.len() as u32;
    named.instance.candidates = named.candidate_ids.len() as u32;
    for row in rows("pairs.csv", pairs, &["position", "candidate", "score"])? {
        let (line, values) = row?;
        let position = index_of("pairs.csv", line, &position_index, "position", values[0])?;
        let candidate = index_of("pairs.csv", line, &candidate_index, "candidate", values[1])?;
        let score = values[2]
            .parse::<i64>()
            .map_err(|_| fault("pairs.csv", line, "the score must be a whole number"))?;
        named.instance.pairs.push(Pair {
            position,
            candidate,
            score,
        });
    }
    if !constraints.trim().is_empty() {
        let header = ["kind", "position", "candidate"];
        for row in rows("constraints.csv", constraints, &header)? {
            let (line, values) = row?;
            let position = index_of(
                "constraints.csv",
                line,
                &position_index,
                "position",
                values[1],
            )?;
            let candidate = index_of(
                "constraints.csv",
                line,
                &candidate_index,
                "candidate",
                values[2],
            )?;
            match values[0] {
                "pin" => named.fixed.pinned.push((position, candidate)),
                "forbid" => named.fixed.forbidden.push((position, candidate)),
                other => {
                    return Err(fault(
                        "constraints.csv",
                        line,
                        format!("{other:?} is not a constraint this planner reads (pin, forbid)"),
                    ))
                }
            }
        }
    }
    Ok(named)
}

/// Each distinct name numbered in order of first appearance: how `limits.csv` numbers
/// groups and agencies.
fn indices(names: &[String]) -> HashMap<&str, u32> {
    let mut map = HashMap::new();
    for name in names {
        let next = map.len() as u32;
        map.entry(name.as_str()).or_insert(next);
    }
    map
}

/// The distinct names in the order [`parse_limits`] numbers them.
pub fn distinct(names: &[String]) -> Vec<String> {
    let mut order: Vec<(u32, &str)> = indices(names)
        .into_iter()
        .map(|(name, i)| (i, name))
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, name)| name.to_owned()).collect()
}

/// The side constraints of `limits.csv` on a parsed instance; `None` when the file is
/// empty or absent.
pub fn parse_limits(
    named: &NamedInstance,
    limits: &str,
) -> Result<Option<crate::side::Side>, FileFault> {
    if limits.trim().is_empty() {
        return Ok(None);
    }
    let groups = indices(&named.position_groups);
    let agencies = indices(&named.candidate_agencies);
    let mut side = crate::side::Side {
        woman: named
            .candidate_genders
            .iter()
            .map(|g| g == "female")
            .collect(),
        agency: named
            .candidate_agencies
            .iter()
            .map(|a| agencies[a.as_str()])
            .collect(),
        group: named
            .position_groups
            .iter()
            .map(|g| groups[g.as_str()])
            .collect(),
        min_women: Vec::new(),
        max_per_agency: Vec::new(),
        together: Vec::new(),
        apart: Vec::new(),
    };
    let candidates: std::collections::HashMap<&str, u32> = (named.candidate_ids.iter())
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect();
    for row in rows("limits.csv", limits, &["kind", "target", "value"])? {
        let (line, values) = row?;
        if matches!(values[0], "together" | "apart") {
            let candidate = |id: &str| {
                candidates
                    .get(id)
                    .copied()
                    .ok_or_else(|| fault("limits.csv", line, format!("no candidate is {id:?}")))
            };
            let pair = (candidate(values[1])?, candidate(values[2])?);
            if pair.0 == pair.1 {
                return Err(fault(
                    "limits.csv",
                    line,
                    "a pair needs two different candidates",
                ));
            }
            match values[0] {
                "together" => side.together.push(pair),
                _ => side.apart.push(pair),
            }
            continue;
        }
        let value = values[2].parse::<u32>().map_err(|_| {
            fault(
                "limits.csv",
                line,
                "the value must be a whole number from 0",
            )
        })?;
        match values[0] {
            "min_women" => {
                let group = groups.get(values[1]).ok_or_else(|| {
                    fault(
                        "limits.csv",
                        line,
                        format!("no position is in group {:?}", values[1]),
                    )
                })?;
                side.min_women.push((*group, value));
            }
            "max_agency" => {
                let agency = agencies.get(values[1]).ok_or_else(|| {
                    fault(
                        "limits.csv",
                        line,
                        format!("no candidate is of agency {:?}", values[1]),
                    )
                })?;
                side.max_per_agency.push((*agency, value));
            }
            other => {
                return Err(fault(
                    "limits.csv",
                    line,
                    format!("{other:?} is not a limit this planner reads (min_women, max_agency, together, apart)"),
                ))
            }
        }
    }
    Ok(Some(side))
}

/// The instance as the texts of its files: (file name, text), constraints only when any.
pub fn write_instance(named: &NamedInstance) -> Vec<(&'static str, String)> {
    let mut positions = String::from("position,group\n");
    for (id, group) in named.position_ids.iter().zip(&named.position_groups) {
        positions.push_str(&format!("{id},{group}\n"));
    }
    let mut candidates = String::from("candidate,gender,agency\n");
    for ((id, gender), agency) in named
        .candidate_ids
        .iter()
        .zip(&named.candidate_genders)
        .zip(&named.candidate_agencies)
    {
        candidates.push_str(&format!("{id},{gender},{agency}\n"));
    }
    let mut pairs = String::with_capacity(named.instance.pairs.len() * 24);
    pairs.push_str("position,candidate,score\n");
    for pair in &named.instance.pairs {
        pairs.push_str(&format!(
            "{},{},{}\n",
            named.position_ids[pair.position as usize],
            named.candidate_ids[pair.candidate as usize],
            pair.score
        ));
    }
    let mut files = vec![
        ("positions.csv", positions),
        ("candidates.csv", candidates),
        ("pairs.csv", pairs),
    ];
    if !named.fixed.pinned.is_empty() || !named.fixed.forbidden.is_empty() {
        let mut constraints = String::from("kind,position,candidate\n");
        let pinned = named.fixed.pinned.iter().map(|pair| ("pin", pair));
        let forbidden = named.fixed.forbidden.iter().map(|pair| ("forbid", pair));
        for (kind, (position, candidate)) in pinned.chain(forbidden) {
            constraints.push_str(&format!(
                "{kind},{},{}\n",
                named.position_ids[*position as usize], named.candidate_ids[*candidate as usize]
            ));
        }
        files.push(("constraints.csv", constraints));
    }
    files
}

/// The plan as the text of `plan.csv`.
pub fn write_plan(named: &NamedInstance, plan: &Plan) -> String {
    let mut text = String::from("position,candidate\n");
    for (position, candidate) in plan.assignment.iter().enumerate() {
        if let Some(candidate) = candidate {
            text.push_str(&format!(
                "{},{}\n",
                named.position_ids[position], named.candidate_ids[*candidate as usize]
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::solve_fixed;

    #[test]
    fn files_in_plan_out() {
        let named = parse(
            "position,group\nP1,rot7\nP2,rot7\n",
            "candidate,gender,agency\nA,female,BQP\nB,male,BCA\n",
            "position,candidate,score\nP1,A,9\nP1,B,3\nP2,A,5\n",
            "kind,position,candidate\nforbid,P2,A\n",
        )
        .expect("valid");
        let plan = solve_fixed(&named.instance, &named.fixed).expect("feasible");
        assert_eq!(write_plan(&named, &plan), "position,candidate\nP1,A\n");
    }

    #[test]
    fn a_written_instance_reads_back_the_same() {
        let shape = crate::generate::Shape {
            positions: 30,
            candidates: 90,
            density_percent: 10,
            max_score: 100,
            scores: crate::generate::Scores::Contested,
        };
        let mut named = crate::generate::named(&shape, 5);
        named.fixed.forbidden.push((1, 2));
        let files = write_instance(&named);
        let text = |name: &str| {
            files
                .iter()
                .find(|(file, _)| *file == name)
                .map_or(String::new(), |(_, text)| text.clone())
        };
        let read = parse(
            &text("positions.csv"),
            &text("candidates.csv"),
            &text("pairs.csv"),
            &text("constraints.csv"),
        )
        .expect("valid");
        assert_eq!(read, named);
    }

    #[test]
    fn limits_name_groups_and_agencies_and_their_faults() {
        let named = parse(
            "position,group\nP1,rot7\nP2,rot8\n",
            "candidate,gender,agency\nA,female,BQP\nB,male,BCA\n",
            "position,candidate,score\nP1,A,9\nP2,B,3\n",
            "",
        )
        .expect("valid");
        let side = parse_limits(
            &named,
            "kind,target,value\nmin_women,rot8,1\nmax_agency,BCA,0\n",
        )
        .expect("valid")
        .expect("limits");
        assert_eq!(side.min_women, vec![(1, 1)]);
        assert_eq!(side.max_per_agency, vec![(1, 0)]);
        assert_eq!(side.woman, vec![true, false]);
        let bad = parse_limits(&named, "kind,target,value\nmin_women,rot9,1\n").unwrap_err();
        assert_eq!((bad.file, bad.line), ("limits.csv", 2));
        assert_eq!(parse_limits(&named, "").expect("empty"), None);
    }

    #[test]
    fn faults_name_the_file_and_line() {
        let bad = parse(
            "position,group\nP1,g\n",
            "candidate,gender,agency\nA,female,BQP\n",
            "position,candidate,score\nP1,A,9\nP1,Z,3\n",
            "",
        )
        .unwrap_err();
        assert_eq!((bad.file, bad.line), ("pairs.csv", 3));
        let header = parse("id,group\n", "", "", "").unwrap_err();
        assert_eq!((header.file, header.line), ("positions.csv", 1));
        let quota = parse(
            "position,group\nP1,g\n",
            "candidate,gender,agency\nA,female,BQP\n",
            "position,candidate,score\n",
            "kind,position,candidate\nmin_women,P1,A\n",
        )
        .unwrap_err();
        assert_eq!((quota.file, quota.line), ("constraints.csv", 2));
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Text shaped like the files, with their separators and some of everything else.
        fn file() -> impl Strategy<Value = String> {
            "[a-zA-Z0-9_,\\n\\r \"#;:.-]{0,300}"
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]

            #[test]
            fn any_instance_files_are_read_or_refused(
                positions in file(), candidates in file(), pairs in file(),
                constraints in file(), limits in file(),
            ) {
                if let Ok(named) = parse(&positions, &candidates, &pairs, &constraints) {
                    let _ = parse_limits(&named, &limits);
                }
            }

            #[test]
            fn a_valid_instance_with_any_limits_is_read_or_refused(limits in file()) {
                let named = parse(
                    "position,group\nP1,G1\nP2,G1\n",
                    "candidate,gender,agency\nC1,female,A\nC2,male,B\n",
                    "position,candidate,score\nP1,C1,5\nP2,C2,7\nP1,C2,3\n",
                    "",
                ).expect("a valid instance");
                let _ = parse_limits(&named, &format!("kind,target,value\n{limits}"));
            }
        }
    }
}
