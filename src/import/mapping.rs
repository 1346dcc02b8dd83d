//! The one mapping every source shares: the merged import state to DATA.md's
//! sprint records and backlog snapshot (IMPORT.md, "Mapping").

use super::config::ImportSettings;
use super::state::{ItemRecord, Membership, MoveRecord, SprintRecord, State};
use crate::model::Date;

/// A sprint item's status at the sprint's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Resolved on or before the end.
    Done,
    /// Still open at the end: carried over.
    NotDone,
    /// Left the sprint before the end.
    Removed,
}

impl Status {
    /// DATA.md's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::NotDone => "not-done",
            Status::Removed => "removed",
        }
    }
}

/// One item of a sprint record.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintItem {
    /// Issue key.
    pub id: String,
    /// Summary.
    pub title: String,
    /// Points.
    pub points: Option<f64>,
    /// DATA.md type.
    pub kind: String,
    /// Status at the end.
    pub status: Status,
    /// Added mid-sprint on.
    pub added: Option<Date>,
    /// Removed on.
    pub removed: Option<Date>,
    /// Done on.
    pub done: Option<Date>,
    /// Work on it began on (written where work had begun by the sprint's end).
    pub started: Option<Date>,
}

/// The sprint's dates, as the mapping uses them.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// Where an issue stands in one sprint; `None` when it was never in the
/// sprint while the sprint ran (it left before the start, or it was finished
/// before the sprint began).
pub fn place(
    key: &str,
    item: &ItemRecord,
    name: &str,
    span: Span,
    cfg: &ImportSettings,
) -> Option<SprintItem> {
    let Span { start, end } = span;
    let moves: Vec<&MoveRecord> = item.moves.iter().filter(|mv| mv.sprint == name).collect();
    let (added, mut removed) = if moves.is_empty() {
        from_imports(item, &item.membership(name)?, name, span)?
    } else {
        from_changelog(item, &moves, span)?
    };
    let finished = matches!(item.category, super::record::Category::Done | super::record::Category::Dropped);
    let resolved = item.resolved.filter(|r| finished && *r <= end);
    if let (None, Some(r)) = (removed, resolved) {
        if r < start {
            // Finished before the sprint began: not work of this sprint.
            return None;
        }
        if item.category == super::record::Category::Dropped {
            // "Won't do" during the sprint takes the item out of its scope.
            removed = Some(r.max(added.unwrap_or(start)));
        }
    }
    let status = match (removed, resolved) {
        (Some(_), _) => Status::Removed,
        (None, Some(_)) => Status::Done,
        (None, None) => Status::NotDone,
    };
    let floor = added.unwrap_or(start);
    let done = resolved.filter(|_| status == Status::Done).map(|r| r.max(floor));
    // A sprint's record says the item had started only once it had; never
    // after its finish (a reopened issue first moved to In Progress later).
    let started = item.started.filter(|s| *s <= end && done.is_none_or(|d| *s <= d));
    Some(SprintItem {
        id: key.to_string(),
        title: item.title.clone(),
        points: item.points,
        kind: cfg.item_type(&item.kind).to_string(),
        status,
        added,
        removed: removed.map(|r| r.max(floor).min(end)),
        done,
        started,
    })
}

/// Added and removed days from a changelog, which dates every move.
fn from_changelog(
    item: &ItemRecord,
    moves: &[&MoveRecord],
    span: Span,
) -> Option<(Option<Date>, Option<Date>)> {
    let Span { start, end } = span;
    // Before its first recorded move an issue was in the sprint exactly when
    // that move takes it out; an issue created into a sprint has no move in.
    let initially_in = !moves.first()?.entered;
    let in_on =
        |day: Date| moves.iter().rev().find(|mv| mv.date <= day).map_or(initially_in, |mv| mv.entered);
    let created_inside = initially_in && item.created > start;
    let added = if in_on(start) && !created_inside {
        None
    } else if created_inside {
        Some(item.created.min(end))
    } else {
        Some(moves.iter().find(|mv| mv.entered && mv.date > start && mv.date <= end)?.date)
    };
    let removed =
        if in_on(end) { None } else { moves.iter().rev().find(|mv| mv.date <= end).map(|mv| mv.date) };
    Some((added, removed))
}

/// Added and removed days from what successive imports saw.
fn from_imports(
    item: &ItemRecord,
    m: &Membership,
    name: &str,
    span: Span,
) -> Option<(Option<Date>, Option<Date>)> {
    let Span { start, end } = span;
    if m.left.is_some() && m.last_seen < start {
        // Seen in the sprint before it began, and out of it since.
        return None;
    }
    let added = if item.seen_outside(name, start, m.first_seen) {
        Some(m.first_seen.min(end))
    } else if item.created > start {
        Some(item.created.min(end))
    } else {
        None
    };
    // Gone while the sprint still ran: removed. Noticed only after the end
    // (a sprint closing moves open issues on), it stayed to the end.
    let removed = m.left.filter(|left| *left <= end && m.last_seen < end);
    Some((added, removed))
}

/// One impediment of a sprint record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Impediment {
    /// `PHX-12 Payment sandbox down`.
    pub title: String,
    /// Flagged on.
    pub raised: Date,
    /// Unflagged on.
    pub resolved: Option<Date>,
    /// Issue key, to find the assignee.
    pub key: String,
}

/// The impediments raised during `span` on issues of the sprint.
pub fn impediments(state: &State, name: &str, span: Span) -> Vec<Impediment> {
    let mut out = Vec::new();
    for (key, item) in &state.items {
        if !item.sprint_names().contains(name) {
            continue;
        }
        for flag in item.flags.iter().filter(|f| f.raised >= span.start && f.raised <= span.end) {
            out.push(Impediment {
                title: format!("{key} {}", item.title),
                raised: flag.raised,
                resolved: flag.resolved,
                key: key.clone(),
            });
        }
    }
    out.sort_by(|a, b| (a.raised, &a.key).cmp(&(b.raised, &b.key)));
    out
}

/// A backlog snapshot item's state: ready when a ready label or status says
/// so, refined when estimated (`points`: its own or its sub-tasks'), new otherwise.
pub fn backlog_state(item: &ItemRecord, points: Option<f64>, cfg: &ImportSettings) -> &'static str {
    let ready = item
        .labels
        .iter()
        .chain(std::iter::once(&item.status))
        .any(|l| cfg.ready_labels.contains(&l.trim().to_lowercase()));
    if ready {
        "ready"
    } else if points.is_some() {
        "refined"
    } else {
        "new"
    }
}

/// Whether an issue belongs in the backlog snapshot dated `as_of`: open,
/// created by then, and not planned into a sprint that is running or to come.
pub fn in_backlog(
    item: &ItemRecord,
    sprints: &std::collections::BTreeMap<String, SprintRecord>,
    as_of: Date,
) -> bool {
    use super::record::Category;
    if matches!(item.category, Category::Done | Category::Dropped) || item.created > as_of {
        return false;
    }
    !item.sprint_names().into_iter().any(|name| {
        let still_in = item.membership(name).is_some_and(|m| m.left.is_none());
        still_in && sprints.get(name).is_some_and(|s| s.end.is_none_or(|e| e >= as_of))
    })
}

#[cfg(test)]
mod tests;
