use super::*;
use crate::load::yaml::parse;
use crate::model::Role;
use crate::testkit::{date, member};

fn team() -> Team {
    Team {
        name: "Phoenix".into(),
        members: vec![
            member("maria", "Maria Lopez", Role::ProductOwner),
            member("sam", "Sam Reed", Role::ScrumMaster),
            member("dev.one", "Dev One", Role::Developer),
        ],
    }
}

/// Reads `src` as the check-in file `checkins/<stem>.yaml`.
fn read(stem: &str, src: &str) -> (Option<Checkin>, Vec<String>) {
    let path = format!("checkins/{stem}.yaml");
    let mut d = Diagnostics::new();
    let named = file_name(stem, &path, &mut d);
    let node = parse(src, &path, 0, &mut d);
    let team = team();
    let checkin = node.and_then(|n| read_checkin(&n, &path, named, Some(&team), &mut d));
    (checkin, d.sorted().iter().map(ToString::to_string).collect())
}

#[test]
fn reads_a_check_in_and_drops_its_comment() {
    let (c, msgs) = read(
        "2026-10-19-maria",
        "by: maria\nratings:\n  backlog: 4\n  communication: 3\n  compromise:\ncomment: Retro actions keep slipping\n",
    );
    assert!(msgs.is_empty(), "{msgs:?}");
    let c = c.unwrap_or_else(|| panic!("a check-in"));
    assert_eq!((c.by.as_str(), c.date), ("maria", date("2026-10-19")));
    assert_eq!(c.rating("backlog"), Some(4));
    assert_eq!(c.rating("communication"), Some(3));
    // An empty value is not rated.
    assert_eq!(c.rating("compromise"), None);
    // Nothing in the model holds the comment.
    assert!(!format!("{c:?}").contains("slipping"));
}

#[test]
fn member_ids_with_dots_and_dashes_come_from_the_file_name() {
    let (c, msgs) = read("2026-10-19-dev.one", "by: dev.one\nratings: {support: 5}\n");
    assert!(msgs.is_empty(), "{msgs:?}");
    assert_eq!(c.map(|c| c.by), Some("dev.one".to_string()));
}

#[test]
fn an_unknown_member_gets_the_closest_id() {
    let (c, msgs) = read("2026-10-19-mariah", "by: mariah\nratings: {backlog: 4}\n");
    assert!(c.is_none());
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19-mariah.yaml:1:5: `by`: `mariah` is not a member id in team.yaml (did you mean `maria`?)"
        ]
    );
}

#[test]
fn by_must_be_the_member_the_file_is_named_after() {
    let (c, msgs) = read("2026-10-19-maria", "by: sam\nratings: {backlog: 4}\n");
    assert!(c.is_none());
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19-maria.yaml:1:5: `by` is `sam` but the file name says `maria`: name the file after the member who checked in (2026-10-19-sam.yaml)"
        ]
    );
}

#[test]
fn ratings_outside_one_to_five_and_unknown_practices_are_located() {
    let (c, msgs) = read(
        "2026-10-19-sam",
        "by: sam\nratings:\n  comunication: 4\n  backlog: 6\n  support: 0\n  accountability: 3.5\n  compromise: great\n  morale: 2\n",
    );
    assert!(c.is_some(), "the check-in is kept; the data has errors, so no figure is made");
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19-sam.yaml:3:3: unknown practice `comunication` (did you mean `communication`?)",
            "error: checkins/2026-10-19-sam.yaml:4:12: `backlog` is rated 6: ratings go from 1 (poor) to 5 (great)",
            "error: checkins/2026-10-19-sam.yaml:5:12: `support` is rated 0: ratings go from 1 (poor) to 5 (great)",
            "error: checkins/2026-10-19-sam.yaml:6:19: `accountability` should be rated with a whole number from 1 (poor) to 5 (great), found 3.5",
            "error: checkins/2026-10-19-sam.yaml:7:15: `compromise` should be rated with a whole number from 1 (poor) to 5 (great), found \"great\"",
            "error: checkins/2026-10-19-sam.yaml:8:3: unknown practice `morale` (the practices are backlog, communication, support, accountability or compromise)",
        ]
    );
}

#[test]
fn file_names_need_a_real_date_and_a_member() {
    let (_, msgs) = read("maria-2026-10-19", "by: maria\nratings: {backlog: 4}\n");
    assert_eq!(
        msgs,
        vec![
            "error: checkins/maria-2026-10-19.yaml: the file name does not start with a date: name it after the day and the member who checked in, e.g. checkins/2026-10-19-maria.yaml"
        ]
    );
    let (_, msgs) = read("2026-02-30-maria", "by: maria\nratings: {backlog: 4}\n");
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-02-30-maria.yaml: the file name's date 2026-02-30 is not a real calendar date"
        ]
    );
    let (c, msgs) = read("2026-10-19", "by: maria\nratings: {backlog: 4}\n");
    assert!(c.is_none());
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19.yaml: the file name has no member id after the date: name it after the day and the member who checked in, e.g. checkins/2026-10-19-maria.yaml"
        ]
    );
}

