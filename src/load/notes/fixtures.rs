//! A small team and sprints shared by the note reader's tests.

use crate::model::{Attendee, Member, Role, Sprint, Team};

fn person(id: &str, name: &str, role: Role, aliases: &[&str]) -> Member {
    Member { aliases: aliases.iter().map(|a| a.to_string()).collect(), ..testkit::member(id, name, role) }
}

/// Alice (PO, aliases Alice / A. Chen / alice-gh), Bob (SM), Carol and Dan (developers).
pub fn team() -> Team {
    Team {
        name: "Phoenix".into(),
        members: vec![
            person("alice", "Alice Chen", Role::ProductOwner, &["Alice", "A. Chen", "alice-gh"]),
            person("bob", "Bob Okafor", Role::ScrumMaster, &[]),
            person("carol", "Carol Diaz", Role::Developer, &[]),
            person("dan", "Danno Ferrin", Role::Developer, &[]),
        ],
    }
}

use crate::testkit;
/// A date from `YYYY-MM-DD` (a far-past date when malformed, so tests fail visibly).
pub use crate::testkit::date;

/// S21 (2026-10-05 to 2026-10-16) and S22 (2026-10-19 to 2026-10-30).
pub fn sprints() -> Vec<Sprint> {
    vec![
        testkit::sprint("S21", "2026-10-05", "2026-10-16"),
        testkit::sprint("S22", "2026-10-19", "2026-10-30"),
    ]
}

/// A member attendee.
pub fn member(id: &str) -> Attendee {
    Attendee::Member(id.into())
}

/// A guest attendee.
pub fn guest(name: &str) -> Attendee {
    Attendee::Guest(name.into())
}
