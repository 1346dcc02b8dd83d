//! YAML as a tree of located nodes, and a field reader that reports problems.
//!
//! serde stops at the first error in a file. To report every problem of a file
//! in one run, each YAML document is first read into a generic [`Node`] tree
//! whose nodes know their line and column; the loaders then walk it with
//! [`Fields`] (in `fields.rs`), which collects located diagnostics instead of failing.

mod fields;
mod hints;

pub use fields::{Fields, one_of, parse_iso_date, preview, suggest};

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostics;

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
    for (pos, key) in hints::comment_values(source, line_offset) {
        diags.warning(
            path,
            Some(pos),
            format!("`#` starts a comment, so `{key}` has no value here: put the value in quotes (\"#...\")"),
        );
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(source, options) {
        Ok(raw) => Some(convert(raw, line_offset)),
        Err(err) => {
            let pos = err.location().map(|l| position(&l, line_offset));
            let message = syntax_message(&err);
            match hints::explain(&message, pos, source, line_offset) {
                Some((pos, hint)) => diags.error(path, pos, format!("YAML syntax error: {hint}")),
                None => diags.error(path, pos, message),
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `src` as `f.yaml`: the node and the diagnostics as printed.
    pub(super) fn read(src: &str) -> (Option<Node>, Vec<String>) {
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
        assert_eq!(
            msgs,
            vec![
                "error: f.yaml:1:4: YAML syntax error: `[` is opened and never closed: close it with `]`, or put the text in quotes if it is not a list"
            ]
        );
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
}
