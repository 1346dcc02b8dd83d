//! The tracker-neutral record every source is parsed into: issues, sprints and
//! users as a tracker knows them, before any DATA.md rule is applied.

use crate::model::Date;

/// Which tracker an export came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Jira: CSV exports or REST search JSON.
    Jira,
    /// GitLab: REST v4 issue lists.
    Gitlab,
}

impl Source {
    /// The word used on the command line and in generated headers.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Jira => "jira",
            Source::Gitlab => "gitlab",
        }
    }
}

/// Where a record was read, for messages: the file as the user named it and a line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The input file as given on the command line.
    pub file: String,
    /// 1-based line (CSV: the record's first line), 0 when unknown.
    pub line: u32,
}

/// A tracker's status category: what decides done for the backlog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Not started.
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
    /// Closed without being done (won't do, duplicate, declined).
    Dropped,
}

/// A person as the tracker names them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct User {
    /// Login or account name (`jdoe`), when the export has one.
    pub username: Option<String>,
    /// Display name (`Jane Doe`).
    pub name: Option<String>,
    /// An opaque account id (Jira Cloud's `accountId`): matched against
    /// aliases, never shown.
    pub account: Option<String>,
}

impl User {
    /// How the user is shown in messages: `Jane Doe (@jdoe)`.
    pub fn label(&self) -> String {
        match (&self.name, &self.username) {
            (Some(n), Some(u)) if n != u => format!("{n} (@{u})"),
            (Some(n), _) => n.clone(),
            (None, Some(u)) => format!("@{u}"),
            (None, None) => "(unnamed)".into(),
        }
    }

    /// Whether the export named anybody at all.
    pub fn is_empty(&self) -> bool {
        self.username.is_none() && self.name.is_none() && self.account.is_none()
    }
}

/// A dated move of an issue into or out of a sprint, from a changelog.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SprintMove {
    /// The day it happened (in the import's time zone).
    pub date: Date,
    /// The sprint's name.
    pub sprint: String,
    /// `true` when the issue entered the sprint, `false` when it left.
    pub entered: bool,
}

/// One issue as a tracker exported it.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// `PROJ-123` or `#12`.
    pub key: String,
    /// Summary or title.
    pub title: String,
    /// The tracker's issue type (`Story`, `Bug`, `Sub-task` ...).
    pub kind: String,
    /// The parent issue as the export names it: a key, or (a CSV's `Parent`
    /// column) the parent's issue id until [`Export::resolve_parents`].
    pub parent: Option<String>,
    /// The tracker's status name.
    pub status: String,
    /// Its category.
    pub category: Category,
    /// Story points or weight; `None` when unestimated.
    pub points: Option<f64>,
    /// Created, updated and resolved (or closed) days.
    pub created: Date,
    /// Last update.
    pub updated: Option<Date>,
    /// Resolution or close day.
    pub resolved: Option<Date>,
    /// The day work began (IMPORT.md): a mapped start field, else the first
    /// move into a status of category In Progress, else, for an issue in
    /// progress now, the day its status category last changed.
    pub started: Option<Date>,
    /// Assignee.
    pub assignee: Option<User>,
    /// Labels, in export order.
    pub labels: Vec<String>,
    /// Acceptance criteria found in the description.
    pub acceptance: Vec<String>,
    /// The sprints the issue lists now, by key (then, once settled, by name), in export order.
    pub sprints: Vec<String>,
    /// Dated sprint moves, when the export has a changelog.
    pub moves: Vec<SprintMove>,
    /// Dated flag changes (Jira's "Impediment" flag): `(day, flagged)`.
    pub flags: Vec<(Date, bool)>,
    /// Whether the issue is flagged as an impediment now.
    pub flagged: bool,
    /// The tracker's rank (Jira LexoRank), for backlog order.
    pub rank: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A sprint (Jira) or iteration (GitLab) as the tracker describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SprintDef {
    /// What issues refer to it by while the export is read: the tracker's id
    /// (`jira:12`, `gitlab:345`) when it has one, else the name.
    pub key: String,
    /// Its name; [`Export::settle_names`] makes names unique.
    pub name: String,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Sprint goal.
    pub goal: Option<String>,
    /// `future`, `active` or `closed`, when known.
    pub state: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// Everything read from one `tandem import` run's inputs.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// The issues, in export order, each key once.
    pub issues: Vec<Issue>,
    /// The sprints the export (or `--sprints`) describes.
    pub sprints: Vec<SprintDef>,
    /// The project's name, when the export carries it.
    pub project: Option<String>,
    /// The latest day any timestamp in the export names.
    pub latest: Option<Date>,
    /// Goal outcomes a sprint list gives (`goal_met`), by sprint name;
    /// a blank outcome (not assessed) is not here.
    pub outcomes: std::collections::BTreeMap<String, bool>,
    /// The tracker's numeric issue id → key, for parents named by id.
    ids: std::collections::HashMap<String, String>,
    /// Position of each key in `issues`.
    index: std::collections::HashMap<String, usize>,
}

