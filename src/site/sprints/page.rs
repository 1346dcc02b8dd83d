//! `sprints/<slug>/index.html`: one sprint's goal, figures, items,
//! impediments, notes and the decisions about its items.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{GoalView, IN_PROGRESS, goal, item_type_label};
use crate::metrics::{SprintEntry, days_between};
use crate::model::{Decision, ItemStatus, Note, Sprint, SprintItem, Visibility};
use crate::site::Input;
use crate::site::paths::item_anchors;

use crate::site::format::{self, DateView, KindView, LinkView};
use crate::site::page::{Page, Section};
use crate::site::weeks::figures::{FactView, fact};

/// `sprints/<slug>/index.html`.
#[derive(Debug, Serialize)]
pub struct SprintPageView {
    /// Sprint id.
    pub id: String,
    /// `Mon 26 Oct 2026 to Fri 6 Nov 2026`.
    pub dates: String,
    /// Still running on the report date.
    pub in_progress: bool,
    /// Sprint goal, if any.
    pub goal: Option<String>,
    /// Whether it was met.
    pub goal_met: GoalView,
    /// The sprint figures.
    pub figures: Vec<FactView>,
    /// Scope and done points day by day.
    pub burnup: Option<crate::site::charts::ChartHtml>,
    /// `2 done items (5 points) have no done date and are counted on the
    /// last day`, when some have none.
    pub burnup_note: Option<String>,
    /// How many more items it finishes by its end, while it runs.
    pub forecast: Option<String>,
    /// Items: committed, added mid-sprint, removed.
    pub groups: Vec<ItemGroupView>,
    /// Impediments, in the order recorded.
    pub impediments: Vec<ImpedimentView>,
    /// Meeting notes of this sprint, oldest first.
    pub notes: Vec<SprintNoteView>,
    /// Decisions that mention its items, oldest first.
    pub decisions: Vec<SprintDecisionView>,
    /// The sprint before.
    pub previous: Option<LinkView>,
    /// The sprint after (started by the report date).
    pub next: Option<LinkView>,
}

/// Items of one kind.
#[derive(Debug, Serialize)]
pub struct ItemGroupView {
    /// `committed`, `added` or `removed` (heading id).
    pub key: &'static str,
    /// `Committed at planning`.
    pub heading: &'static str,
    /// `7 items, 24 points`.
    pub summary: String,
    /// What an empty group says.
    pub empty: &'static str,
    /// The items, in file order.
    pub items: Vec<ItemRowView>,
}

/// One sprint item.
#[derive(Debug, Serialize)]
pub struct ItemRowView {
    /// `item-phx-101`: unique on the page, for links from other pages.
    pub anchor: String,
    /// Item id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `Story`, or empty.
    pub item_type: &'static str,
    /// `done`, `not-done`, `removed` (CSS class).
    pub status_key: &'static str,
    /// `Done`, `Not done`, `Removed`.
    pub status: &'static str,
    /// `5`, or `unestimated`.
    pub points: String,
    /// `Added`, `Started`, `Removed`, `Done` with their dates, in that order.
    pub dates: Vec<DatedView>,
}

/// A labelled date.
#[derive(Debug, Serialize)]
pub struct DatedView {
    /// `Added`.
    pub label: &'static str,
    /// The date.
    pub date: DateView,
}

/// One impediment.
#[derive(Debug, Serialize)]
pub struct ImpedimentView {
    /// What it was.
    pub title: String,
    /// Raised on.
    pub raised: DateView,
    /// Resolved on (by the report date); `None` while open.
    pub resolved: Option<DateView>,
    /// `2 days`, or `12 days so far`.
    pub days_open: String,
    /// Owner's display name, or `No owner`.
    pub owner: String,
}

/// A meeting of the sprint.
#[derive(Debug, Serialize)]
pub struct SprintNoteView {
    /// Title; on a public site (`--public`) the meeting's kind.
    pub title: String,
    /// The note's page (none on a public site).
    pub url: Option<String>,
    /// Date.
    pub date: DateView,
    /// Kind of meeting.
    pub kind: KindView,
    /// Text not published.
    pub private: bool,
}

