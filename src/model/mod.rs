//! Validated data: the types the rest of tandem trusts.
//!
//! The loaders in [`crate::load`] turn raw files into these types and report
//! every problem on the way; once a [`Project`] exists its invariants hold
//! (end >= start, known member ids, unique ids, snapshots in date order).

pub mod actions;
mod checkin;
mod cutoff;
pub mod dates;
pub mod numbers;
pub mod timeline;

use std::collections::BTreeMap;

pub use checkin::{Checkin, Checkins, PRACTICE_KEYS, RATINGS, perception};
pub use jiff::civil::Date;

/// Everything read from one data folder.
#[derive(Debug, Clone)]
pub struct Project {
    /// Settings from `tandem.yaml` (defaults where absent).
    pub settings: Settings,
    /// The team and its roles.
    pub team: Team,
    /// Sprints in start-date order; never overlapping.
    pub sprints: Vec<Sprint>,
    /// The product backlog, if any.
    pub backlog: Backlog,
    /// Meeting notes by date, then path.
    pub notes: Vec<Note>,
    /// Check-ins of the product owner, the scrum master and anyone else.
    pub checkins: Checkins,
}

/// `tandem.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Site title; `None` means "`<team name>` team health".
    pub title: Option<String>,
    /// Only for absolute URLs (feed, canonical links).
    pub base_url: Option<String>,
    /// Report date; `None` means today in `timezone`.
    pub as_of: Option<Date>,
    /// The time zone "today" is read in (default UTC).
    pub timezone: jiff::tz::TimeZone,
    /// How `03/04/2026` in a note's text is read; `None`: neither way.
    pub date_order: Option<DateOrder>,
    /// Length of the collaboration window in days.
    pub window_days: u32,
    /// How many sprints velocity is averaged over.
    pub velocity_window: u32,
    /// How far back cycle time, throughput and the forecast look, in days.
    pub flow_window_days: u32,
    /// Days without a touch after which a backlog item is stale.
    pub stale_days: u32,
    /// A share or median over fewer rows than this is shown but not scored
    /// (docs/figures.md, "Evidence: unknown is not zero").
    pub min_evidence: u32,
    /// Score curves that replace the defaults, by indicator key.
    pub thresholds: BTreeMap<String, Curve>,
    /// `public: true`: build the stakeholder-facing site, without any note
    /// text (`tandem build --public`; docs/data.md). Read once, by
    /// [`crate::options::Flags::resolve`], where `--public` wins over it.
    pub public: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: None,
            base_url: None,
            as_of: None,
            timezone: jiff::tz::TimeZone::UTC,
            date_order: None,
            window_days: 28,
            velocity_window: 3,
            flow_window_days: 84,
            stale_days: 90,
            min_evidence: 3,
            thresholds: BTreeMap::new(),
            public: false,
        }
    }
}

/// How a date written with slashes and the year last is read (`date_order:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first: `03/04/2026` is 3 April.
    Dmy,
    /// Month first: `03/04/2026` is 4 March.
    Mdy,
}

impl DateOrder {
    /// Every order with its spelling in tandem.yaml.
    pub const ALL: [(DateOrder, &'static str); 2] = [(DateOrder::Dmy, "dmy"), (DateOrder::Mdy, "mdy")];
}

/// A piecewise linear score curve: `(figure, score)` points with increasing figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve(pub Vec<(f64, f64)>);

/// `team.yaml`.
#[derive(Debug, Clone)]
pub struct Team {
    /// Team name.
    pub name: String,
    /// Members in file order; ids are unique.
    pub members: Vec<Member>,
}

impl Team {
    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The single member holding `role`, or `None` when zero or several do.
    pub fn sole(&self, role: Role) -> Option<&Member> {
        let mut holders = self.members.iter().filter(|m| m.role == role);
        match (holders.next(), holders.next()) {
            (Some(m), None) => Some(m),
            _ => None,
        }
    }

    /// Whether the member with this id holds `role`.
    pub fn has_role(&self, id: &str, role: Role) -> bool {
        self.member(id).is_some_and(|m| m.role == role)
    }
}

/// One person on the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Unique id, `[a-z0-9][a-z0-9_.-]*`.
    pub id: String,
    /// Display name (the id when none is given).
    pub name: String,
    /// Role on the team.
    pub role: Role,
    /// Other spellings used in notes.
    pub aliases: Vec<String>,
}

/// A member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Owns the product backlog.
    ProductOwner,
    /// Serves the team and its process.
    ScrumMaster,
    /// Builds the product.
    Developer,
    /// Has a stake in the outcome.
    Stakeholder,
}