#[test]
fn unknown_keys_missing_by_and_a_comment_that_is_not_text() {
    let (c, msgs) = read("2026-10-19-maria", "ratting: {backlog: 4}\ncomment: [a, b]\n");
    assert!(c.is_none());
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19-maria.yaml:1:1: check-in is missing `by`",
            "error: checkins/2026-10-19-maria.yaml:1:1: unknown key `ratting` in check-in (did you mean `ratings`?)",
            "error: checkins/2026-10-19-maria.yaml:2:10: `comment` should be text, found a list",
        ]
    );
}

#[test]
fn a_check_in_without_ratings_is_a_warning_and_still_taken() {
    let (c, msgs) = read("2026-10-19-maria", "by: maria\n");
    assert!(c.is_some());
    assert_eq!(
        msgs,
        vec![
            "warning: checkins/2026-10-19-maria.yaml:1:1: no ratings: rate at least one practice from 1 (poor) to 5 (great); the check-in only counts as taken place"
        ]
    );
}

#[test]
fn two_check_ins_of_one_member_on_one_day_name_the_first() {
    let c = |path: &str| Checkin {
        by: "maria".into(),
        date: date("2026-10-19"),
        ratings: Default::default(),
        path: path.into(),
    };
    let mut d = Diagnostics::new();
    let kept = without_repeats(
        vec![c("checkins/2026-10-19-maria.yml"), c("checkins/2026-10-19-maria.yaml")],
        &mut d,
    );
    assert_eq!(kept.len(), 1);
    let msgs: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        vec![
            "error: checkins/2026-10-19-maria.yml: a second check-in by `maria` on 2026-10-19: checkins/2026-10-19-maria.yaml is the first; keep one"
        ]
    );
}

#[test]
fn check_reminds_the_pair_once_when_neither_has_checked_in_for_28_days() {
    use crate::testkit::{ProjectBuilder, checkin};
    let hints = |project: &Project, day: &str| {
        let mut d = Diagnostics::new();
        remind(project, date(day), &mut d);
        d.sorted().iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    let team = team();
    let with = |checkins: Vec<Checkin>| {
        let mut b = ProjectBuilder::new("Phoenix");
        for m in &team.members {
            b = b.member(m.clone());
        }
        b.checkins(checkins).build()
    };
    // The scrum master checked in 27 days before the report date: quiet.
    let recent = with(vec![checkin("sam", "2026-10-01", &[("backlog", 3)])]);
    assert!(hints(&recent, "2026-10-28").is_empty());
    // 28 days before: the window of 28 days ending on the report date has none.
    assert_eq!(
        hints(&recent, "2026-10-29"),
        vec![
            "hint: checkins: neither the product owner nor the scrum master has checked in during the last 28 days (the last check-in was on 2026-10-01): each rates the five practices from 1 to 5 in checkins/<date>-<member>.yaml, and the dashboard shows the ratings beside the evidence"
        ]
    );
    // A developer's check-in is no check-in of the pair.
    let developer = with(vec![checkin("dev.one", "2026-10-20", &[("backlog", 3)])]);
    assert_eq!(hints(&developer, "2026-10-29").len(), 1);
    // A folder with nothing in it yet: the hint, without a last date.
    let mut empty = with(Vec::new());
    let words = hints(&empty, "2026-10-29");
    assert!(words[0].starts_with("hint: checkins: neither the product owner nor the scrum master has checked in during the last 28 days: "), "{words:?}");
    // No checkins/ folder: the team has not taken up check-ins; no word.
    empty.checkins.folder = false;
    assert!(hints(&empty, "2026-10-29").is_empty());
}

#[test]
fn a_check_in_dated_after_the_report_date_is_left_out() {
    use crate::testkit::{ProjectBuilder, checkin};
    let mut project = ProjectBuilder::new("Phoenix")
        .member(member("maria", "Maria Lopez", Role::ProductOwner))
        .checkins([
            checkin("maria", "2026-10-19", &[("backlog", 4)]),
            checkin("maria", "2026-10-21", &[("backlog", 1)]),
        ])
        .build();
    project.leave_out_after(date("2026-10-20"));
    let left: Vec<Date> = project.checkins.list.iter().map(|c| c.date).collect();
    assert_eq!(left, [date("2026-10-19")]);
}
