//! Action items and decisions kept in tables: a column headed Action / Task
//! / What, one headed Owner / Who, one headed Due / When / By, and a Status
//! column; a Decisions table's Decision / What column. Without a known
//! heading, the first column is the text.

use super::action::Found;
use super::due::{self, Due};
use super::owners::resolve;
use super::people::People;
use super::structure::Block;

/// What each column of a table holds, from its header row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    text: Option<usize>,
    owner: Option<usize>,
    due: Option<usize>,
    status: Option<usize>,
}

fn named(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim().trim_end_matches(['?', ':']).to_lowercase();
    names.contains(&c.as_str())
}

impl Columns {
    /// The columns a header row names.
    pub fn of(header: &Block) -> Columns {
        let find = |names: &[&str]| header.cells.iter().position(|c| named(c, names));
        let owner = find(&["owner", "owners", "who", "assignee", "assigned to", "responsible", "by whom"]);
        let due =
            find(&["due", "due date", "when", "by", "by when", "deadline", "date", "target date", "eta"]);
        let status = find(&["status", "state", "done", "done?"]);
        let text = find(&[
            "action",
            "action item",
            "actions",
            "task",
            "tasks",
            "what",
            "item",
            "description",
            "todo",
            "to do",
            "decision",
            "decisions",
            "outcome",
            "resolution",
            "agreed",
            "title",
        ])
        .or_else(|| (0..header.cells.len()).find(|i| ![owner, due, status].contains(&Some(*i))));
        Columns { text, owner, due, status }
    }

    fn cell<'b>(&self, row: &'b Block, column: Option<usize>) -> &'b str {
        column.and_then(|i| row.cells.get(i)).map_or("", |c| c.trim())
    }

    /// The text of a row (its decision, or its action before owners are read).
    pub fn text<'b>(&self, row: &'b Block) -> &'b str {
        self.cell(row, self.text)
    }

    /// A row of an action table as an action item.
    pub fn action(&self, row: &Block, people: &People, ctx: &due::Context) -> Option<Found> {
        let text = self.text(row);
        if text.is_empty() {
            return None;
        }
        let owners = resolve(self.cell(row, self.owner), people, true).unwrap_or_default();
        let due_cell = self.cell(row, self.due);
        let due =
            due::in_cell(due_cell, ctx).map(|date| Due { date, written: due_cell.to_string(), range: 0..0 });
        let status = self.cell(row, self.status).to_lowercase();
        let checked =
            matches!(status.as_str(), "done" | "yes" | "closed" | "complete" | "completed" | "[x]" | "x")
                || status.starts_with(['✅', '✔', '☑']);
        Some(Found { text: text.to_string(), owners, checked, line: row.line, due, ..Found::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{date, team};
    use super::super::people::Who;
    use super::super::structure::{Line, blocks};
    use super::*;

    #[test]
    fn an_action_table_by_its_headings() {
        let b = blocks(
            "| Due | Action | Owner |\n|---|---|---|\n| Friday | Book the room | Bob |\n| 2026-10-20 | Write notes | @carol, Jane |\n",
            1,
            &|_: &Line, _: &Line| false,
        );
        let columns = Columns::of(&b[0]);
        let ctx = due::Context { note: date("2026-10-05"), sprint_end: None, order: None };
        let p = People::new(&team());
        let first = columns.action(&b[1], &p, &ctx).unwrap_or_default();
        assert_eq!(first.text, "Book the room");
        assert_eq!(first.owners, vec![Who::Member("bob".into())]);
        assert_eq!(first.due.map(|d| d.date), Some(date("2026-10-09")));
        let second = columns.action(&b[2], &p, &ctx).unwrap_or_default();
        assert_eq!(second.owners, vec![Who::Member("carol".into()), Who::Guest("Jane".into())]);
    }

    #[test]
    fn without_known_headings_the_first_column_is_the_text() {
        let b =
            blocks("| Decision | Owner |\n|---|---|\n| Ship it | Bob |\n", 1, &|_: &Line, _: &Line| false);
        assert_eq!(Columns::of(&b[0]).text(&b[1]), "Ship it");
        let b = blocks("| Topic | Notes |\n|---|---|\n| CI | slow |\n", 1, &|_: &Line, _: &Line| false);
        assert_eq!(Columns::of(&b[0]).text(&b[1]), "CI");
    }
}
