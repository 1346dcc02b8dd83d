//! Which blocks are action items and decisions, each form of docs/data.md.

use super::super::fixtures::{date, team};
use super::super::sections::{all, starts_block};
use super::super::structure::blocks;
use super::super::twins::has_tag;
use super::*;

/// Thursday 12 November 2026, in a sprint ending Friday 27 November.
fn ctx() -> due::Context {
    due::Context { note: date("2026-11-12"), sprint_end: Some(date("2026-11-27")), order: None }
}

fn reading(md: &str) -> Reading {
    let b = blocks(md, 1, &starts_block);
    let team = team();
    let people = People::new(&team).with_guests(&[crate::model::Attendee::Guest("Priyanka Rao".into())]);
    read(&b, &all(&b), &people, &ctx())
}

fn acts(md: &str) -> Vec<NoteAction> {
    reading(md).actions
}

fn decs(md: &str) -> Vec<Decision> {
    reading(md).decisions
}

fn summary(list: &[NoteAction]) -> Vec<(String, String, bool, u32)> {
    list.iter()
        .map(|a| {
            let mut owners = a.owners.clone();
            owners.extend(a.guests.iter().map(|g| format!("guest:{g}")));
            (owners.join("+"), a.text.clone(), a.checked, a.line)
        })
        .collect()
}

fn s(owners: &str, text: &str, checked: bool, line: u32) -> (String, String, bool, u32) {
    (owners.into(), text.into(), checked, line)
}

fn dues(md: &str) -> Vec<(String, Option<String>)> {
    acts(md).into_iter().map(|a| (a.text, a.due.map(|d| d.to_string()))).collect()
}

#[test]
fn task_list_items_anywhere() {
    let md = "# Notes\n- [ ] @carol update the runbook\n- plain bullet\n  - [x] Bob: nested task\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("carol", "@carol update the runbook", false, 2), s("bob", "nested task", true, 4)]
    );
}

#[test]
fn items_of_an_action_items_heading_with_details_nested_under_them() {
    let md = "## Action items\n- @alice-gh: write the release notes\n- [ ] Danno Ferrin to fix CI\n  - details of the fix\n\n## Notes\n- not an action\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("alice", "write the release notes", false, 2), s("dan", "fix CI", false, 3)]
    );
}

#[test]
fn top_level_items_under_an_action_label_and_mentions_in_details_join_the_owners() {
    let md = "**Action Items:**\n\n- @carol will release the following:\n\n  - `pkg-a`\n  - `@scope/pkg-b`\n\n- Update the config (@dan)\n  - needs a major version\n  - @bob to review\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("carol", "release the following", false, 3), s("bob+dan", "Update the config", false, 8)]
    );
}

#[test]
fn a_topic_item_groups_the_owned_items_under_it() {
    let md = "## Actions\n- Release 2.3\n  - Bob to tag it\n  - Carol to write the notes\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("bob", "tag it", false, 3), s("carol", "write the notes", false, 4)]
    );
}

#[test]
fn action_labels_in_paragraphs_and_items() {
    let md = "Action: Carol to book the room\n**ACTION 60.2:** @bob: send invites\nAction item: order pizza\n\n- ACTION ITEM 3: Alice: sign off\n\n**ACTION 58.1** Dan to file the bug\n\nAI (Alice): email the rollout plan\n";
    assert_eq!(
        summary(&acts(md)),
        vec![
            s("carol", "book the room", false, 1),
            s("bob", "send invites", false, 2),
            s("", "order pizza", false, 3),
            s("alice", "sign off", false, 5),
            s("dan", "file the bug", false, 7),
            s("alice", "email the rollout plan", false, 9),
        ]
    );
}

#[test]
fn an_item_counts_once_and_labels_and_placeholders() {
    let md =
        "**Next steps:**\n- [x] Bob: book staging\n\n## TODO\n- [ ] Action: Carol: check\n\nActions: none\n";
    assert_eq!(summary(&acts(md)), vec![s("bob", "book staging", true, 2), s("carol", "check", false, 5)]);
}

