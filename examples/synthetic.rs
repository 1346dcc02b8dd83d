//! Writes a large, valid, deterministic data folder for benchmarks:
//! `cargo run --release --example synthetic -- DIR [SPRINTS] [NOTES_PER_SPRINT]
//! [--notes TOTAL] [--weekly-backlog]`.
//!
//! `--notes TOTAL` spreads that many notes over the sprints instead of a fixed
//! number per sprint (10,000 notes over 90 sprints is the organisation-scale
//! folder of issue 9); `--weekly-backlog` writes a backlog snapshot every
//! week instead of one per sprint, as a team that exports its tracker weekly
//! would. `tandem.yaml` pins the report date to the last sprint's end, so the
//! figures do not depend on the day the benchmark runs.
//!
//! Same arguments, same files: a fixed linear congruential generator stands in
//! for randomness so figures are comparable from run to run.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound.max(1)
    }
}

const KINDS: [&str; 7] = ["planning", "review", "retro", "refinement", "sync", "standup", "stakeholder"];
const PEOPLE: [&str; 8] = ["po", "sm", "dev1", "dev2", "dev3", "dev4", "dev5", "boss"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let weekly_backlog = take_flag(&mut args, "--weekly-backlog");
    let total_notes: Option<i64> = take_option(&mut args, "--notes").and_then(|n| n.parse().ok());
    let dir = Path::new(args.first().map_or("target/synthetic-data", String::as_str));
    let sprints: i64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let notes_per_sprint: i64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let total = total_notes.unwrap_or(sprints * notes_per_sprint);
    generate(dir, sprints, total, weekly_backlog)?;
    let snapshots = if weekly_backlog { 2 * sprints } else { sprints };
    println!("wrote {sprints} sprints, {total} notes, {snapshots} backlog snapshots in {}", dir.display());
    Ok(())
}

/// Writes the data folder `dir` (replacing it): `sprints` sprints, `total`
/// notes spread over them, a backlog snapshot per sprint (or per week with
/// `weekly_backlog`). Also used by `benches/stages.rs` and
/// `tests/killed_build.rs`, which include this file.
pub fn generate(
    dir: &Path,
    sprints: i64,
    total: i64,
    weekly_backlog: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    // Sprint s gets the notes numbered total*s/sprints up to total*(s+1)/sprints.
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    for sub in ["sprints", "backlog", "notes"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    fs::write(
        dir.join("team.yaml"),
        "name: Synthetic\nmembers:\n  - {id: po, name: Pat Owner, role: product-owner}\n  - {id: sm, name: Sam Master, role: scrum-master}\n  - {id: dev1, role: developer}\n  - {id: dev2, role: developer}\n  - {id: dev3, role: developer}\n  - {id: dev4, role: developer}\n  - {id: dev5, role: developer}\n  - {id: boss, role: stakeholder}\n",
    )?;
    let mut rng = Lcg(42);
    let first: jiff::civil::Date = "2020-01-06".parse()?;
    let mut last_end = first;
    for s in 0..sprints {
        let start = first.checked_add(jiff::Span::new().days(14 * s))?;
        let end = start.checked_add(jiff::Span::new().days(11))?;
        last_end = end;
        write_sprint(dir, s, start, end, &mut rng)?;
        write_backlog(dir, s, start, &mut rng)?;
        if weekly_backlog {
            write_backlog(dir, s, start.checked_add(jiff::Span::new().days(7))?, &mut rng)?;
        }
        // Sprint s gets the notes numbered total*s/sprints up to total*(s+1)/sprints.
        for n in 0..(total * (s + 1) / sprints.max(1) - total * s / sprints.max(1)) {
            let date = start.checked_add(jiff::Span::new().days(n % 12))?;
            write_note(dir, s, n, date, &mut rng)?;
        }
    }
    fs::write(dir.join("tandem.yaml"), format!("as_of: {last_end}\n"))?;
    Ok(())
}

/// Removes `flag` from `args`; whether it was there.
fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != flag);
    args.len() != before
}

/// Removes `name VALUE` from `args`; the value.
fn take_option(args: &mut Vec<String>, name: &str) -> Option<String> {
    let at = args.iter().position(|a| a == name)?;
    args.remove(at);
    (at < args.len()).then(|| args.remove(at))
}

fn write_sprint(
    dir: &Path,
    s: i64,
    start: jiff::civil::Date,
    end: jiff::civil::Date,
    rng: &mut Lcg,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut y = format!(
        "id: S{s}\nstart: {start}\nend: {end}\ngoal: Goal {s}\ngoal_met: {}\nitems:\n",
        rng.next(3) > 0
    );
    for i in 0..12 {
        let status = ["done", "done", "not-done", "removed"][rng.next(4) as usize];
        let _ =
            write!(y, "  - {{id: T-{s}-{i}, title: Item {i}, points: {}, status: {status}", rng.next(8) + 1);
        if i >= 10 {
            let _ = write!(y, ", added: {}", start.checked_add(jiff::Span::new().days(2))?);
        }
        if status == "removed" {
            let _ = write!(y, ", removed: {}", start.checked_add(jiff::Span::new().days(4))?);
        }
        y.push_str("}\n");
    }
    let _ =
        write!(y, "impediments:\n  - {{title: Blocked {s}, raised: {start}, resolved: {end}, owner: sm}}\n");
    fs::write(dir.join(format!("sprints/s{s:04}.yaml")), y)?;
    Ok(())
}

fn write_backlog(
    dir: &Path,
    s: i64,
    date: jiff::civil::Date,
    rng: &mut Lcg,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut y = String::from("items:\n");
    for i in 0..60 {
        let state = ["new", "refined", "ready", "ready", "in-sprint"][rng.next(5) as usize];
        let _ = writeln!(
            y,
            "  - {{id: B-{s}-{i}, title: Backlog item {i}, points: {}, state: {state}, created: 2020-01-01, updated: {date}, acceptance: [works]}}",
            rng.next(8) + 1
        );
    }
    fs::write(dir.join(format!("backlog/{date}.yaml")), y)?;
    Ok(())
}

fn write_note(
    dir: &Path,
    s: i64,
    n: i64,
    date: jiff::civil::Date,
    rng: &mut Lcg,
) -> Result<(), Box<dyn std::error::Error>> {
    let kind = KINDS[rng.next(KINDS.len() as u64) as usize];
    let owner = PEOPLE[rng.next(PEOPLE.len() as u64) as usize];
    let text = format!(
        "# Sprint {s} {kind} {n}\n\n## Present\n- po\n- sm\n- dev1\n- Guest Person\n\n## Notes\n\nWe talked about T-{s}-3 and | a | table |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Decisions\n- Move T-{s}-{} to the next sprint #compromise\n\n## Action items\n- [ ] @{owner}: follow up on item {} due {date}\n- [x] @sm: carry forward task {}\n",
        rng.next(12),
        rng.next(40),
        n % 5
    );
    fs::write(dir.join(format!("notes/{date}-{kind}-{s}-{n}.md")), text)?;
    Ok(())
}
