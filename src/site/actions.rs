//! `actions/index.html`: action items followed across notes as of the
//! report date: what is still owed first (overdue, then open from the
//! oldest, those without a due date flagged), then what was done, folded by
//! month so a long history does not bury the open items.
//!
//! Privacy is enforced here: an action first raised in a private note has
//! no text in its view, and its note link names only the date. A public
//! site (`--public`) lists no action item at all: it counts them by state
//! and by the month they were raised ([`super::counts::actions`]), so no
//! owner stands beside a late item and no list of "Action item 12" says
//! nothing.

use serde::Serialize;

use super::Input;
use super::charts::{self, Axis, ChartHtml, ChartText, DataTable, Ink, Series};
use super::format::{self, DateView, LinkView};
use super::page::{Page, Section};
use crate::metrics::days_between;
use crate::metrics::series::ActionWeek;
use crate::model::actions::TrackedAction;

/// What a private action reads as.
pub const PRIVATE_ACTION: &str = "An action item from a private note";

/// `actions/index.html`.
#[derive(Debug, Serialize)]
pub struct ActionsView {
    /// `12 action items: 2 overdue, 3 open, 7 done.`
    pub summary: String,
    /// Overdue, then open.
    pub groups: Vec<ActionGroupView>,
    /// Done, newest month first (each folded on the page).
    pub done: DoneView,
    /// Action items open against done, week by week.
    pub chart: Option<ChartHtml>,
    /// A public site (`--public`): no action item's text is shown.
    pub public: bool,
    /// On a public site, the counts that stand for the groups (which are then empty).
    pub counts: Option<super::counts::ActionCounts>,
}

/// One group of action items.
#[derive(Debug, Serialize)]
pub struct ActionGroupView {
    /// `overdue`, `open`, `done` (heading id, CSS class).
    pub key: &'static str,
    /// `Overdue`.
    pub heading: &'static str,
    /// How many.
    pub count: usize,
    /// What an empty group says.
    pub empty: &'static str,
    /// The items.
    pub items: Vec<ActionRowView>,
}

/// The done action items, by the month they were done.
#[derive(Debug, Serialize)]
pub struct DoneView {
    /// How many.
    pub count: usize,
    /// Newest month first.
    pub months: Vec<DoneMonthView>,
}

/// The action items done in one month.
#[derive(Debug, Serialize)]
pub struct DoneMonthView {
    /// `November 2026`.
    pub label: String,
    /// `done-2026-11`: the disclosure's id.
    pub key: String,
    /// `12 done`.
    pub count: String,
    /// Newest first.
    pub items: Vec<ActionRowView>,
}

/// One action item.
#[derive(Debug, Serialize)]
pub struct ActionRowView {
    /// The text as first written, [`PRIVATE_ACTION`] when first raised in a
    /// private note, or on a public site [`public_action`].
    pub text: String,
    /// First raised in a private note: the text is not published.
    pub private: bool,
    /// `Alice Chen and Bob Okafor`, or `No owner`.
    pub owners: String,
    /// Date of the note that raised it.
    pub raised: DateView,
    /// Due date.
    pub due: Option<DateView>,
    /// Done date (on or before the report date).
    pub done: Option<DateView>,
    /// `3 days overdue`, for overdue items.
    pub overdue: Option<String>,
    /// `Open for 113 days`, for open items (overdue or not).
    pub open_for: Option<String>,
    /// Open with no due date: nothing says when it is late, so it is flagged.
    pub undated: bool,
    /// The note that raised it.
    pub note: LinkView,
    /// `action-3`: its anchor, numbered as in `actions` of `metrics.json`.
    pub anchor: String,
}

/// The action items page.
pub fn index(input: &Input<'_>) -> Page<ActionsView> {
    let d = input.report_date;
    let tracked = &input.report.tracked;
    let numbered = || tracked.iter().enumerate();
    let mut overdue: Vec<(usize, &TrackedAction)> = numbered().filter(|(_, a)| a.overdue_at(d)).collect();
    let mut open: Vec<(usize, &TrackedAction)> =
        numbered().filter(|(_, a)| !a.overdue_at(d) && !a.done_by(d)).collect();
    let mut done: Vec<(usize, &TrackedAction)> = numbered().filter(|(_, a)| a.done_by(d)).collect();
    // Most overdue first; open from the oldest (the longest-kept promise
    // first, dated or not); done newest first.
    overdue.sort_by_key(|(_, a)| (a.due, a.raised));
    open.sort_by_key(|(_, a)| (a.raised, a.due));
    done.sort_by_key(|(_, a)| std::cmp::Reverse((a.done, a.raised)));
    let summary = format!(
        "{}: {} overdue, {} open, {} done.",
        format::count(tracked.len(), "action item", "action items"),
        overdue.len(),
        open.len(),
        done.len()
    );
    let group = |key, heading, empty, items: Vec<(usize, &TrackedAction)>| ActionGroupView {
        key,
        heading,
        count: items.len(),
        empty,
        items: items.into_iter().map(|(i, a)| row(input, a, i)).collect(),
    };
    Page {
        path: super::paths::ACTIONS.to_string(),
        template: "actions/index.html",
        title: "Action items".to_string(),
        section: Section::Actions,
        view: ActionsView {
            summary,
            groups: if input.public {
                Vec::new()
            } else {
                vec![
                    group("overdue", "Overdue", "Nothing is overdue.", overdue),
                    group("open", "Open, oldest first", "No open action items.", open),
                ]
            },
            done: if input.public {
                DoneView { count: done.len(), months: Vec::new() }
            } else {
                done_by_month(input, done)
            },
            chart: chart(&input.report.action_weeks),
            public: input.public,
            counts: input.public.then(|| super::counts::actions(tracked, d)),
        },
    }
}