#[test]
fn owner_groups_give_their_items_an_owner() {
    let md = "## Action points\n- Bob:\n  - book staging\n  - [ ] send invites\n- Alice\n  - write notes\n";
    assert_eq!(
        summary(&acts(md)),
        vec![
            s("bob", "book staging", false, 3),
            s("bob", "send invites", false, 4),
            s("alice", "write notes", false, 6)
        ]
    );
}

#[test]
fn agenda_and_roster_checkboxes_are_not_actions() {
    let md = "## Agenda\n- [x] Release status\n- [ ] Roadmap\n\n## Attendees\n- [x] Alice\n- [ ] Bob\n\n## Notes\n- [ ] Carol: file the bug\n";
    assert_eq!(summary(&acts(md)), vec![s("carol", "file the bug", false, 10)]);
    let md = "- Agenda\n  - [x] demo\n- [ ] @bob: book staging\n";
    assert_eq!(summary(&acts(md)), vec![s("bob", "book staging", false, 3)]);
}

#[test]
fn ai_and_todo_labels_are_actions() {
    let md = "AI: Bob & Carol will write the ADR\n\n- **TODO:** Alice to check\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("bob+carol", "write the ADR", false, 1), s("alice", "check", false, 3)]
    );
}

#[test]
fn commitments_in_the_discussion() {
    let md = "- Sandbox keys are missing\n- @alice will talk to Harriet about the date\n- Priyanka to share the new mockups\n- Carol volunteers to pair with Dan\n- Blocked on staging — Bob will ask platform\n\nDan: I'll follow up with the chairs\n\nAC: I'm going to ship the beta\n";
    assert_eq!(
        summary(&acts(md)),
        vec![
            s("alice", "talk to Harriet about the date", false, 2),
            s("guest:Priyanka Rao", "share the new mockups", false, 3),
            s("carol", "pair with Dan", false, 4),
            s("bob", "ask platform", false, 5),
            s("dan", "follow up with the chairs", false, 7),
            s("alice", "ship the beta", false, 9),
        ]
    );
}

#[test]
fn tentative_words_and_unknown_people_are_not_commitments() {
    let md = "- @bob will probably reach out to the agency\n- maybe @carol could write a post\n- I'll try to open an issue\n- Marketing will send a banner\n- Zoe will send the logs\n- Let's revisit next week\n";
    assert_eq!(summary(&acts(md)), vec![]);
    let unread: Vec<u32> = reading(md).unread.iter().map(|u| u.line).collect();
    assert_eq!(unread, vec![1, 5]);
}

#[test]
fn a_code_span_or_url_never_names_an_owner() {
    let md = "## Actions\n- Update `@eslint/create-config` for flat config\n- Read https://example.org/@bob first\n";
    assert_eq!(
        summary(&acts(md)),
        vec![
            s("", "Update @eslint/create-config for flat config", false, 2),
            s("", "Read https://example.org/@bob first", false, 3)
        ]
    );
}

#[test]
fn an_action_table() {
    let md = "## Actions\n| Action | Owner | Due |\n|---|---|---|\n| Write the deploy checklist | Bob | 2026-11-27 |\n| Book the demo room | Dan | Friday |\n| Update the template | Carol | |\n";
    assert_eq!(
        dues(md),
        vec![
            ("Write the deploy checklist".into(), Some("2026-11-27".into())),
            ("Book the demo room".into(), Some("2026-11-13".into())),
            ("Update the template".into(), None)
        ]
    );
    let owners: Vec<Vec<String>> = acts(md).into_iter().map(|a| a.owners).collect();
    assert_eq!(owners, vec![vec!["bob".to_string()], vec!["dan".to_string()], vec!["carol".to_string()]]);
}