/// A decision about the sprint's items (from notes the team may read).
#[derive(Debug, Serialize)]
pub struct SprintDecisionView {
    /// Date of its note.
    pub date: DateView,
    /// The text.
    pub text: String,
    /// Tagged `#compromise`.
    pub compromise: bool,
    /// The sprint's items it mentions, linked to their rows.
    pub items: Vec<LinkView>,
    /// The note.
    pub note: LinkView,
}

/// One page per sprint started by the report date, oldest first.
pub fn pages<'a>(input: &'a Input<'a>) -> impl ParallelIterator<Item = Page<SprintPageView>> + 'a {
    let entries = &input.report.sprints;
    let lookup = Lookup::new(input);
    let link = move |e: &SprintEntry| LinkView { label: e.name.clone(), url: input.paths.sprint_url(&e.id) };
    entries.par_iter().enumerate().filter_map(move |(i, entry)| {
        let sprint = input.project.sprints.iter().find(|s| s.id == entry.id)?;
        let path = input.paths.sprint_url(&entry.id)?;
        let mut view = view(input, &lookup, sprint, entry, &path);
        view.previous = i.checked_sub(1).and_then(|j| entries.get(j)).map(link);
        view.next = entries.get(i + 1).map(link);
        Some(Page {
            path,
            template: "sprints/sprint.html",
            title: sprint.name.clone(),
            section: Section::Sprints,
            view,
        })
    })
}

