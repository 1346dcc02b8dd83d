//! The site is as of the report date: whatever is dated after it is left out
//! of every page and figure (docs/data.md, "tandem.yaml").

use super::{Backlog, Date, Note, Project};

impl Project {
    /// Leaves out notes dated after `date`, sprints not yet started on it,
    /// sprint items' `started` dates after it, backlog snapshots dated after
    /// it, backlog items created after it and check-ins dated after it.
    /// Gives the notes left out, by date then path (the furthest last).
    pub fn leave_out_after(&mut self, date: Date) -> Vec<Note> {
        let (kept, later): (Vec<Note>, Vec<Note>) =
            std::mem::take(&mut self.notes).into_iter().partition(|n| n.date <= date);
        self.notes = kept;
        self.sprints.retain(|s| s.start <= date);
        self.checkins.list.retain(|c| c.date <= date);
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

    /// The newest dated record and the file it is in (docs/data.md): a note,
    /// a backlog snapshot, a sprint's start, an item's `added`, `removed` or
    /// `done`, never a sprint's planned end. Ties go to the first path.
    pub fn newest_record(&self) -> Option<(Date, &str)> {
        let notes = self.notes.iter().map(|n| (n.date, n.path.as_str()));
        let snapshots = self.backlog.snapshots().iter().filter_map(|s| s.date.map(|d| (d, s.path.as_str())));
        let sprints = self.sprints.iter().flat_map(|s| {
            let items = s.items.iter().flat_map(|i| [i.added, i.removed, i.done]).flatten();
            std::iter::once(s.start).chain(items).map(move |d| (d, s.path.as_str()))
        });
        notes.chain(snapshots).chain(sprints).max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
    }
}
