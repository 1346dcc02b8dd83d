//! Writes a synthetic Jira "all fields" CSV export and its sprint list, for
//! measuring `tandem import` on a team-sized history:
//!
//! `cargo run --release --example jira_export -- DIR ISSUES`
//!
//! Two-week sprints of about 50 issues each; one issue in five is carried
//! over into the next sprint, one in ten is unestimated, one in twenty was
//! added mid-sprint. Deterministic: the same arguments give the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn jira_date(day: jiff::civil::Date, hour: u8) -> String {
    let (h12, ampm) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!(
        "{:02}/{}/{:02} {h12}:{:02} {ampm}",
        day.day(),
        MONTHS[day.month() as usize - 1],
        day.year() % 100,
        (hour as usize * 7) % 60
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: jira_export DIR ISSUES")?);
    let issues: usize = args.next().ok_or("usage: jira_export DIR ISSUES")?.parse()?;
    std::fs::create_dir_all(&dir)?;
    let first = jiff::civil::date(2025, 1, 6);
    let per_sprint = 50;
    let sprints = issues.div_ceil(per_sprint);
    let mut list = String::from("name,start,end,goal\n");
    for s in 0..sprints {
        let start = first.checked_add(jiff::Span::new().days(14 * s as i64))?;
        let end = start.checked_add(jiff::Span::new().days(11))?;
        let _ = writeln!(list, "BIG Sprint {},{start},{end},Goal of sprint {}", s + 1, s + 1);
    }
    std::fs::write(dir.join("sprints.csv"), list)?;
    let people = ["Ana Lima", "Ben Okafor", "Chen Wei", "Dana Kovač", "Eli Brown", "Farah Haddad"];
    let mut csv = String::from(
        "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Resolution,Assignee,Created,Updated,Resolved,Labels,Labels,Description,Sprint,Sprint,Custom field (Story Points),Status Category\r\n",
    );
    for i in 0..issues {
        let s = i / per_sprint;
        let start = first.checked_add(jiff::Span::new().days(14 * s as i64))?;
        let carried = i % 5 == 0 && s + 1 < sprints;
        let added = i % 20 == 7;
        let created = if added {
            start.checked_add(jiff::Span::new().days(3))?
        } else {
            start.checked_sub(jiff::Span::new().days(10 + (i % 30) as i64))?
        };
        let open = i + per_sprint * 2 > issues && i % 3 != 0;
        let done_day =
            start.checked_add(jiff::Span::new().days(if carried { 16 } else { 2 + (i % 9) as i64 }))?;
        let (status, category, resolved, resolution) = if open {
            ("To Do", "To Do", String::new(), "")
        } else {
            ("Done", "Done", jira_date(done_day, 15), "Done")
        };
        let points = if i % 10 == 3 { String::new() } else { ["1", "2", "3", "5", "8"][i % 5].to_string() };
        let kind = ["Story", "Story", "Bug", "Task", "Spike"][i % 5];
        let next_sprint = if carried { format!("BIG Sprint {}", s + 2) } else { String::new() };
        let description = if i % 4 == 0 {
            format!(
                "\"As a user I want feature {i}.\r\n\r\nh3. Acceptance criteria\r\n* It works for case {i}\r\n* It says so \"\"clearly\"\"\""
            )
        } else {
            String::new()
        };
        let _ = write!(
            csv,
            "Feature number {i},BIG-{n},{id},{kind},{status},{resolution},{who},{created},{updated},{resolved},{label},,{description},BIG Sprint {sprint},{next_sprint},{points},{category}\r\n",
            n = i + 1,
            id = 10000 + i,
            who = people[i % people.len()],
            created = jira_date(created, 9),
            updated = jira_date(done_day, 16),
            label = if i % 7 == 0 { "ready" } else { "" },
            sprint = s + 1,
        );
    }
    std::fs::write(dir.join("export.csv"), csv)?;
    println!("wrote {issues} issues in {sprints} sprints to {}", dir.display());
    Ok(())
}