/// The notes of each sprint and the readable decisions by the item ids
/// they mention, found once for all sprint pages: hundreds of sprints each
/// reading every note made the pages' cost grow with sprints times notes.
struct Lookup<'a> {
    /// Sprint id to its notes, in the order of `Input::notes`.
    notes: HashMap<&'a str, Vec<&'a Note>>,
    /// Decisions of notes the team may read, in note order.
    readable: Vec<(&'a Note, &'a Decision)>,
    /// Item id to the positions in `readable` of the decisions mentioning it.
    mentions: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Lookup<'a> {
    fn new(input: &Input<'a>) -> Lookup<'a> {
        let mut notes: HashMap<&str, Vec<&Note>> = HashMap::new();
        for note in &input.notes {
            if let Some(id) = &note.sprint {
                notes.entry(id.as_str()).or_default().push(note);
            }
        }
        let readable: Vec<(&Note, &Decision)> = input
            .notes
            .iter()
            .filter(|n| n.visibility != Visibility::Private)
            .flat_map(|note| note.decisions.iter().map(move |d| (*note, d)))
            .collect();
        let mut mentions: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, (_, d)) in readable.iter().enumerate() {
            for id in &d.references {
                let list = mentions.entry(id.as_str()).or_default();
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        Lookup { notes, readable, mentions }
    }
}

fn view(
    input: &Input<'_>,
    lookup: &Lookup<'_>,
    sprint: &Sprint,
    entry: &SprintEntry,
    url: &str,
) -> SprintPageView {
    let d = input.report_date;
    let anchors = item_anchors(sprint.items.iter().map(|i| i.id.as_str()));
    let row = |item: &SprintItem| {
        item_row(sprint, item, d, anchors.get(item.id.as_str()).cloned().unwrap_or_default())
    };
    // As of the report date: an item added later has not joined yet, one
    // removed later is still in the sprint.
    let items = || sprint.items.iter().filter(|i| i.joined_by(d));
    let removed = |i: &&SprintItem| i.removed_by(d);
    let committed: Vec<&SprintItem> =
        items().filter(|i| i.is_committed(sprint.start) && !removed(i)).collect();
    let added: Vec<&SprintItem> = items().filter(|i| !i.is_committed(sprint.start) && !removed(i)).collect();
    let gone: Vec<&SprintItem> = items().filter(removed).collect();
    // Committed at planning, then removed: listed under Removed, but said here
    // too, so this heading and the "Committed at planning" figure agree.
    let taken_out: Vec<&SprintItem> =
        items().filter(|i| i.is_committed(sprint.start) && removed(i)).collect();
    let later = removed_later(&taken_out);
    let group = |key, heading, empty, items: Vec<&SprintItem>| ItemGroupView {
        key,
        heading,
        summary: match (&later, key) {
            (Some(later), "committed") => format!(
                "{} still in the sprint ({} committed, {later})",
                summary(&items),
                format::points(entry.figures.committed_points)
            ),
            _ => summary(&items),
        },
        empty,
        items: items.into_iter().map(row).collect(),
    };
    SprintPageView {
        id: sprint.id.clone(),
        dates: format!("{} to {}", format::date(sprint.start).long, format::date(sprint.end).long),
        in_progress: entry.figures.running,
        goal: sprint.goal.clone(),
        goal_met: goal(&entry.figures),
        figures: figures(input, sprint, entry, later.as_deref()),
        burnup: super::burnup::chart(entry, input.report_date),
        burnup_note: super::burnup::undated(entry),
        forecast: crate::site::flow::sprint_forecast(input, &sprint.id, &sprint.name),
        groups: vec![
            group("committed", "Committed at planning", "Nothing was committed at planning.", committed),
            group("added", "Added mid-sprint", "Nothing was added after the sprint started.", added),
            group("removed", "Removed", "Nothing was taken out of the sprint.", gone),
        ],
        impediments: sprint
            .impediments
            .iter()
            .filter(|i| i.raised <= d)
            .map(|i| impediment(input, i))
            .collect(),
        notes: notes(input, lookup, sprint),
        decisions: decisions(input, lookup, url, &anchors),
        previous: None,
        next: None,
    }
}

/// `8 points removed later`, when items committed at planning were removed.
fn removed_later(items: &[&SprintItem]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let points = crate::metrics::total(items.iter().filter_map(|i| i.points));
    let what =
        if points > 0.0 { format::points(points) } else { format::count(items.len(), "item", "items") };
    Some(format!("{what} removed later"))
}

fn summary(items: &[&SprintItem]) -> String {
    let points = crate::metrics::total(items.iter().filter_map(|i| i.points));
    let unestimated = items.iter().filter(|i| i.points.is_none()).count();
    let mut text = format!("{}, {}", format::count(items.len(), "item", "items"), format::points(points));
    if unestimated > 0 {
        text.push_str(&format!(" ({unestimated} unestimated)"));
    }
    text
}

/// An item as of `date`: done by then, removed by then, still in progress
/// while the sprint runs, else not done (a `done` after the sprint's end is
/// not done in it).
fn item_row(sprint: &Sprint, item: &SprintItem, date: crate::model::Date, anchor: String) -> ItemRowView {
    let (status_key, status) = if sprint.done_by(item, date) {
        ("done", "Done")
    } else if item.removed_by(date) {
        ("removed", "Removed")
    } else if sprint.is_running(date) {
        ("in-progress", "In progress")
    } else if item.status == ItemStatus::Done {
        ("not-done", "Done after the sprint")
    } else {
        ("not-done", "Not done")
    };
    // Only what has happened by the report date.
    let dates =
        [("Added", item.added), ("Started", item.started), ("Removed", item.removed), ("Done", item.done)]
            .into_iter()
            .filter_map(|(label, d)| {
                d.filter(|d| *d <= date).map(|d| DatedView { label, date: format::date(d) })
            })
            .collect();
    ItemRowView {
        anchor,
        id: item.id.clone(),
        title: item.title.clone(),
        item_type: item_type_label(item.item_type),
        status_key,
        status,
        points: item.points.map_or_else(|| "unestimated".to_string(), format::decimal),
        dates,
    }
}

/// The sprint's figures; while it runs, what is known so far and no
/// figure only its end settles (carry-over, say/do, impediments open at the end).
fn figures(
    input: &Input<'_>,
    sprint: &Sprint,
    entry: &SprintEntry,
    removed_later: Option<&str>,
) -> Vec<FactView> {
    let f = &entry.figures;
    let pts = format::points;
    let committed = match removed_later {
        Some(later) => format!("{} ({later})", pts(f.committed_points)),
        None => pts(f.committed_points),
    };
    if f.running {
        let d = input.report_date;
        let open = sprint.impediments.iter().filter(|i| i.raised <= d && i.resolved.is_none_or(|r| r > d));
        return vec![
            fact("Committed at planning", committed),
            fact("Added so far", pts(f.added_points)),
            fact("Removed so far", pts(f.removed_points)),
            fact("Completed so far", pts(f.completed_points)),
            fact("Completed of those committed, so far", pts(f.completed_committed_points)),
            fact("Unestimated items", f.unestimated_items.to_string()),
            fact(super::SAY_DO, format!("{IN_PROGRESS}: settled when the sprint ends")),
            fact("Scope change so far", format::maybe_percent(f.scope_change)),
            fact("Impediments", format!("{} raised, {} open now", f.impediments_raised, open.count())),
        ];
    }
    vec![
        fact("Committed at planning", committed),
        fact("Added mid-sprint", pts(f.added_points)),
        fact("Removed", pts(f.removed_points)),
        fact("Completed", pts(f.completed_points)),
        fact("Completed of those committed", pts(f.completed_committed_points)),
        fact("Carried over", f.carry_over_points.map_or_else(|| format::NO_DATA.to_string(), pts)),
        fact("Unestimated items", f.unestimated_items.to_string()),
        fact(super::SAY_DO, format::maybe_percent(f.say_do)),
        fact("Scope change", format::maybe_percent(f.scope_change)),
        fact(
            "Impediments",
            format!(
                "{} raised, {} open at the end",
                f.impediments_raised,
                f.impediments_open.unwrap_or_default()
            ),
        ),
    ]
}

fn impediment(input: &Input<'_>, i: &crate::model::Impediment) -> ImpedimentView {
    let d = input.report_date;
    // The site is as of the report date: a later resolution has not happened yet.
    let resolved = i.resolved.filter(|r| *r <= d);
    let days_open = match resolved {
        Some(r) => format::days(days_between(r, i.raised) as f64),
        None => format!("{} so far", format::days(days_between(d, i.raised).max(0) as f64)),
    };
    let owner = i.owner.as_ref().map_or_else(
        || "No owner".to_string(),
        |id| input.project.team.member(id).map_or_else(|| id.clone(), |m| m.name.clone()),
    );
    ImpedimentView {
        title: i.title.clone(),
        raised: format::date(i.raised),
        resolved: resolved.map(format::date),
        days_open,
        owner,
    }
}

fn notes(input: &Input<'_>, lookup: &Lookup<'_>, sprint: &Sprint) -> Vec<SprintNoteView> {
    lookup
        .notes
        .get(sprint.id.as_str())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|n| {
            let url = input.paths.note_url(&n.path);
            // Without a page, a note is listed only on a public site.
            if url.is_none() && !input.public {
                return None;
            }
            Some(SprintNoteView {
                title: if input.public { format::meeting(n.kind).to_string() } else { n.title.clone() },
                url,
                date: format::date(n.date),
                kind: format::kind(n.kind),
                private: n.visibility == Visibility::Private,
            })
        })
        .collect()
}