/// `done`, newest first, cut into months of their done date.
fn done_by_month(input: &Input<'_>, done: Vec<(usize, &TrackedAction)>) -> DoneView {
    let count = done.len();
    let mut months: Vec<DoneMonthView> = Vec::new();
    for (i, a) in done {
        let Some(when) = a.done else { continue };
        let key = format!("done-{}", when.strftime("%Y-%m"));
        if months.last().is_none_or(|m| m.key != key) {
            months.push(DoneMonthView {
                label: format::month(when),
                key,
                count: String::new(),
                items: Vec::new(),
            });
        }
        if let Some(month) = months.last_mut() {
            month.items.push(row(input, a, i));
        }
    }
    for month in &mut months {
        month.count = format!("{} done", month.items.len());
    }
    DoneView { count, months }
}

/// Action items open at each week's end (hatched) against those done during
/// the week (solid), from `action_weeks` in `metrics.json`; `None` without
/// weeks or without any action item.
fn chart(weeks: &[ActionWeek]) -> Option<ChartHtml> {
    let (first, last) = (weeks.first()?, weeks.last()?);
    if weeks.iter().all(|w| w.open == 0 && w.done == 0) {
        return None;
    }
    let labels: Vec<String> =
        weeks.iter().map(|w| w.week.rsplit('-').next().unwrap_or(&w.week).to_string()).collect();
    let series = [
        Series {
            name: "Open at the week's end",
            ink: Ink::Planned,
            values: weeks.iter().map(|w| Some(w.open as f64)).collect(),
        },
        Series {
            name: "Done during the week",
            ink: Ink::Done,
            values: weeks.iter().map(|w| Some(w.done as f64)).collect(),
        },
    ];
    let desc = format!(
        "Action items still open at the end of each week from {} to {} against those done during the week; \
         {} were open and {} done in {}.",
        first.week, last.week, last.open, last.done, last.week
    );
    let title = "Action items open against done by week";
    let text = ChartText { id: "actions-chart", title, desc: &desc, y_label: "Items" };
    let full: Vec<String> = weeks.iter().map(|w| w.week.clone()).collect();
    let table = DataTable::of_series("actions-chart", title, "Week", &full, &series, |v| format::maybe(v, 0));
    Some(charts::bar_chart(&text, &labels, &series, Axis::from_zero(&series, "")).with_table(&table))
}

/// What a public site (`--public`) calls the action item at `index` (from
/// 0) of `actions` in `metrics.json`: `Action item 3`.
pub fn public_action(index: usize) -> String {
    format!("Action item {}", index + 1)
}

fn row(input: &Input<'_>, a: &TrackedAction, index: usize) -> ActionRowView {
    let d = input.report_date;
    // The raising note is dated a.raised: look among that day's notes only
    // (input.notes are by date), not through every note for every item.
    let day_from = input.notes.partition_point(|n| n.date < a.raised);
    let note = input.notes[day_from..].iter().take_while(|n| n.date == a.raised).find(|n| *n.path == *a.note);
    let private = a.private;
    let owners = format::and_list(&format::owners(&input.project.team, &a.owners, &a.guests));
    let label = match note {
        Some(n) if input.public => input.note_name(n),
        Some(n) if !private => n.title.clone(),
        _ => format!("Private note, {}", format::date(a.raised).long),
    };
    ActionRowView {
        text: match (input.public, private) {
            (true, _) => public_action(index),
            (false, true) => PRIVATE_ACTION.to_string(),
            (false, false) => a.text.to_string(),
        },
        private,
        owners: if owners.is_empty() { "No owner".to_string() } else { owners },
        raised: format::date(a.raised),
        due: a.due.map(format::date),
        done: a.done.filter(|x| *x <= d).map(format::date),
        overdue: a
            .due
            .filter(|_| a.overdue_at(d))
            .map(|due| format!("{} overdue", format::days(days_between(d, due) as f64))),
        // Raised on the report date, it has not been open for any time yet.
        open_for: (!a.done_by(d) && a.raised < d)
            .then(|| format!("Open for {}", format::days(days_between(d, a.raised) as f64))),
        undated: !a.done_by(d) && a.due.is_none(),
        note: LinkView { label, url: input.paths.note_url(&a.note) },
        anchor: super::paths::action_anchor(index),
    }
}

#[cfg(test)]
mod tests;
