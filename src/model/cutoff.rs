//! The site is as of the report date: whatever is dated after it is left out
//! of every page and figure (docs/data.md, "tandem.yaml").

use super::{Backlog, Date, Note, Project};

impl Project {
    /// Leaves out notes dated after `date`, sprints not yet started on it,
    /// sprint items' `started` dates after it, backlog snapshots dated after
    /// it and backlog items created after it.
    /// Gives the notes left out, by date then path (the furthest last).
    pub fn leave_out_after(&mut self, date: Date) -> Vec<Note> {
        let (kept, later): (Vec<Note>, Vec<Note>) =
            std::mem::take(&mut self.notes).into_iter().partition(|n| n.date <= date);
        self.notes = kept;
        self.sprints.retain(|s| s.start <= date);
        // Work begun after the report date has not begun yet (docs/data.md).
        for item in self.sprints.iter_mut().flat_map(|s| &mut s.items) {
            item.started = item.started.filter(|s| *s <= date);
        }
        match &mut self.backlog {
            Backlog::Absent => {}
            Backlog::Current(snapshot) => snapshot.items.retain(|i| i.created <= date),
            Backlog::Dated(list) => {
                list.retain(|s| s.date.is_some_and(|d| d <= date));
                for snapshot in list.iter_mut() {
                    snapshot.items.retain(|i| i.created <= date);
                }
                if list.is_empty() {
                    self.backlog = Backlog::Absent;
                }
            }
        }
        later
    }
}
