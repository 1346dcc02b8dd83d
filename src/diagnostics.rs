//! Problems found in the data, collected as values and reported all at once.
//!
//! Every loader pushes into one [`Diagnostics`] list instead of stopping at the
//! first problem, so a user fixes a whole folder in one pass (docs/commands.md).

use std::fmt::{self, Write as _};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The data cannot be used as it is; exit code 1.
    Error,
    /// Worth fixing, but the build goes on (an error under `--strict`).
    Warning,
    /// Not a problem: a word on what the data means for the figures
    /// ("9 action items have no due date ..."). Printed after the count
    /// line, never counted, never an error under `--strict`.
    Hint,
}

impl Severity {
    /// The word printed before the message.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// One problem, located in a file of the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the data folder, with `/` separators.
    pub path: String,
    /// 1-based line and column, where known.
    pub position: Option<(u32, u32)>,
    /// Plain words a scrum master can act on.
    pub message: String,
}

impl Diagnostic {
    fn sort_key(&self) -> (&str, u32, u32, Severity, &str) {
        let (line, col) = self.position.unwrap_or((0, 0));
        // Hints keep the order they were given in (the sort is stable).
        let message = if self.severity == Severity::Hint { "" } else { &self.message };
        (&self.path, line, col, self.severity, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.label(), self.path)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The problems found so far.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// `--strict`: every warning, found so far or later, is an error.
    strict: bool,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(
        &mut self,
        severity: Severity,
        path: &str,
        position: Option<(u32, u32)>,
        message: impl Into<String>,
    ) {
        let severity = if self.strict && severity == Severity::Warning { Severity::Error } else { severity };
        self.items.push(Diagnostic { severity, path: path.to_string(), position, message: message.into() });
    }

    /// Records an error at a position.
    pub fn error(&mut self, path: &str, position: Option<(u32, u32)>, message: impl Into<String>) {
        self.push(Severity::Error, path, position, message);
    }

    /// Records a warning at a position.
    pub fn warning(&mut self, path: &str, position: Option<(u32, u32)>, message: impl Into<String>) {
        self.push(Severity::Warning, path, position, message);
    }

    /// Records a hint about the data as a whole (`path` may be empty).
    pub fn hint(&mut self, path: &str, message: impl Into<String>) {
        self.push(Severity::Hint, path, None, message);
    }

    /// Moves every problem of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        if self.strict {
            self.make_strict();
        }
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Counts of errors and warnings (hints are not problems).
    pub fn counts(&self) -> (usize, usize) {
        let count = |s| self.items.iter().filter(|d| d.severity == s).count();
        (count(Severity::Error), count(Severity::Warning))
    }

    /// Whether there is no problem (hints are not problems).
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|d| d.severity == Severity::Hint)
    }

    /// Under `--strict` every warning counts as an error, those found so far
    /// and those found later (a clash with `static/` is only seen while the
    /// site is written); hints stay hints.
    pub fn make_strict(&mut self) {
        self.strict = true;
        for d in self.items.iter_mut().filter(|d| d.severity == Severity::Warning) {
            d.severity = Severity::Error;
        }
    }

    /// The problems sorted by path, then line and column.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// Borrow the problems in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// How diagnostics are printed (`--message-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// `error: path:line:col: message`
    #[default]
    Human,
    /// GitHub Actions workflow commands, so problems annotate the files.
    Github,
}

/// Renders sorted diagnostics, the closing count line, then the hints.
///
/// `path_prefix` is prepended to paths in the GitHub format so that an
/// annotation points at the file from the repository root, not the data folder.
pub fn render(list: &[Diagnostic], format: MessageFormat, path_prefix: &str) -> String {
    render_closed(list, format, path_prefix, None)
}

/// Like [`render`], with `closing` (`Checked 12 files in .: no problems`)
/// in the count line's place when there is no problem: before the hints,
/// which are about data that checked clean.
pub fn render_closed(
    list: &[Diagnostic],
    format: MessageFormat,
    path_prefix: &str,
    closing: Option<&str>,
) -> String {
    let mut out = String::new();
    let (hints, problems): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        list.iter().partition(|d| d.severity == Severity::Hint);
    for d in &problems {
        render_one(&mut out, d, format, path_prefix);
    }
    match closing {
        _ if !problems.is_empty() => out.push_str(&count_line(list)),
        Some(line) => out.push_str(line),
        None => {}
    }
    if !problems.is_empty() || closing.is_some() {
        out.push('\n');
    }
    for d in hints {
        render_one(&mut out, d, format, path_prefix);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, format: MessageFormat, path_prefix: &str) {
    match (format, d.path.is_empty()) {
        (MessageFormat::Human, false) => {
            let _ = writeln!(out, "{d}");
        }
        (MessageFormat::Human, true) => {
            let _ = writeln!(out, "{}: {}", d.severity.label(), d.message);
        }
        (MessageFormat::Github, _) => {
            // A hint is a notice: GitHub shows it without failing anything.
            let level = if d.severity == Severity::Hint { "notice" } else { d.severity.label() };
            let _ = write!(out, "::{level}");
            if !d.path.is_empty() {
                let file = github_property(&join_prefix(path_prefix, &d.path));
                let _ = write!(out, " file={file}");
                if let Some((line, col)) = d.position {
                    let _ = write!(out, ",line={line},col={col}");
                }
            }
            let _ = writeln!(out, "::{}", github_data(&d.message));
        }
    }
}

/// `2 problems (1 error, 1 warning)`; hints in `list` are not counted.
pub fn count_line(list: &[Diagnostic]) -> String {
    let errors = list.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = list.iter().filter(|d| d.severity == Severity::Warning).count();
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning"));
    }
    format!("{} ({})", plural(errors + warnings, "problem"), parts.join(", "))
}