impl Role {
    /// Every role with its spelling in the data.
    pub const ALL: [(Role, &'static str); 4] = [
        (Role::ProductOwner, "product-owner"),
        (Role::ScrumMaster, "scrum-master"),
        (Role::Developer, "developer"),
        (Role::Stakeholder, "stakeholder"),
    ];

    /// The spelling used in `team.yaml`.
    pub fn as_str(self) -> &'static str {
        Role::ALL.iter().find(|(r, _)| *r == self).map_or("", |(_, s)| s)
    }
}

/// One sprint file.
#[derive(Debug, Clone)]
pub struct Sprint {
    /// Unique id (default: the file stem).
    pub id: String,
    /// Display name (default: the id).
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day, `>= start`.
    pub end: Date,
    /// Sprint goal.
    pub goal: Option<String>,
    /// Whether the goal was met; `None` when not assessed.
    pub goal_met: Option<bool>,
    /// Items; ids unique within the sprint.
    pub items: Vec<SprintItem>,
    /// Impediments raised during the sprint.
    pub impediments: Vec<Impediment>,
    /// Path relative to the data folder.
    pub path: String,
}

impl Sprint {
    /// Whether `date` falls inside the sprint (both ends inclusive).
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// Running on `date`: started, not yet at its last day (docs/figures.md:
    /// `start <= D < end`). A running sprint is figured as of D, never as if
    /// it had ended.
    pub fn is_running(&self, date: Date) -> bool {
        self.start <= date && date < self.end
    }

    /// Whether `item` of this sprint counts as done as of `date`: status
    /// done, and its `done` date on or before the sprint's end and `date`;
    /// without a `done` date, once the sprint has ended (docs/figures.md). A
    /// `done` after the end is not done in this sprint: it is carried over.
    pub fn done_by(&self, item: &SprintItem, date: Date) -> bool {
        item.status == ItemStatus::Done
            && match item.done {
                Some(done) => done <= self.end.min(date),
                None => date >= self.end,
            }
    }
}

impl SprintItem {
    /// Committed at planning: `added` absent or on/before the sprint's
    /// `start` (docs/figures.md); otherwise added mid-sprint.
    pub fn is_committed(&self, start: Date) -> bool {
        self.added.is_none_or(|a| a <= start)
    }

    /// In the sprint by `date`: committed at planning, or added on or before
    /// `date` (an addition dated later has not happened yet).
    pub fn joined_by(&self, date: Date) -> bool {
        self.added.is_none_or(|a| a <= date)
    }

    /// Taken out of the sprint on or before `date`.
    pub fn removed_by(&self, date: Date) -> bool {
        self.status == ItemStatus::Removed && self.removed.is_some_and(|r| r <= date)
    }
}

/// Kind of work item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    /// User-visible value.
    Story,
    /// A defect.
    Bug,
    /// Necessary work without user-visible value.
    Chore,
    /// Time-boxed research.
    Spike,
}

impl ItemType {
    /// Every type with its spelling.
    pub const ALL: [(ItemType, &'static str); 4] = [
        (ItemType::Story, "story"),
        (ItemType::Bug, "bug"),
        (ItemType::Chore, "chore"),
        (ItemType::Spike, "spike"),
    ];

    /// The spelling used in the data.
    pub fn as_str(self) -> &'static str {
        ItemType::ALL.iter().find(|(t, _)| *t == self).map_or("", |(_, s)| s)
    }
}

