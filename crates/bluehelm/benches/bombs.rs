//! What refusing a hostile workbook costs the reader: for each bomb of the integration
//! tests, and for a valid people file of 100,000 rows beside them, the time to an answer
//! and how far the reading raised the process's peak resident memory. Run with
//! `cargo bench -p bluehelm --bench bombs`.

use std::time::Instant;

use bluehelm_app::sheet::{Sheet, IMPORT_LIMITS};
use bluehelm_domain::exchange::{DOCUMENT_COLUMNS, PERSON_COLUMNS};

#[path = "../tests/it/spreadsheets.rs"]
mod spreadsheets;

/// The process's peak resident memory (VmHWM) in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Resets the peak to the memory resident now (Linux's clear_refs, value 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn measure(name: &str, bytes: &[u8], columns: &[&str]) {
    reset_peak();
    let before = peak_kib();
    let started = Instant::now();
    let outcome = Sheet::read(bytes, &IMPORT_LIMITS, columns);
    let elapsed = started.elapsed();
    let peak = peak_kib().saturating_sub(before);
    let answer = match outcome {
        Ok(sheet) => format!("read, {} rows", sheet.rows().count()),
        Err(fault) => format!("refused: {fault:?}"),
    };
    println!(
        "{name:<45} {:>9} KiB packed  {:>9.2} ms  peak +{:>7.1} MiB  {answer}",
        bytes.len() / 1024,
        elapsed.as_secs_f64() * 1000.0,
        peak as f64 / 1024.0
    );
}

fn main() {
    for (name, bytes, _) in spreadsheets::bombs() {
        measure(name, &bytes, DOCUMENT_COLUMNS);
    }
    let people = spreadsheets::people_workbook(100_000);
    measure(
        "a valid people file of 100,000 rows",
        &people,
        PERSON_COLUMNS,
    );
}