fn plural(n: usize, word: &str) -> String {
    crate::format::count(n, word, &format!("{word}s"))
}

fn join_prefix(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() || prefix == "." { path.to_string() } else { format!("{prefix}/{path}") }
}

// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Diagnostic> {
        let mut d = Diagnostics::new();
        d.warning("notes/README.md", None, "no date; note skipped");
        d.error("sprints/s21.yaml", Some((14, 13)), "unknown status \"finished\"");
        d.error("sprints/s21.yaml", Some((3, 1)), "missing `start`");
        d.sorted()
    }

    #[test]
    fn sorted_by_path_then_line() {
        let list = sample();
        let paths: Vec<_> = list.iter().map(|d| (d.path.as_str(), d.position)).collect();
        assert_eq!(
            paths,
            vec![
                ("notes/README.md", None),
                ("sprints/s21.yaml", Some((3, 1))),
                ("sprints/s21.yaml", Some((14, 13)))
            ]
        );
    }

    #[test]
    fn human_format_and_count_line() {
        let text = render(&sample(), MessageFormat::Human, "data");
        assert_eq!(
            text,
            "warning: notes/README.md: no date; note skipped\n\
             error: sprints/s21.yaml:3:1: missing `start`\n\
             error: sprints/s21.yaml:14:13: unknown status \"finished\"\n\
             3 problems (2 errors, 1 warning)\n"
        );
    }

    #[test]
    fn github_format_escapes_and_prefixes() {
        let mut d = Diagnostics::new();
        d.error("sprints/a,b.yaml", Some((2, 5)), "50% done\nreally");
        let text = render(&d.sorted(), MessageFormat::Github, "./team/");
        assert_eq!(
            text,
            "::error file=./team/sprints/a%2Cb.yaml,line=2,col=5::50%25 done%0Areally\n1 problem (1 error)\n"
        );
    }

    #[test]
    fn hints_come_after_the_count_line_and_are_not_problems() {
        let mut d = Diagnostics::new();
        d.hint("", "9 action items have no due date");
        d.warning("notes/a.md", Some((3, 1)), "w");
        d.make_strict();
        assert_eq!(d.counts(), (1, 0));
        let text = render(&d.clone().sorted(), MessageFormat::Human, "");
        assert_eq!(
            text,
            "error: notes/a.md:3:1: w\n1 problem (1 error)\nhint: 9 action items have no due date\n"
        );
        let github = render(&d.sorted(), MessageFormat::Github, "");
        assert!(github.ends_with("::notice::9 action items have no due date\n"), "{github}");
        let mut only = Diagnostics::new();
        only.hint("", "h");
        assert!(only.is_empty() && !only.has_errors());
        assert_eq!(render(&only.clone().sorted(), MessageFormat::Human, ""), "hint: h\n");
        // `check`'s closing line stands where the count line would: before the hints.
        let closed = render_closed(
            &only.sorted(),
            MessageFormat::Human,
            "",
            Some("Checked 3 files in .: no problems"),
        );
        assert_eq!(closed, "Checked 3 files in .: no problems\nhint: h\n");
        let mut warned = Diagnostics::new();
        warned.warning("a", None, "w");
        let closed = render_closed(&warned.sorted(), MessageFormat::Human, "", Some("no problems"));
        assert_eq!(closed, "warning: a: w\n1 problem (1 warning)\n", "with a problem, the count line");
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut d = Diagnostics::new();
        d.warning("a", None, "w");
        assert!(!d.has_errors());
        d.make_strict();
        assert!(d.has_errors());
        // Found after --strict took effect: an error too, pushed or gathered.
        d.warning("b", None, "later");
        let mut gathered = Diagnostics::new();
        gathered.warning("c", None, "from a thread");
        gathered.hint("", "a hint stays a hint");
        d.extend(gathered);
        assert_eq!(d.counts(), (3, 0));
        assert!(!d.is_empty());
    }
}