/// What became of a sprint item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// Finished in the sprint.
    Done,
    /// Not finished; carried over.
    NotDone,
    /// Taken out of the sprint.
    Removed,
}

impl ItemStatus {
    /// Every status with its spelling.
    pub const ALL: [(ItemStatus, &'static str); 3] =
        [(ItemStatus::Done, "done"), (ItemStatus::NotDone, "not-done"), (ItemStatus::Removed, "removed")];

    /// The spelling used in the data.
    pub fn as_str(self) -> &'static str {
        ItemStatus::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, t)| t)
    }
}

/// One item of a sprint.
#[derive(Debug, Clone)]
pub struct SprintItem {
    /// Id, unique within the sprint.
    pub id: String,
    /// Title.
    pub title: String,
    /// Estimate; `None` = unestimated (counts 0 in sums).
    pub points: Option<f64>,
    /// Kind of work.
    pub item_type: Option<ItemType>,
    /// Outcome.
    pub status: ItemStatus,
    /// Date added; absent or on/before the start means committed at planning.
    pub added: Option<Date>,
    /// Date removed (set exactly when the status is removed; inside the sprint).
    pub removed: Option<Date>,
    /// Completion date for done items.
    pub done: Option<Date>,
    /// The day work on it began (`<= done`): cycle time, work in progress
    /// and age (docs/figures.md, "Flow and forecast"). An item listed in
    /// several sprints started on the earliest of its records' dates.
    pub started: Option<Date>,
}

/// Something that blocked the team.
#[derive(Debug, Clone)]
pub struct Impediment {
    /// What it was.
    pub title: String,
    /// When it was raised.
    pub raised: Date,
    /// When it was resolved (`>= raised`).
    pub resolved: Option<Date>,
    /// Member id of the owner.
    pub owner: Option<String>,
}

/// The product backlog as one or several snapshots.
#[derive(Debug, Clone, Default)]
pub enum Backlog {
    /// No backlog data.
    #[default]
    Absent,
    /// `backlog.yaml`: one snapshot, dated on the report date.
    Current(BacklogSnapshot),
    /// `backlog/<date>.yaml`: snapshots in date order.
    Dated(Vec<BacklogSnapshot>),
}

impl Backlog {
    /// The backlog as of `date`, for a report dated `report_date` (docs/data.md):
    /// a single `backlog.yaml` counts only from the report date on.
    pub fn as_of(&self, date: Date, report_date: Date) -> Option<&BacklogSnapshot> {
        match self {
            Backlog::Absent => None,
            Backlog::Current(snapshot) => (date >= report_date).then_some(snapshot),
            Backlog::Dated(list) => list.iter().rev().find(|s| s.date.is_some_and(|d| d <= date)),
        }
    }

    /// Every snapshot.
    pub fn snapshots(&self) -> &[BacklogSnapshot] {
        match self {
            Backlog::Absent => &[],
            Backlog::Current(s) => std::slice::from_ref(s),
            Backlog::Dated(list) => list,
        }
    }
}

/// The ordered backlog at one date.
#[derive(Debug, Clone)]
pub struct BacklogSnapshot {
    /// The snapshot's date; `None` for `backlog.yaml` (dated on the report date).
    pub date: Option<Date>,
    /// Items in rank order; ids unique.
    pub items: Vec<BacklogItem>,
    /// Path relative to the data folder.
    pub path: String,
}

/// Refinement state of a backlog item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BacklogState {
    /// Just captured.
    New,
    /// Discussed, not yet ready.
    Refined,
    /// Ready for a sprint.
    Ready,
    /// Being worked on.
    InSprint,
    /// Finished.
    Done,
    /// Will not be done.
    Dropped,
}