#[test]
fn due_dates_as_people_write_them() {
    let md = "## Action items\n- Alice to ask for sandbox keys by Tuesday\n- Bob to chase legal by 2026-11-27\n- Carol to share the mockups (due 27 Nov)\n- Dan: estimate before the review\n- Bob to look at the flaky tests soon\n- Carol to send it EOW\n";
    assert_eq!(
        dues(md),
        vec![
            ("ask for sandbox keys".into(), Some("2026-11-17".into())),
            ("chase legal".into(), Some("2026-11-27".into())),
            ("share the mockups".into(), Some("2026-11-27".into())),
            ("estimate".into(), Some("2026-11-27".into())),
            ("look at the flaky tests soon".into(), None),
            ("send it".into(), Some("2026-11-13".into())),
        ]
    );
}

#[test]
fn a_heading_with_a_date_gives_its_actions_that_due_date() {
    let md = "# Meeting 2026-11-12\n\n### Scheduled release for November 20th, 2026\n\n**Action Items:**\n\n- @bob will release the packages\n- @carol to write the notes by Tuesday\n\n### Other\n\n- [ ] @dan: tidy up\n";
    assert_eq!(
        dues(md),
        vec![
            ("release the packages".into(), Some("2026-11-20".into())),
            ("write the notes".into(), Some("2026-11-17".into())),
            ("tidy up".into(), None)
        ]
    );
}

#[test]
fn restated_items_are_marked_and_an_item_in_a_summary_counts_once() {
    let md = "## Previous action items\n- [x] Bob to book staging\n\n## Discussion\n\nACTION: Carol to check with the CEO\n\n## Summary of action items\n\n1. Carol to check with the CEO\n";
    let a = acts(md);
    assert_eq!(
        summary(&a),
        vec![s("bob", "book staging", true, 2), s("carol", "check with the CEO", false, 6)]
    );
    assert_eq!((a[0].restated, a[1].restated), (true, false));
}

#[test]
fn resolution_resolved_and_agreed_are_decisions() {
    let md = "**Resolution:** ship on Friday\n\n- Resolved: keep the date\n\nAgreed: weekly demos\n\n1. **RESOLUTION 4.1:** drop IE\n";
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(got, vec!["ship on Friday", "keep the date", "weekly demos", "drop IE"]);
}

#[test]
fn decisions_from_sections_and_labels() {
    let md = "## Decisions\n- Ship on Friday\n- Drop PHX-9 #compromise\n\n**DECISION 60.1:** Use Stripe\n\nDecision: keep the date\n\n- **Agreed**:\n  - weekly demos\n\n### Decided\nnone\n";
    let got: Vec<(String, bool, u32)> =
        decs(md).into_iter().map(|d| (d.text, d.compromise, d.line)).collect();
    assert_eq!(
        got,
        vec![
            ("Ship on Friday".into(), false, 2),
            ("Drop PHX-9 #compromise".into(), true, 3),
            ("Use Stripe".into(), false, 5),
            ("keep the date".into(), false, 7),
            ("weekly demos".into(), false, 10),
        ]
    );
}

#[test]
fn decisions_as_people_write_them_each_line_one() {
    let md = "Decision - we carry OTT-110 over\nWe agreed to move statements to S44\nDecided: ship it\n**Agreed** keep Friday demos\n\n- Go-live: decided to wait for legal\n- Consensus: Spanish goes out in December\n\n**Resolution:** @bob will release v10\n\nPROPOSED: close the old issues\n";
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(
        got,
        vec![
            "we carry OTT-110 over",
            "We agreed to move statements to S44",
            "ship it",
            "keep Friday demos",
            "Go-live: decided to wait for legal",
            "Spanish goes out in December",
            "@bob will release v10",
        ]
    );
    assert_eq!(summary(&acts(md)), vec![s("bob", "release v10", false, 9)]);
}

