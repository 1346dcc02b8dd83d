//! Front matter: YAML between a first line `---` and the next `---` line, or
//! TOML between `+++` lines (Hugo). Both are read into the same located
//! [`Node`] tree and by the same rules. Front matter is shared with other
//! tools, so keys tandem does not know are ignored (docs/data.md).

use crate::diagnostics::Diagnostics;
use crate::load::yaml::{self, Fields, Key, Node, Value, parse_iso_date, suggest};
use crate::model::{Date, NoteKind, Sprint, Visibility};

const KEYS: &[&str] = &["date", "kind", "title", "attendees", "sprint", "visibility"];
const VISIBILITY: [(Visibility, &str); 2] = [(Visibility::Team, "team"), (Visibility::Private, "private")];

/// How the front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Between `---` lines.
    #[default]
    Yaml,
    /// Between `+++` lines (Hugo).
    Toml,
}

/// A note cut into its front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The text between the fences, if the note has front matter.
    pub yaml: Option<&'a str>,
    /// How that text is written.
    pub format: Format,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// 1-based file line on which the body starts.
    pub body_line: u32,
}

/// The front matter starts with `---` but no closing `---` line follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

/// The format a first line opens, if it is a fence.
fn fence(line: &str) -> Option<Format> {
    match line.trim_end() {
        "---" => Some(Format::Yaml),
        "+++" => Some(Format::Toml),
        _ => None,
    }
}

/// Cuts `text` (LF line endings, no BOM) at its front matter.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let mut lines = text.split_inclusive('\n');
    let Some((first, format)) = lines.next().and_then(|l| fence(l).map(|f| (l, f))) else {
        return Ok(Split { yaml: None, format: Format::Yaml, body: text, body_line: 1 });
    };
    let is_fence = |line: &str| fence(line) == Some(format);
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no: u32 = 1;
    for line in lines {
        line_no = line_no.saturating_add(1);
        if is_fence(line) {
            let yaml = text.get(yaml_start..offset).unwrap_or("");
            let body = text.get(offset + line.len()..).unwrap_or("");
            return Ok(Split { yaml: Some(yaml), format, body, body_line: line_no.saturating_add(1) });
        }
        offset += line.len();
    }
    Err(Unclosed)
}

/// What the front matter says; `None` where it says nothing (or something wrong, reported).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `date`.
    pub date: Option<Date>,
    /// `kind`.
    pub kind: Option<NoteKind>,
    /// `title`.
    pub title: Option<String>,
    /// `attendees`, as written.
    pub attendees: Option<Vec<String>>,
    /// `sprint`, a known sprint id.
    pub sprint: Option<String>,
    /// `visibility`.
    pub visibility: Option<Visibility>,
}

/// Reads front matter `text`, which starts on line 2 of the file at `path`.
pub fn read(
    text: &str,
    format: Format,
    path: &str,
    sprints: &[Sprint],
    diags: &mut Diagnostics,
) -> FrontMatter {
    let node = match format {
        Format::Yaml => yaml::parse(text, path, 1, diags),
        Format::Toml => toml_node(text, path, diags),
    };
    let Some(node) = node else { return FrontMatter::default() };
    if node.value == Value::Null {
        return FrontMatter::default();
    }
    let Some(f) = Fields::lenient(&node, path, "note front matter", KEYS, diags) else {
        return FrontMatter::default();
    };
    let attendees = f.get("attendees").map(|_| f.text_list("attendees", diags));
    FrontMatter {
        date: read_date(&f, diags),
        kind: f.opt_choice("kind", &NoteKind::ALL, diags),
        title: f.opt_text("title", diags),
        attendees,
        sprint: read_sprint(&f, sprints, diags),
        visibility: f.opt_choice("visibility", &VISIBILITY, diags),
    }
}