impl BacklogState {
    /// Every state with its spelling.
    pub const ALL: [(BacklogState, &'static str); 6] = [
        (BacklogState::New, "new"),
        (BacklogState::Refined, "refined"),
        (BacklogState::Ready, "ready"),
        (BacklogState::InSprint, "in-sprint"),
        (BacklogState::Done, "done"),
        (BacklogState::Dropped, "dropped"),
    ];

    /// The spelling used in the data.
    pub fn as_str(self) -> &'static str {
        BacklogState::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, t)| t)
    }

    /// Open items are neither done nor dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, BacklogState::Done | BacklogState::Dropped)
    }
}

/// One backlog entry.
#[derive(Debug, Clone)]
pub struct BacklogItem {
    /// Id, unique within the snapshot.
    pub id: String,
    /// Title.
    pub title: String,
    /// Estimate.
    pub points: Option<f64>,
    /// Kind of work.
    pub item_type: Option<ItemType>,
    /// Refinement state.
    pub state: BacklogState,
    /// When it was created.
    pub created: Date,
    /// Last time anyone touched it (`>= created`).
    pub updated: Option<Date>,
    /// Acceptance criteria.
    pub acceptance: Vec<String>,
    /// Member id of the owner.
    pub owner: Option<String>,
}

impl BacklogItem {
    /// `updated`, else `created` (docs/figures.md "last touch").
    pub fn last_touch(&self) -> Date {
        self.updated.unwrap_or(self.created)
    }
}

/// Kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    /// Sprint planning.
    Planning,
    /// Sprint review or demo.
    Review,
    /// Retrospective.
    Retro,
    /// Backlog refinement.
    Refinement,
    /// A product owner / scrum master working session.
    Sync,
    /// Daily stand-up.
    Standup,
    /// Meeting with stakeholders.
    Stakeholder,
    /// Anything else.
    Other,
}

impl NoteKind {
    /// Every kind with its spelling.
    pub const ALL: [(NoteKind, &'static str); 8] = [
        (NoteKind::Planning, "planning"),
        (NoteKind::Review, "review"),
        (NoteKind::Retro, "retro"),
        (NoteKind::Refinement, "refinement"),
        (NoteKind::Sync, "sync"),
        (NoteKind::Standup, "standup"),
        (NoteKind::Stakeholder, "stakeholder"),
        (NoteKind::Other, "other"),
    ];

    /// The spelling used in the data.
    pub fn as_str(self) -> &'static str {
        NoteKind::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, s)| s)
    }

    /// Planning, review and retro are the sprint events.
    pub fn is_sprint_event(self) -> bool {
        matches!(self, NoteKind::Planning | NoteKind::Review | NoteKind::Retro)
    }
}

/// Who may read a note's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    /// Published.
    #[default]
    Team,
    /// Text never published; figures still count.
    Private,
}

/// Someone at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attendee {
    /// A team member, by id.
    Member(String),
    /// Anyone else, by the name written in the note.
    Guest(String),
}

/// One meeting.
#[derive(Debug, Clone)]
pub struct Note {
    /// Path relative to the data folder, `/` separators.
    pub path: String,
    /// Meeting date.
    pub date: Date,
    /// Meeting kind: the first one its title names when it names several.
    pub kind: NoteKind,
    /// The other meetings the note records too, in the order named, never
    /// `kind` again (`Sprint 44 Review + Retro`: kind review, also retro).
    pub also: Vec<NoteKind>,
    /// Title.
    pub title: String,
    /// Attendees in the order written, without repeats.
    pub attendees: Vec<Attendee>,
    /// Whether the note says who attended: a front-matter list or a readable
    /// attendee section. When it does not, `attendees` is empty and means
    /// "unknown", never "nobody came" (docs/data.md).
    pub attendance_recorded: bool,
    /// Sprint id: explicit, else the sprint whose dates contain the note's date.
    pub sprint: Option<String>,
    /// Whether the text may be published.
    pub visibility: Visibility,
    /// Markdown body without front matter, in the dialect of [`markdown_options`].
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: u32,
    /// Action items in the order written.
    pub actions: Vec<NoteAction>,
    /// Decisions in the order written.
    pub decisions: Vec<Decision>,
    /// Lines that look like an action item or a decision but were not read
    /// as one, with the reason (`tandem check --explain`, the note's page).
    pub unread: Vec<Unread>,
}

