//! Reading a YAML mapping field by field, reporting every problem with its
//! position: unknown keys (with a "did you mean"), missing fields, wrong
//! types, values out of range, impossible dates.

use super::{Key, Node, Pos, Value};
use crate::diagnostics::Diagnostics;
use crate::model::Date;

/// The closest candidate to `word`, when it is close enough to be a likely typo.
pub fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `a, b or c`.
pub fn one_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Reads a strict `YYYY-MM-DD` date that exists on the calendar.
pub fn parse_iso_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("\"{t}\" is not a date (expected YYYY-MM-DD)"));
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let month = i8::try_from(m).unwrap_or(0);
    let day = i8::try_from(d).unwrap_or(0);
    Date::new(y, month, day).map_err(|_| format!("{t} is not a real calendar date"))
}

/// A mapping being read field by field; unknown keys were reported on creation.
pub struct Fields<'a> {
    entries: &'a [(Key, Node)],
    pos: Pos,
    path: &'a str,
    what: &'a str,
}

/// The entries of `node` when it is a mapping; otherwise an error saying what was expected.
fn entries_of<'a>(
    node: &'a Node,
    path: &str,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<&'a [(Key, Node)]> {
    let Value::Map(entries) = &node.value else {
        diags.error(
            path,
            Some(node.pos),
            format!("expected a {what} (a mapping of keys), found {}", node.describe()),
        );
        return None;
    };
    Some(entries)
}

impl<'a> Fields<'a> {
    /// Starts reading `node` as a mapping describing `what` (e.g. "sprint item").
    /// Reports a non-mapping and every key not in `known`, with a hint.
    pub fn of(
        node: &'a Node,
        path: &'a str,
        what: &'a str,
        known: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Fields<'a>> {
        let entries = entries_of(node, path, what, diags)?;
        for (key, _) in entries {
            if !known.contains(&key.name.as_str()) {
                let hint = match suggest(&key.name, known.iter().copied()) {
                    Some(s) => format!(" (did you mean `{s}`?)"),
                    None => format!(" (expected {})", one_of(known)),
                };
                diags.error(path, Some(key.pos), format!("unknown key `{}` in {what}{hint}", key.name));
            }
        }
        Some(Fields { entries, pos: node.pos, path, what })
    }

    /// Like [`Fields::of`] for a mapping shared with other tools (a note's
    /// front matter, also read by Jekyll or Hugo): unknown keys are ignored,
    /// and only a near miss of a known key (edit distance 2 at most) is
    /// warned about, with the key it likely means.
    pub fn lenient(
        node: &'a Node,
        path: &'a str,
        what: &'a str,
        known: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Fields<'a>> {
        let entries = entries_of(node, path, what, diags)?;
        for (key, _) in entries.iter().filter(|(k, _)| !known.contains(&k.name.as_str())) {
            let near = suggest(&key.name, known.iter().copied())
                .filter(|s| strsim::damerau_levenshtein(&key.name.to_lowercase(), s) <= 2);
            if let Some(s) = near {
                diags.warning(
                    path,
                    Some(key.pos),
                    format!("key `{}` in {what} is not read (did you mean `{s}`?)", key.name),
                );
            }
        }
        Some(Fields { entries, pos: node.pos, path, what })
    }

