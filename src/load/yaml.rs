//! YAML as a tree of located nodes, and a field reader that reports problems.
//!
//! serde stops at the first error in a file. To report every problem of a file
//! in one run, each YAML document is first read into a generic [`Node`] tree
//! whose nodes know their line and column; the loaders then walk it with
//! [`Fields`], which collects located diagnostics instead of failing.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostics;
use crate::model::Date;

/// 1-based line and column.
pub type Pos = (u32, u32);

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it starts in the file.
    pub pos: Pos,
}

/// A YAML value. Mappings keep their keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text (dates are text until a loader reads them).
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping from text keys to values.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where it is.
    pub pos: Pos,
}

impl Node {
    /// What the value is, in words, for messages.
    pub fn describe(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Text, or a number or boolean written as text (an id such as `101`).
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

// --- reading YAML text into nodes -------------------------------------------

/// What serde-saphyr hands us: the same tree, with its own span type.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

fn position(loc: &serde_saphyr::Location, line_offset: u32) -> Pos {
    let line = u32::try_from(loc.line()).unwrap_or(u32::MAX).max(1);
    let col = u32::try_from(loc.column()).unwrap_or(u32::MAX).max(1);
    (line.saturating_add(line_offset), col)
}

fn convert(raw: Spanned<Raw>, line_offset: u32) -> Node {
    let pos = position(&raw.referenced, line_offset);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| convert(n, line_offset)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key { name: k.value, pos: position(&k.referenced, line_offset) };
                    (key, convert(v, line_offset))
                })
                .collect(),
        ),
    };
    Node { value, pos }
}

/// Deepest nesting accepted. tandem's files nest five levels at most; a low
/// cap keeps deserialising hostile input far from the stack's limit.
const MAX_DEPTH: usize = 16;

/// Parses one YAML document. `line_offset` re-bases line numbers when the YAML
/// is front matter inside a larger file. A syntax error is reported and gives `None`.
pub fn parse(source: &str, path: &str, line_offset: u32, diags: &mut Diagnostics) -> Option<Node> {
    if source.trim().is_empty() {
        return Some(Node { value: Value::Null, pos: (line_offset + 1, 1) });
    }
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // NaN and infinities reach the field readers, which report them against
    // the field's range instead of failing the whole file.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(source, options) {
        Ok(raw) => Some(convert(raw, line_offset)),
        Err(err) => {
            let pos = err.location().map(|l| position(&l, line_offset));
            diags.error(path, pos, syntax_message(&err));
            None
        }
    }
}

/// serde-saphyr's message without its " at line L, column C" tail (we print
/// the position ourselves), reworded where the library speaks to programmers.
fn syntax_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    if text.contains("budget breached") {
        if text.contains("Depth") {
            return format!("YAML nested too deeply (more than {MAX_DEPTH} levels)");
        }
        return "YAML too large or too many aliases to read safely".into();
    }
    if let Some(rest) = text.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set DuplicateKeyPolicy").next().unwrap_or(rest);
        return format!("key `{key}` appears twice");
    }
    format!("YAML syntax error: {text}")
}

// --- reading fields ----------------------------------------------------------

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
        let Value::Map(entries) = &node.value else {
            diags.error(
                path,
                Some(node.pos),
                format!("expected a {what} (a mapping of keys), found {}", node.describe()),
            );
            return None;
        };
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
    use super::*;

    fn read(src: &str) -> (Option<Node>, Vec<String>) {
        let mut d = Diagnostics::new();
        let node = parse(src, "f.yaml", 0, &mut d);
        (node, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn nodes_know_their_positions() {
        let (node, _) = read("a: 1\nb:\n  - x: 2026-10-05\n");
        let node = node.unwrap_or(Node { value: Value::Null, pos: (0, 0) });
        let Value::Map(entries) = node.value else { panic!("not a map") };
        assert_eq!(entries[1].0.pos, (2, 1));
        let Value::Seq(items) = &entries[1].1.value else { panic!("not a list") };
        let Value::Map(inner) = &items[0].value else { panic!("not a map") };
        assert_eq!(inner[0].1.pos, (3, 8));
        assert_eq!(inner[0].1.value, Value::Str("2026-10-05".into()));
    }

    #[test]
    fn syntax_errors_are_located_and_plain() {
        let (node, msgs) = read("a: [1, 2\nb: 3\n");
        assert!(node.is_none());
        assert_eq!(msgs, vec!["error: f.yaml:2:2: YAML syntax error: illegal placement of ':' indicator"]);
    }

    #[test]
    fn duplicate_keys_and_deep_nesting_are_errors() {
        assert_eq!(read("a: 1\na: 2\n").1, vec!["error: f.yaml:2:1: key `a` appears twice"]);
        let deep = "- ".repeat(80) + "1";
        assert!(read(&deep).1[0].contains("nested too deeply"));
    }

    #[test]
    fn front_matter_lines_are_rebased() {
        let mut d = Diagnostics::new();
        let node = parse("date: 1\n", "n.md", 1, &mut d);
        assert_eq!(node.map(|n| n.pos), Some((2, 1)));
    }

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