#[test]
fn a_decisions_table_and_lines_of_a_decisions_section() {
    let md = "## Decisions\n\n| Decision | Owner |\n|---|---|\n| OTT-161 is ready | Carol |\n| Dashboard goes to S46 | Carol |\n\n## Agreed\nShip on Friday\nKeep the demo short,\nat most twenty minutes\n";
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(
        got,
        vec![
            "OTT-161 is ready",
            "Dashboard goes to S46",
            "Ship on Friday",
            "Keep the demo short, at most twenty minutes"
        ]
    );
}

#[test]
fn a_decision_restated_in_a_summary_counts_once_and_previous_decisions_add_nothing() {
    let md = "## Previous decisions\n- Ship on Friday\n\n## Minutes\n\nRESOLUTION: merge #874\n\n## Summary of resolutions\n\n1. merge #874\n";
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(got, vec!["merge #874"]);
}

#[test]
fn lines_of_an_action_section_but_not_remarks() {
    let md = "## Action items\nBob to fix CI\nCarol to write the docs by Friday\n\nThe build is slow. Nobody knows why.\n\nCarry over:\n";
    assert_eq!(
        summary(&acts(md)),
        vec![s("bob", "fix CI", false, 2), s("carol", "write the docs", false, 3)]
    );
}

#[test]
fn meetbot_tags_and_owners_after_an_arrow() {
    let md = "* #action bob to propose the exception by Tuesday\n* #agreed spec freeze is 2026-12-03\n\n## Action items\n- [ ] Spike on service workers → Carol, Wed\n- [ ] Talk to legal -> Dan (by 20/11)\n";
    let a = acts(md);
    let got: Vec<(Vec<String>, String, Option<String>)> =
        a.into_iter().map(|a| (a.owners, a.text, a.due.map(|d| d.to_string()))).collect();
    assert_eq!(
        got,
        vec![
            (vec!["bob".into()], "propose the exception".into(), Some("2026-11-17".into())),
            (vec!["carol".into()], "Spike on service workers".into(), Some("2026-11-18".into())),
            (vec!["dan".into()], "Talk to legal".into(), Some("2026-11-20".into())),
        ]
    );
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(got, vec!["spec freeze is 2026-12-03"]);
}

#[test]
fn a_decision_in_a_later_sentence_and_a_wrapped_sentence_is_one() {
    let md = "The SC discussed the proposal. We approved PEP 737 with the\nchanges requested.\n\nWHEREAS it is in the best interests of the\nFoundation to establish a committee;\n";
    let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
    assert_eq!(got, vec!["We approved PEP 737 with the changes requested."]);
    assert_eq!(summary(&acts(md)), vec![]);
}

#[test]
fn compromise_is_a_whole_tag() {
    assert!(has_tag("Scope cut #Compromise.", "#compromise"));
    assert!(has_tag("(#compromise)", "#compromise"));
    assert!(!has_tag("#compromised", "#compromise"));
    assert!(!has_tag("#compromise-free", "#compromise"));
    assert!(!has_tag("no tag", "#compromise"));
}

#[test]
fn attendees_initials_name_owners() {
    let md = "- HZ (or AC) will reach out to Nic\n- SC to put comments on PR\n- MdJ: I'll follow up with the chairs\n";
    let b = blocks(md, 1, &starts_block);
    let team = team();
    let guests: Vec<crate::model::Attendee> = ["Hannah Zhao", "Ana Costa", "Sam Chen", "Manu del Jesus"]
        .iter()
        .map(|n| crate::model::Attendee::Guest(n.to_string()))
        .collect();
    let people = People::new(&team).with_guests(&guests);
    let got = summary(&read(&b, &all(&b), &people, &ctx()).actions);
    assert_eq!(
        got,
        vec![
            s("guest:Hannah Zhao", "reach out to Nic", false, 1),
            s("guest:Sam Chen", "put comments on PR", false, 2),
            s("guest:Manu del Jesus", "follow up with the chairs", false, 3),
        ]
    );
}