    /// Like [`Fields::of`] for the top of a file, where an empty document gets
    /// its own message saying what the file should hold.
    pub fn of_file(
        node: &'a Node,
        path: &'a str,
        what: &'a str,
        known: &[&str],
        needs: &str,
        diags: &mut Diagnostics,
    ) -> Option<Fields<'a>> {
        if node.value == Value::Null {
            diags.error(path, None, format!("the file is empty: {needs}"));
            return None;
        }
        Self::of(node, path, what, known, diags)
    }

    /// Where the mapping starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// The path of the file being read.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The value of `key`; an explicit `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v).filter(|v| v.value != Value::Null)
    }

    /// Where the value of `key` is, else where the mapping starts.
    pub fn pos_of(&self, key: &str) -> Pos {
        self.get(key).map_or(self.pos, |n| n.pos)
    }

    fn missing(&self, key: &str, diags: &mut Diagnostics) {
        diags.error(self.path, Some(self.pos), format!("{} is missing `{key}`", self.what));
    }

    /// Required text.
    pub fn text(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let Some(node) = self.get(key) else {
            self.missing(key, diags);
            return None;
        };
        self.read_text(key, node, diags)
    }

    /// Optional text.
    pub fn opt_text(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        self.get(key).and_then(|node| self.read_text(key, node, diags))
    }

    fn read_text(&self, key: &str, node: &Node, diags: &mut Diagnostics) -> Option<String> {
        match node.as_text() {
            Some(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Some(_) => {
                diags.error(self.path, Some(node.pos), format!("`{key}` is empty"));
                None
            }
            None => {
                diags.error(
                    self.path,
                    Some(node.pos),
                    format!("`{key}` should be text, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// Required date.
    pub fn date(&self, key: &str, diags: &mut Diagnostics) -> Option<Date> {
        let Some(node) = self.get(key) else {
            self.missing(key, diags);
            return None;
        };
        self.read_date(key, node, diags)
    }

    /// Optional date.
    pub fn opt_date(&self, key: &str, diags: &mut Diagnostics) -> Option<Date> {
        self.get(key).and_then(|node| self.read_date(key, node, diags))
    }

    fn read_date(&self, key: &str, node: &Node, diags: &mut Diagnostics) -> Option<Date> {
        let Value::Str(text) = &node.value else {
            diags.error(
                self.path,
                Some(node.pos),
                format!("`{key}` should be a date (YYYY-MM-DD), found {}", node.describe()),
            );
            return None;
        };
        match parse_iso_date(text) {
            Ok(d) => Some(d),
            Err(msg) => {
                diags.error(self.path, Some(node.pos), format!("`{key}`: {msg}"));
                None
            }
        }
    }

    /// Optional number in `min..=max`.
    pub fn opt_number(&self, key: &str, min: f64, max: f64, diags: &mut Diagnostics) -> Option<f64> {
        let node = self.get(key)?;
        let value = match node.value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => {
                diags.error(
                    self.path,
                    Some(node.pos),
                    format!("`{key}` should be a number, found {} ({})", node.describe(), preview(node)),
                );
                return None;
            }
        };
        if !(min..=max).contains(&value) {
            diags.error(
                self.path,
                Some(node.pos),
                format!("`{key}` is {value}, expected a number from {min} to {max}"),
            );
            return None;
        }
        Some(value)
    }

    /// Optional whole number in `min..=max`.
    pub fn opt_count(&self, key: &str, min: u32, max: u32, diags: &mut Diagnostics) -> Option<u32> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(i) if (i64::from(min)..=i64::from(max)).contains(&i) => u32::try_from(i).ok(),
            _ => {
                diags.error(
                    self.path,
                    Some(node.pos),
                    format!("`{key}` should be a whole number from {min} to {max}, found {}", preview(node)),
                );
                None
            }
        }
    }

    /// Optional `true` / `false`.
    pub fn opt_bool(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                diags.error(
                    self.path,
                    Some(node.pos),
                    format!("`{key}` should be true or false, found {}", preview(node)),
                );
                None
            }
        }
    }

    /// Required value from a fixed list of spellings.
    pub fn choice<T: Copy>(&self, key: &str, table: &[(T, &str)], diags: &mut Diagnostics) -> Option<T> {
        let Some(node) = self.get(key) else {
            let words: Vec<&str> = table.iter().map(|(_, s)| *s).collect();
            diags.error(
                self.path,
                Some(self.pos),
                format!("{} is missing `{key}` ({})", self.what, one_of(&words)),
            );
            return None;
        };
        self.read_choice(key, node, table, diags)
    }

    /// Optional value from a fixed list of spellings.
    pub fn opt_choice<T: Copy>(&self, key: &str, table: &[(T, &str)], diags: &mut Diagnostics) -> Option<T> {
        self.get(key).and_then(|node| self.read_choice(key, node, table, diags))
    }

    fn read_choice<T: Copy>(
        &self,
        key: &str,
        node: &Node,
        table: &[(T, &str)],
        diags: &mut Diagnostics,
    ) -> Option<T> {
        let text = node.as_text().unwrap_or_default();
        if let Some((value, _)) = table.iter().find(|(_, s)| *s == text) {
            return Some(*value);
        }
        let words: Vec<&str> = table.iter().map(|(_, s)| *s).collect();
        let hint = match suggest(&text, words.iter().copied()) {
            Some(s) if !text.is_empty() => format!("; did you mean {s}?"),
            _ => String::new(),
        };
        diags.error(
            self.path,
            Some(node.pos),
            format!("unknown {key} {} (expected {}{hint})", preview(node), one_of(&words)),
        );
        None
    }

    /// Optional list; a non-list is reported and read as empty.
    pub fn list(&self, key: &str, diags: &mut Diagnostics) -> &'a [Node] {
        match self.get(key) {
            None => &[],
            Some(Node { value: Value::Seq(items), .. }) => items,
            Some(node) => {
                diags.error(
                    self.path,
                    Some(node.pos),
                    format!("`{key}` should be a list, found {}", node.describe()),
                );
                &[]
            }
        }
    }

    /// Optional list of texts; a single text is accepted as a list of one.
    pub fn text_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<String> {
        if let Some(node @ Node { value: Value::Str(_), .. }) = self.get(key) {
            return node.as_text().into_iter().collect();
        }
        self.list(key, diags)
            .iter()
            .filter_map(|item| match item.as_text() {
                Some(t) => Some(t.trim().to_string()),
                None => {
                    diags.error(
                        self.path,
                        Some(item.pos),
                        format!("each entry of `{key}` should be text, found {}", item.describe()),
                    );
                    None
                }
            })
            .collect()
    }
}