impl Note {
    /// Whether any attendee is a member with `role` (false when attendance
    /// is not recorded: see [`Note::attendance_known`]).
    pub fn has_role(&self, team: &Team, role: Role) -> bool {
        self.attendees.iter().any(|a| match a {
            Attendee::Member(id) => team.has_role(id, role),
            Attendee::Guest(_) => false,
        })
    }

    /// Whether the note records who attended; when it does not, its
    /// attendance is unknown, not absence.
    pub fn attendance_known(&self) -> bool {
        self.attendance_recorded
    }

    /// Every meeting the note records: `kind` first, then `also`.
    pub fn kinds(&self) -> impl Iterator<Item = NoteKind> + '_ {
        std::iter::once(self.kind).chain(self.also.iter().copied())
    }

    /// Whether the note records a meeting of `kind` (a review-and-retro note is both).
    pub fn is(&self, kind: NoteKind) -> bool {
        self.kinds().any(|k| k == kind)
    }

    /// Whether the note records a sprint event (planning, review or retro).
    pub fn is_sprint_event(&self) -> bool {
        self.kinds().any(NoteKind::is_sprint_event)
    }

    /// Every meeting the note records, as a set.
    pub fn kind_set(&self) -> KindSet {
        KindSet(self.kinds().fold(0, |bits, k| bits | KindSet::bit(k)))
    }
}

/// The meetings a note records (a review and a retro written up together is
/// both), small enough to copy into every action item it raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindSet(u8);

impl KindSet {
    fn bit(kind: NoteKind) -> u8 {
        1 << NoteKind::ALL.iter().position(|(k, _)| *k == kind).unwrap_or(0)
    }

    /// Whether `kind` is among them.
    pub fn contains(self, kind: NoteKind) -> bool {
        self.0 & KindSet::bit(kind) != 0
    }

    /// Whether any of `kinds` is among them.
    pub fn any(self, kinds: &[NoteKind]) -> bool {
        kinds.iter().any(|k| self.contains(*k))
    }
}

/// A line of a note that looks like an action item or a decision but was not
/// read as one, and why (`starts with "Decision" but has no colon or dash`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// 1-based line in the file.
    pub line: u32,
    /// The line's text.
    pub text: String,
    /// Why it was not read, and what to write instead.
    pub why: String,
}

/// An action item as written in one note.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteAction {
    /// Owner member ids, sorted, no repeats.
    pub owners: Vec<String>,
    /// Owners who are not members, by the name or handle written (warned
    /// about when read); shown by name, never as "No owner".
    pub guests: Vec<String>,
    /// The item's text as written (without the checkbox).
    pub text: String,
    /// Identity text: lower-cased, checkbox, @mentions and due/done dates
    /// removed, whitespace collapsed (docs/data.md).
    pub key: String,
    /// Due date given here.
    pub due: Option<Date>,
    /// The words that gave the due date (`by Tuesday`, `due 2026-10-07`), for
    /// `check --explain` and the note's page.
    pub due_written: Option<String>,
    /// Whether it is checked (`[x]`) here.
    pub checked: bool,
    /// Explicit `done YYYY-MM-DD` given here.
    pub done_on: Option<Date>,
    /// 1-based line in the file.
    pub line: u32,
    /// Restated from an earlier meeting ("Previous action items"): it updates
    /// the item it restates (ticked, a new due date) but never raises one.
    pub restated: bool,
}

/// A decision recorded in a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The decision's text.
    pub text: String,
    /// Tagged `#compromise`.
    pub compromise: bool,
    /// Ids of sprint or backlog items it mentions as whole words.
    pub references: Vec<String>,
    /// 1-based line in the file.
    pub line: u32,
}

/// The Markdown notes are written in, for reading their structure and for
/// rendering them alike: tables, footnotes, strikethrough, task lists and
/// heading attributes (`## Decisions {#decisions}`). Smart punctuation is
/// off on purpose: notes quote code and ids, which must stay as typed.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}
