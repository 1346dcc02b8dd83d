//! "Needs attention" as pages print it: the groups come from
//! [`crate::analysis::attention`] as facts; here they get words and links.
//!
//! One entry per kind, with its count and the fact that matters ("3 action
//! items overdue, oldest 45 days"), linked to its evidence, the individual
//! items as details under it. A headline never names anyone, on any site.
//! Details name owners by display name (never a raw `@handle`) on the
//! team's site; on a public one (`--public`) they name nobody and quote no
//! note: overdue action items are counted by the kind of meeting that
//! raised them, meetings are named by kind and date.

use std::collections::BTreeMap;

use serde::Serialize;

use super::format::{self, LinkView};
use super::paths::{self, SitePaths, item_anchors};
pub use crate::analysis::attention::{Group, Headline, Item, Kind, Subject, Target};
use crate::model::{Date, NoteKind, Project, Role};

/// How many groups the first screen of the dashboard shows (the rest follow
/// below it).
pub const FIRST_SCREEN: usize = 3;

/// How many items a group lists before "and N more".
pub const MAX_DETAILS: usize = 5;

/// One kind of thing that needs attention, ready to print; links are
/// relative to the site root.
///
/// The dashboard takes the whole list (`DashboardView.attention`, most
/// severe first) and shows the first [`FIRST_SCREEN`] on its first screen;
/// the summary, the chat messages and the feed take the headlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttentionView {
    /// `overdue-actions`: the kind, for ids and classes.
    pub kind: &'static str,
    /// `urgent`, for CSS.
    pub severity: &'static str,
    /// `Urgent`.
    pub severity_label: &'static str,
    /// How many things of this kind (1 for low readiness).
    pub count: usize,
    /// The headline, without a final full stop: `3 action items overdue, oldest 45 days`.
    pub text: String,
    /// Where the evidence is, relative to the site root.
    pub url: Option<String>,
    /// Why it matters, where the headline does not say: a sentence with its full stop.
    pub hint: Option<&'static str>,
    /// The items, at most [`MAX_DETAILS`] and an "and N more", linked where
    /// they have a page.
    pub details: Vec<LinkView>,
}

/// The headline of `group`: the same words on every site and in every
/// format, naming no one.
pub fn headline(group: &Group) -> String {
    let days = |n: i64| format::days(n as f64);
    match &group.headline {
        Headline::OpenImpediments { count: 1, oldest_days: 0 } => "1 impediment raised today".to_string(),
        Headline::OpenImpediments { count: 1, oldest_days } => {
            format!("1 impediment open for {}", days(*oldest_days))
        }
        Headline::OpenImpediments { count, oldest_days } => {
            format!("{count} impediments open, oldest {}", days(*oldest_days))
        }
        Headline::LowReadiness { ready_points, velocity } => format!(
            "Less than one sprint of ready work: {} ready against a velocity of {} a sprint",
            format::points(*ready_points),
            format::points(*velocity)
        ),
        Headline::OverdueActions { count: 1, oldest_days } => {
            format!("1 action item {} overdue", days(*oldest_days))
        }
        Headline::OverdueActions { count, oldest_days } => {
            format!("{count} action items overdue, oldest {}", days(*oldest_days))
        }
        Headline::MissedEvents { role, missed, events, window_days } => format!(
            "{missed} of {} without the {} in the last {window_days} days",
            format::count(*events, "sprint event", "sprint events"),
            role_word(*role)
        ),
        Headline::UnagreedScopeChanges { count, window_days, .. } => format!(
            "{} with no decision recorded in the last {window_days} days",
            format::count(*count, "scope change", "scope changes")
        ),
        Headline::StaleItems { count: 1, oldest_days, stale_days } => {
            format!("1 backlog item untouched for {} (stale after {stale_days})", days(*oldest_days))
        }
        Headline::StaleItems { count, oldest_days, stale_days } => format!(
            "{count} backlog items untouched for more than {stale_days} days, oldest {}",
            days(*oldest_days)
        ),
        Headline::UnrecordedEvents { count, window_days } => format!(
            "{} with no meeting notes in the last {window_days} days",
            format::count(*count, "sprint event", "sprint events")
        ),
    }
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::ProductOwner => "product owner",
        Role::ScrumMaster => "scrum master",
        Role::Developer => "developer",
        Role::Stakeholder => "stakeholder",
    }
}

/// Why a kind matters, where its headline does not say.
fn hint(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::UnrecordedEvents => {
            Some("Add their notes: until then, the figures about sprint events leave them out.")
        }
        _ => None,
    }
}

/// Turns groups into views for one site: its links, its privacy.
pub struct Words<'a> {
    project: &'a Project,
    paths: &'a SitePaths,
    public: bool,
    /// The backlog page's row anchors (as of the report date), by item id.
    backlog: BTreeMap<&'a str, String>,
}