/// `date`: a date, or a date-time whose calendar date is used as written,
/// with no time-zone shift (`2020-01-24 14:00:00 UTC`, `2020-01-24T14:00:00Z`).
fn read_date(f: &Fields<'_>, diags: &mut Diagnostics) -> Option<Date> {
    let node = f.get("date")?;
    let text = node.as_text().unwrap_or_default();
    match date_or_date_time(&text) {
        Some(date) => Some(date),
        None => {
            let found =
                if text.is_empty() { node.describe().to_string() } else { format!("\"{}\"", text.trim()) };
            // `2026-11-31` is written right: the day does not exist.
            let message = match super::dates::impossible(text.trim().get(..10).unwrap_or("")) {
                Some((written, why)) => format!("`date` {written} is not a real calendar date ({why})"),
                None => format!(
                    "`date` should be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DD HH:MM ...), found {found}"
                ),
            };
            diags.error(f.path(), Some(node.pos), message);
            None
        }
    }
}

/// The calendar date of `2020-01-24`, `2020-01-24T14:00:00Z`, `2020-01-24 14:00 +0100` ...
pub fn date_or_date_time(text: &str) -> Option<Date> {
    let t = text.trim();
    let date = parse_iso_date(t.get(..10)?).ok()?;
    let rest = t.get(10..)?;
    let time = rest.strip_prefix(['T', 't', ' ']).map(str::trim_start);
    match time {
        None if rest.is_empty() => Some(date),
        Some(time) if time.as_bytes().first().is_some_and(u8::is_ascii_digit) && time.contains(':') => {
            Some(date)
        }
        _ => None,
    }
}

/// TOML front matter read into the same tree as YAML. Positions are those of
/// each top-level key's line (TOML gives no position for values).
fn toml_node(text: &str, path: &str, diags: &mut Diagnostics) -> Option<Node> {
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            let pos = e.span().map(|span| position_of(text, span.start));
            let message = e.message().trim().trim_end_matches('.').to_string();
            diags.error(path, pos, format!("TOML syntax error: {message}"));
            return None;
        }
    };
    let entries = table
        .into_iter()
        .map(|(name, value)| {
            let pos = key_position(text, &name);
            let node = toml_value(value, pos);
            (Key { name, pos }, node)
        })
        .collect();
    Some(Node { value: Value::Map(entries), pos: (2, 1) })
}

fn toml_value(value: toml::Value, pos: yaml::Pos) -> Node {
    let value = match value {
        toml::Value::String(s) => Value::Str(s),
        toml::Value::Integer(i) => Value::Int(i),
        toml::Value::Float(f) => Value::Float(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::Str(d.to_string()),
        toml::Value::Array(items) => Value::Seq(items.into_iter().map(|v| toml_value(v, pos)).collect()),
        toml::Value::Table(t) => {
            Value::Map(t.into_iter().map(|(name, v)| (Key { name, pos }, toml_value(v, pos))).collect())
        }
    };
    Node { value, pos }
}

/// The file line and column of byte `offset` of front matter starting on line 2.
fn position_of(text: &str, offset: usize) -> yaml::Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 2;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(col).unwrap_or(u32::MAX))
}

/// Where the value of top-level key `name` starts (`name = value`), else line 2.
fn key_position(text: &str, name: &str) -> yaml::Pos {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start();
        let key = rest.strip_prefix(name).or_else(|| rest.strip_prefix(&format!("\"{name}\"")));
        if let Some(after) = key.map(str::trim_start).and_then(|r| r.strip_prefix('=')) {
            let value_at = line.len() - after.trim_start().len();
            return position_of(text, offset + value_at);
        }
        offset += line.len();
    }
    (2, 1)
}