impl Export {
    /// Notes a day seen anywhere in the export.
    pub fn saw(&mut self, date: Date) {
        self.latest = Some(self.latest.map_or(date, |d| d.max(date)));
    }

    /// Adds a sprint definition unless one with that key is already known;
    /// a later definition fills in what an earlier one left out.
    pub fn define_sprint(&mut self, def: SprintDef) {
        match self.sprints.iter_mut().find(|s| s.key == def.key) {
            Some(known) => {
                known.start = known.start.or(def.start);
                known.end = known.end.or(def.end);
                if known.goal.is_none() {
                    known.goal = def.goal;
                }
                if known.state.is_none() {
                    known.state = def.state;
                }
            }
            None => self.sprints.push(def),
        }
    }

    /// Gives dates from a sprint list given on purpose (`--sprints`) to the
    /// sprint of that name, over what the export says.
    pub fn date_sprint(&mut self, def: SprintDef) {
        let mut found = false;
        for known in self.sprints.iter_mut().filter(|s| s.name == def.name) {
            known.start = def.start;
            known.end = def.end;
            if def.goal.is_some() {
                known.goal = def.goal.clone();
            }
            if def.state.is_some() {
                known.state = def.state.clone();
            }
            found = true;
        }
        if !found {
            self.sprints.push(def);
        }
    }

    /// Turns sprint keys into names, once every file is read. Two sprints of
    /// one name (two GitLab cadences both at `Iteration 1`, two Jira boards'
    /// `Sprint 1`) get their days added, so they never merge; issues and
    /// changelog moves then name sprints by these names.
    pub fn settle_names(&mut self) {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for def in &self.sprints {
            *count.entry(def.name.as_str()).or_default() += 1;
        }
        let shared: std::collections::HashSet<String> =
            count.into_iter().filter(|(_, n)| *n > 1).map(|(name, _)| name.to_string()).collect();
        let mut names: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut taken = std::collections::HashSet::new();
        for def in &mut self.sprints {
            if shared.contains(&def.name) {
                let dated = match (def.start, def.end) {
                    (Some(start), Some(end)) => format!("{} ({start} to {end})", def.name),
                    _ => format!("{} ({})", def.name, def.key),
                };
                // Two sprints of one name and the same days: the tracker's id tells them apart.
                def.name = if taken.contains(&dated) { format!("{} ({})", def.name, def.key) } else { dated };
            }
            taken.insert(def.name.clone());
            names.insert(def.key.clone(), def.name.clone());
        }
        // A name written beside an id the export never defined stands for itself.
        let name_of = |key: &String| names.get(key).cloned().unwrap_or_else(|| key.clone());
        for issue in &mut self.issues {
            issue.sprints = issue.sprints.iter().map(name_of).collect();
            for m in &mut issue.moves {
                m.sprint = name_of(&m.sprint);
            }
        }
        for def in &mut self.sprints {
            def.key = def.name.clone();
        }
    }

    /// Notes the tracker's id of an issue, so a parent named by id is found.
    pub fn note_id(&mut self, id: &str, key: &str) {
        let id = id.trim();
        if !id.is_empty() {
            self.ids.insert(id.to_string(), key.to_string());
        }
    }

    /// Turns parents named by issue id into keys, once every file is read
    /// (a parent may come after its sub-tasks, or in another page).
    pub fn resolve_parents(&mut self) {
        for issue in &mut self.issues {
            if let Some(key) = issue.parent.as_ref().and_then(|p| self.ids.get(p.trim())) {
                issue.parent = Some(key.clone());
            }
        }
    }

    /// Adds an issue; when a key comes twice (overlapping pages), the copy
    /// updated last wins.
    pub fn add_issue(&mut self, issue: Issue) {
        match self.index.get(&issue.key) {
            Some(&i) if issue.updated >= self.issues[i].updated => self.issues[i] = issue,
            Some(_) => {}
            None => {
                self.index.insert(issue.key.clone(), self.issues.len());
                self.issues.push(issue);
            }
        }
    }
}