impl<'a> Words<'a> {
    /// The words for `project`'s site as of `report_date`; `public` for the
    /// stakeholder site (`paths` then has no note pages).
    pub fn new(project: &'a Project, paths: &'a SitePaths, report_date: Date, public: bool) -> Words<'a> {
        let backlog = project
            .backlog
            .as_of(report_date, report_date)
            .map(|b| item_anchors(b.items.iter().map(|i| i.id.as_str())))
            .unwrap_or_default();
        Words { project, paths, public, backlog }
    }

    /// Every group as pages print it, in the same order.
    pub fn views(&self, groups: &[Group]) -> Vec<AttentionView> {
        groups.iter().map(|g| self.view(g)).collect()
    }

    /// `group` as pages print it.
    pub fn view(&self, group: &Group) -> AttentionView {
        let kind = group.kind();
        let url = group.target.as_ref().and_then(|t| self.url(t));
        let mut details = if self.public && kind == Kind::OverdueActions {
            by_meeting(&group.items, url.as_deref())
        } else {
            group.items.iter().map(|i| self.detail(i)).collect()
        };
        if details.len() > MAX_DETAILS {
            let more = details.len() - MAX_DETAILS;
            details.truncate(MAX_DETAILS);
            details.push(LinkView { label: format!("and {more} more"), url: url.clone() });
        }
        AttentionView {
            kind: kind.key(),
            severity: group.severity.key(),
            severity_label: group.severity.label(),
            count: group.items.len().max(1),
            text: headline(group),
            url,
            hint: hint(kind),
            details,
        }
    }

    /// The page a target points at, relative to the site root; `None` where
    /// this site has no such page.
    pub fn url(&self, target: &Target) -> Option<String> {
        let at = self.paths;
        match target {
            Target::Note(path) => at.note_url(path),
            Target::Sprint(id) => at.sprint_url(id),
            Target::SprintItem { sprint, item } => {
                let s = self.project.sprints.iter().find(|s| &s.id == sprint)?;
                let anchors = item_anchors(s.items.iter().map(|i| i.id.as_str()));
                let anchor = anchors.get(item.as_str())?;
                at.sprint_item_url(sprint, anchor)
            }
            Target::Impediment { sprint, n } => at.impediment_url(sprint, *n),
            Target::Backlog => Some(paths::BACKLOG.to_string()),
            Target::BacklogItem(id) => self.backlog.get(id.as_str()).map(|a| paths::backlog_item_url(a)),
            Target::OverdueActions => Some(overdue_url()),
            // A public actions page lists no single item: its counts hold it.
            Target::Action(_) if self.public => Some(overdue_url()),
            Target::Action(index) => Some(paths::action_url(*index)),
            Target::Explain(indicator) => Some(format!("{}#how-{}", paths::DASHBOARD, indicator.key())),
        }
    }

    fn detail(&self, item: &Item) -> LinkView {
        LinkView { label: self.line(&item.subject), url: item.target.as_ref().and_then(|t| self.url(t)) }
    }

    fn owners(&self, ids: &[String], guests: &[String]) -> String {
        let all = format::owners(&self.project.team, ids, guests);
        if all.is_empty() { "no owner".to_string() } else { format::and_list(&all) }
    }

    /// One item's line.
    fn line(&self, subject: &Subject) -> String {
        let day = |d: Date| format::date(d).short;
        let team = &self.project.team;
        match subject {
            Subject::Impediment { title, sprint, owner, open_days } => {
                let age = match open_days {
                    0 => "raised today".to_string(),
                    n => format!("open for {}", format::days(*n as f64)),
                };
                match owner {
                    Some(o) if !self.public => {
                        format!("{title} ({sprint}): {}, {age}", self.owners(std::slice::from_ref(o), &[]))
                    }
                    _ => format!("{title} ({sprint}): {age}"),
                }
            }
            Subject::Action { text, private, owners, guests, due, late_days, .. } => {
                let what = if *private {
                    super::actions::PRIVATE_ACTION.to_string()
                } else {
                    format!("“{}”", format::without_handles(team, text))
                };
                format!(
                    "{what}: {}, due {}, {} overdue",
                    self.owners(owners, guests),
                    day(*due),
                    format::days(*late_days as f64)
                )
            }
            Subject::Event { date, title, kind } => {
                let name = if self.public { format::meeting(*kind) } else { title.as_str() };
                format!("{}: {name}", day(*date))
            }
            Subject::ScopeChange { item, title, removed, date, sprint } => {
                let how = if *removed { "removed from" } else { "added to" };
                format!("{item} “{title}” {how} {sprint} on {}", day(*date))
            }
            Subject::StaleItem { id, title, idle_days } => {
                format!("{id} “{title}”: untouched for {}", format::days(*idle_days as f64))
            }
            Subject::Unrecorded { sprint, kind, date } => {
                let word = match kind {
                    NoteKind::Planning => "planning",
                    NoteKind::Review => "review",
                    _ => "retrospective",
                };
                format!("{sprint} {word} ({})", day(*date))
            }
        }
    }
}

/// The overdue action items on the actions page.
fn overdue_url() -> String {
    format!("{}#group-overdue", paths::ACTIONS)
}

/// Overdue action items counted by the kind of meeting that raised them,
/// most first: `2 raised at retrospectives`. What a public site says
/// instead of one line per item.
fn by_meeting(items: &[Item], url: Option<&str>) -> Vec<LinkView> {
    let mut counts: Vec<(NoteKind, usize)> = Vec::new();
    for item in items {
        if let Subject::Action { meeting, .. } = item.subject {
            // A raising note not found (never, for a tracked item) is "a meeting".
            let kind = meeting.unwrap_or(NoteKind::Other);
            match counts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((kind, 1)),
            }
        }
    }
    // Most first; a tie keeps the order of the oldest item.
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts
        .into_iter()
        .map(|(kind, n)| LinkView {
            label: format!("{n} raised {}", format::at_meetings(kind, n)),
            url: url.map(str::to_string),
        })
        .collect()
}

#[cfg(test)]
mod tests;
