//! YAML front matter between a first line `---` and the next `---` line.

use crate::diagnostics::Diagnostics;
use crate::load::yaml::{self, Fields, Value, suggest};
use crate::model::{Date, NoteKind, Sprint, Visibility};

const KEYS: &[&str] = &["date", "kind", "title", "attendees", "sprint", "visibility"];
const VISIBILITY: [(Visibility, &str); 2] = [(Visibility::Team, "team"), (Visibility::Private, "private")];

/// A note cut into its front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if the note has front matter.
    pub yaml: Option<&'a str>,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// 1-based file line on which the body starts.
    pub body_line: u32,
}

/// The front matter starts with `---` but no closing `---` line follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Cuts `text` (LF line endings, no BOM) at its front matter.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| is_fence(l)) else {
        return Ok(Split { yaml: None, body: text, body_line: 1 });
    };
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no: u32 = 1;
    for line in lines {
        line_no = line_no.saturating_add(1);
        if is_fence(line) {
            let yaml = text.get(yaml_start..offset).unwrap_or("");
            let body = text.get(offset + line.len()..).unwrap_or("");
            return Ok(Split { yaml: Some(yaml), body, body_line: line_no.saturating_add(1) });
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

/// Reads front matter `yaml`, which starts on line 2 of the file at `path`.
pub fn read(yaml: &str, path: &str, sprints: &[Sprint], diags: &mut Diagnostics) -> FrontMatter {
    let Some(node) = yaml::parse(yaml, path, 1, diags) else { return FrontMatter::default() };
    if node.value == Value::Null {
        return FrontMatter::default();
    }
    let Some(f) = Fields::of(&node, path, "note front matter", KEYS, diags) else {
        return FrontMatter::default();
    };
    let attendees = f.get("attendees").map(|_| f.text_list("attendees", diags));
    FrontMatter {
        date: f.opt_date("date", diags),
        kind: f.opt_choice("kind", &NoteKind::ALL, diags),
        title: f.opt_text("title", diags),
        attendees,
        sprint: read_sprint(&f, sprints, diags),
        visibility: f.opt_choice("visibility", &VISIBILITY, diags),
    }
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
        assert_eq!(split("# Title\n"), Ok(Split { yaml: None, body: "# Title\n", body_line: 1 }));
        assert_eq!(split(""), Ok(Split { yaml: None, body: "", body_line: 1 }));
        assert_eq!(split("----\nx\n"), Ok(Split { yaml: None, body: "----\nx\n", body_line: 1 }));
    }

    #[test]
    fn front_matter_and_body_line() {
        let s = split("---  \ndate: 2026-10-05\nkind: retro\n---\n# Retro\n");
        assert_eq!(
            s,
            Ok(Split { yaml: Some("date: 2026-10-05\nkind: retro\n"), body: "# Retro\n", body_line: 5 })
        );
        assert_eq!(split("---\n---"), Ok(Split { yaml: Some(""), body: "", body_line: 3 }));
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(split("---\ndate: 2026-10-05\n# Title\n"), Err(Unclosed));
        assert_eq!(split("---"), Err(Unclosed));
    }
}