fn read_sprint(f: &Fields<'_>, sprints: &[Sprint], diags: &mut Diagnostics) -> Option<String> {
    let id = f.opt_text("sprint", diags)?;
    if sprints.iter().any(|s| s.id == id) {
        return Some(id);
    }
    let hint = match suggest(&id, sprints.iter().map(|s| s.id.as_str())) {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => " (no sprint file has this id)".to_string(),
    };
    diags.error(f.path(), Some(f.pos_of("sprint")), format!("unknown sprint `{id}`{hint}"));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter() {
        assert_eq!(
            split("# Title\n"),
            Ok(Split { yaml: None, format: Format::Yaml, body: "# Title\n", body_line: 1 })
        );
        assert_eq!(split(""), Ok(Split { yaml: None, format: Format::Yaml, body: "", body_line: 1 }));
        assert_eq!(
            split("----\nx\n"),
            Ok(Split { yaml: None, format: Format::Yaml, body: "----\nx\n", body_line: 1 })
        );
    }

    #[test]
    fn front_matter_and_body_line() {
        let s = split("---  \ndate: 2026-10-05\nkind: retro\n---\n# Retro\n");
        assert_eq!(
            s,
            Ok(Split {
                yaml: Some("date: 2026-10-05\nkind: retro\n"),
                format: Format::Yaml,
                body: "# Retro\n",
                body_line: 5
            })
        );
        assert_eq!(
            split("---\n---"),
            Ok(Split { yaml: Some(""), format: Format::Yaml, body: "", body_line: 3 })
        );
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(split("---\ndate: 2026-10-05\n# Title\n"), Err(Unclosed));
        assert_eq!(split("---"), Err(Unclosed));
    }

    fn read_str(text: &str, format: Format) -> (FrontMatter, Vec<String>) {
        let mut d = Diagnostics::new();
        let f = read(text, format, "n.md", &[], &mut d);
        (f, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn foreign_keys_are_ignored_and_near_misses_warned() {
        let (f, msgs) = read_str(
            "layout: post\ntags: [retro]\nauthor: Ana\nduration: 60\ncategories: x\nattendes: [alice]\ntitle: Retro\n",
            Format::Yaml,
        );
        assert_eq!(f.title.as_deref(), Some("Retro"));
        assert_eq!(
            msgs,
            vec![
                "warning: n.md:7:1: key `attendes` in note front matter is not read (did you mean `attendees`?)"
            ]
        );
    }

    #[test]
    fn a_date_may_be_a_date_time_read_as_written() {
        let d = |s: &str| parse_iso_date(s).ok();
        assert_eq!(date_or_date_time("2020-01-24 14:00:00 UTC"), d("2020-01-24"));
        assert_eq!(date_or_date_time("2026-02-13 10:00:00 +0000"), d("2026-02-13"));
        assert_eq!(date_or_date_time("2020-01-24T23:30:00-08:00"), d("2020-01-24"));
        assert_eq!(date_or_date_time("2020-01-24 14:00 +0100"), d("2020-01-24"));
        assert_eq!(date_or_date_time("2020-01-24"), d("2020-01-24"));
        assert_eq!(date_or_date_time("2020-01-24 soon"), None);
        assert_eq!(date_or_date_time("2020-02-30 10:00"), None);
        assert_eq!(read_str("date: 2020-01-24 14:00:00 UTC\n", Format::Yaml).0.date, d("2020-01-24"));
    }

    #[test]
    fn hugo_toml_front_matter() {
        let s = split("+++\ntitle = \"Weekly\"\ndate = 2021-03-04T10:00:00Z\n+++\nbody\n");
        let s = s.unwrap_or_else(|_| panic!("unclosed"));
        assert_eq!((s.format, s.body, s.body_line), (Format::Toml, "body\n", 5));
        let (f, msgs) = read_str(
            "title = \"Weekly\"\ndate = 2021-03-04T10:00:00Z\ndraft = false\nattendees = [\"alice\", \"bob\"]\nkind = \"sync\"\n",
            Format::Toml,
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(f.date, parse_iso_date("2021-03-04").ok());
        assert_eq!(f.attendees, Some(vec!["alice".to_string(), "bob".to_string()]));
        assert_eq!(f.kind, Some(NoteKind::Sync));
        let (_, msgs) = read_str("title = \"x\"\nkind = \"retor\"\n", Format::Toml);
        assert_eq!(msgs.len(), 1);
        assert!(msgs[0].starts_with("error: n.md:3:8: unknown kind \"retor\""), "{msgs:?}");
        let (_, msgs) = read_str("title = \"x\nkind = 1\n", Format::Toml);
        assert!(msgs[0].starts_with("error: n.md:2:"), "{msgs:?}");
        assert!(msgs[0].contains("TOML syntax error"), "{msgs:?}");
    }
}
