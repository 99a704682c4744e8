//! Solver timings on synthetic instances: `cargo bench -p bluehelm-planner --bench solve
//! [-- --sizes 500x5000,2000x20000] [--density 2] [--women 40 --cap 210] [--nodes 200]`. With `--women`
//! (a share of every group's positions, in percent) or `--cap` (people per agency) the
//! contested instances are also solved under those limits, exploring at most `--nodes`
//! nodes of the search.

use std::time::Instant;

use bluehelm_planner::constraints::Fixed;
use bluehelm_planner::generate::{limits, named, random, Scores, Shape};
use bluehelm_planner::interchange::parse_limits;
use bluehelm_planner::side::solve_side;
use bluehelm_planner::solve;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes = value("--sizes").unwrap_or_else(|| "500x5000,2000x20000".to_owned());
    let density: u32 = value("--density").and_then(|d| d.parse().ok()).unwrap_or(2);
    let women: Option<u32> = value("--women").and_then(|w| w.parse().ok());
    let cap: Option<u32> = value("--cap").and_then(|c| c.parse().ok());
    let nodes: usize = value("--nodes").and_then(|n| n.parse().ok()).unwrap_or(200);
    for size in sizes.split(',') {
        let Some((positions, candidates)) = size.split_once('x') else {
            continue;
        };
        let (Ok(positions), Ok(candidates)) = (positions.parse(), candidates.parse()) else {
            continue;
        };
        for scores in [Scores::Random, Scores::Contested, Scores::Skewed] {
            let shape = Shape {
                positions,
                candidates,
                density_percent: density,
                max_score: 1_000,
                scores,
            };
            let instance = random(&shape, 1);
            let started = Instant::now();
            let plan = solve(&instance).expect("valid");
            println!(
                "{positions}x{candidates} {} ({} pairs): {:.3} s, filled {}, score {}",
                format!("{scores:?}").to_lowercase(),
                instance.pairs.len(),
                started.elapsed().as_secs_f64(),
                plan.filled,
                plan.score
            );
            if scores != Scores::Contested || (women.is_none() && cap.is_none()) {
                continue;
            }
            let named = named(&shape, 1);
            let side = parse_limits(&named, &limits(&named, women.unwrap_or(0), cap))
                .expect("generated limits")
                .expect("some limits");
            let started = Instant::now();
            let outcome =
                solve_side(&named.instance, &Fixed::default(), &side, nodes).expect("valid");
            println!(
                "  with at least {}% women per group and at most {cap:?} per agency: {:.3} s, {:?}, {} nodes, plan {:?}, bound {:?}",
                women.unwrap_or(0),
                started.elapsed().as_secs_f64(),
                outcome.status,
                outcome.nodes,
                outcome.plan.map(|p| (p.filled, p.score)),
                outcome.bound,
            );
        }
    }
}