/// A short quotation of a scalar for messages: `"finished"`, `five`.
pub fn preview(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => {
            let short: String = s.chars().take(40).collect();
            format!("\"{short}\"")
        }
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => node.describe().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::*;

    #[test]
    fn iso_dates_must_exist() {
        assert!(parse_iso_date("2026-10-05").is_ok());
        assert_eq!(parse_iso_date("2026-02-30"), Err("2026-02-30 is not a real calendar date".to_string()));
        assert!(parse_iso_date("5 Oct 2026").is_err());
        assert!(parse_iso_date("2026-1-05").is_err());
    }

    #[test]
    fn unknown_keys_get_a_hint() {
        let (node, _) = read("stauts: done\n");
        let node = node.unwrap_or(Node { value: Value::Null, pos: (0, 0) });
        let mut d = Diagnostics::new();
        Fields::of(&node, "f.yaml", "sprint item", &["id", "status"], &mut d);
        assert_eq!(
            d.sorted()[0].to_string(),
            "error: f.yaml:1:1: unknown key `stauts` in sprint item (did you mean `status`?)"
        );
    }

    #[test]
    fn wrong_types_and_values_are_reported() {
        let (node, _) = read("points: five\nstatus: finished\nn: -3\n");
        let node = node.unwrap_or(Node { value: Value::Null, pos: (0, 0) });
        let mut d = Diagnostics::new();
        let f = Fields::of(&node, "f.yaml", "item", &["points", "status", "n"], &mut d);
        let f = f.unwrap_or_else(|| panic!("a mapping"));
        assert_eq!(f.opt_number("points", 0.0, 1000.0, &mut d), None);
        let table = [(1, "done"), (2, "not-done"), (3, "removed")];
        assert_eq!(f.choice("status", &table, &mut d), None);
        assert_eq!(f.opt_number("n", 0.0, 1000.0, &mut d), None);
        let msgs: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            vec![
                "error: f.yaml:1:9: `points` should be a number, found text (\"five\")",
                "error: f.yaml:2:9: unknown status \"finished\" (expected done, not-done or removed)",
                "error: f.yaml:3:4: `n` is -3, expected a number from 0 to 1000",
            ]
        );
    }

    #[test]
    fn suggestions_only_for_close_words() {
        assert_eq!(suggest("stauts", ["status", "start"]), Some("status"));
        assert_eq!(suggest("zzz", ["status", "start"]), None);
        assert_eq!(suggest("notdone", ["done", "not-done"]), Some("not-done"));
    }
}