/// Decisions in notes the team may read that mention one of the sprint's
/// items. Private notes are left out entirely: even which items a private
/// decision mentions comes from its text.
fn decisions(
    input: &Input<'_>,
    lookup: &Lookup<'_>,
    url: &str,
    anchors: &std::collections::BTreeMap<&str, String>,
) -> Vec<SprintDecisionView> {
    // The decisions mentioning any of the sprint's items, in note order.
    let found: std::collections::BTreeSet<usize> =
        anchors.keys().filter_map(|id| lookup.mentions.get(id)).flatten().copied().collect();
    found
        .into_iter()
        .map(|at| lookup.readable[at])
        .filter_map(|(note, d)| {
            let items: Vec<LinkView> = d
                .references
                .iter()
                .filter_map(|id| {
                    let anchor = anchors.get(id.as_str())?;
                    Some(LinkView { label: id.clone(), url: Some(format!("{url}#{anchor}")) })
                })
                .collect();
            (!items.is_empty()).then(|| SprintDecisionView {
                date: format::date(note.date),
                text: if input.public { format::public_decision(note.kind) } else { d.text.clone() },
                compromise: d.compromise,
                items,
                note: LinkView { label: input.note_name(note), url: input.paths.note_url(&note.path) },
            })
        })
        .collect()
}
