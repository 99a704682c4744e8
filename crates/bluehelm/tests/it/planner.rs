//! `bluehelm plan solve`: interchange files in, the optimal plan out, faults and
//! infeasible pins named.

use crate::harness::binary;

fn write(folder: &std::path::Path, name: &str, text: &str) {
    std::fs::write(folder.join(name), text).expect("write");
}

fn run(folder: &std::path::Path) -> (Option<i32>, String) {
    let output = std::process::Command::new(binary())
        .args(["plan", "solve", "--instance"])
        .arg(folder)
        .output()
        .expect("run bluehelm");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

/// Two MINUSCA posts and three officers: two women (one of another agency), one man.
fn two_staff_officer_posts(folder: &std::path::Path) {
    write(
        folder,
        "positions.csv",
        "position,group\nSO-1,minusca\nSO-2,minusca\n",
    );
    write(
        folder,
        "candidates.csv",
        "candidate,gender,agency\nQN-1,female,BQP\nQN-2,male,BQP\nCA-1,female,BCA\n",
    );
    write(
        folder,
        "pairs.csv",
        "position,candidate,score\nSO-1,QN-1,90\nSO-1,QN-2,80\nSO-2,QN-1,70\nSO-2,CA-1,20\n",
    );
}

#[test]
fn an_instance_is_solved_from_its_files() {
    let folder = tempfile::tempdir().expect("temp dir");
    two_staff_officer_posts(folder.path());
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("filled: 2 of 2") && text.contains("score: 150"),
        "{text}"
    );
    let plan = std::fs::read_to_string(folder.path().join("plan.csv")).expect("plan");
    assert_eq!(plan, "position,candidate\nSO-1,QN-2\nSO-2,QN-1\n");

    write(
        folder.path(),
        "constraints.csv",
        "kind,position,candidate\npin,SO-2,CA-1\n",
    );
    let (code, _) = run(folder.path());
    assert_eq!(code, Some(0));
    let plan = std::fs::read_to_string(folder.path().join("plan.csv")).expect("plan");
    assert_eq!(plan, "position,candidate\nSO-1,QN-1\nSO-2,CA-1\n");

    write(
        folder.path(),
        "constraints.csv",
        "kind,position,candidate\npin,SO-2,QN-2\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(2));
    assert!(
        text.contains("infeasible") && text.contains("not eligible"),
        "{text}"
    );

    write(
        folder.path(),
        "pairs.csv",
        "position,candidate,score\nSO-1,QN-9,90\n",
    );
    let (code, text) = run(folder.path());
    assert_ne!(code, Some(0));
    assert!(text.contains("pairs.csv, line 2"), "{text}");
}

#[test]
fn limits_on_women_agencies_and_pairs_are_met_or_named() {
    let folder = tempfile::tempdir().expect("temp dir");
    two_staff_officer_posts(folder.path());
    // Without limits: QN-2 and QN-1 (150). Two women: QN-1 and CA-1 (110).
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\nmin_women,minusca,2\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("status: optimal") && text.contains("score: 110"),
        "{text}"
    );
    let plan = std::fs::read_to_string(folder.path().join("plan.csv")).expect("plan");
    assert_eq!(plan, "position,candidate\nSO-1,QN-1\nSO-2,CA-1\n");
    // At most one of the BQP: QN-1 with CA-1, or QN-2 with CA-1 (100): 110 wins.
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\nmax_agency,BQP,1\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("score: 110"), "{text}");
    // Three women for two posts: refused, naming the group.
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\nmin_women,minusca,3\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(2));
    assert!(
        text.contains("infeasible") && text.contains("group minusca needs at least 3 women"),
        "{text}"
    );
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\nmin_women,unmiss,1\n",
    );
    let (code, text) = run(folder.path());
    assert_ne!(code, Some(0));
    assert!(text.contains("limits.csv, line 2"), "{text}");
    // QN-1 and QN-2 not both: QN-1 with CA-1 (110) beats QN-2 with CA-1 (100).
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\napart,QN-1,QN-2\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(0), "{text}");
    let plan = std::fs::read_to_string(folder.path().join("plan.csv")).expect("plan");
    assert_eq!(plan, "position,candidate\nSO-1,QN-1\nSO-2,CA-1\n");
    // QN-2 and CA-1 together or not at all: both posts filled only with both (100).
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\ntogether,QN-2,CA-1\n",
    );
    let (code, text) = run(folder.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("status: optimal") && text.contains("score: 100"),
        "{text}"
    );
    let plan = std::fs::read_to_string(folder.path().join("plan.csv")).expect("plan");
    assert_eq!(plan, "position,candidate\nSO-1,QN-2\nSO-2,CA-1\n");
    write(
        folder.path(),
        "limits.csv",
        "kind,target,value\ntogether,QN-2,XX-9\n",
    );
    let (code, text) = run(folder.path());
    assert_ne!(code, Some(0));
    assert!(
        text.contains("limits.csv, line 2") && text.contains("XX-9"),
        "{text}"
    );
}
