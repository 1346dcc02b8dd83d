//! Plain words for the YAML mistakes people make most, with the line where
//! they made them: a tab used for indentation, an unquoted `:`, `?` or `#`
//! in a value, a bracket or quote left open.

use super::Pos;

/// A syntax error reworded: where the mistake is and how to fix it, when the
/// library's message is one of the common ones; else `None`.
pub fn explain(
    message: &str,
    pos: Option<Pos>,
    source: &str,
    line_offset: u32,
) -> Option<(Option<Pos>, String)> {
    let file_line = |index: usize| u32::try_from(index + 1).unwrap_or(u32::MAX).saturating_add(line_offset);
    let lines: Vec<&str> = source.lines().collect();
    let reported = pos.map_or(0, |(l, _)| l.saturating_sub(line_offset).saturating_sub(1) as usize);
    if message.contains("tab") {
        // The scanner notices the tab while reading the line before: find it.
        let (index, col) = lines.iter().enumerate().skip(reported.saturating_sub(1)).find_map(|(i, l)| {
            let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
            indent.find('\t').map(|c| (i, c))
        })?;
        return Some((
            Some((file_line(index), u32::try_from(col + 1).unwrap_or(1))),
            "a tab is used for indentation: YAML indents with spaces only (replace the tab with spaces)"
                .into(),
        ));
    }
    if message.contains("mapping values are not allowed") {
        return Some((
            pos,
            "a value holds `: `, which YAML reads as a new key: put the value in quotes (title: \"Why: saved cards\")"
                .into(),
        ));
    }
    if message.contains("mapping keys are not allowed") || message.contains("'?'") {
        return Some((
            pos,
            "a value starts with `?`, which YAML reads as a key: put the value in quotes".into(),
        ));
    }
    if message.contains("unclosed quote") {
        return Some((
            pos,
            "a quote is opened and never closed: end the text with the same quote (inside '...', write '' for an apostrophe)"
                .into(),
        ));
    }
    if message.contains("unclosed bracket")
        || message.contains("illegal placement of ':'")
        || message.contains("flow")
    {
        let (index, col, open) = open_bracket(&lines, reported)?;
        let close = if open == '[' { ']' } else { '}' };
        return Some((
            Some((file_line(index), u32::try_from(col + 1).unwrap_or(1))),
            format!(
                "`{open}` is opened and never closed: close it with `{close}`, or put the text in quotes if it is not a {}",
                if open == '[' { "list" } else { "mapping" }
            ),
        ));
    }
    None
}

/// The last line at or before `upto` whose value opens a `[` or `{` that the
/// line does not close (outside quotes): its index, the column and the bracket.
fn open_bracket(lines: &[&str], upto: usize) -> Option<(usize, usize, char)> {
    lines.iter().enumerate().take(upto + 1).rev().find_map(|(i, line)| {
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut quote: Option<char> = None;
        for (col, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if col == 0 || line[..col].ends_with(' ') => break,
                (None, '[' | '{') => stack.push((col, c)),
                (None, ']' | '}') => {
                    stack.pop();
                }
                _ => {}
            }
        }
        stack.first().map(|&(col, c)| (i, line[..col].chars().count(), c))
    })
}

/// Values that start with `#`: YAML reads them as a comment, leaving the key
/// without a value. Gives each position and key.
pub fn comment_values(source: &str, line_offset: u32) -> Vec<(Pos, String)> {
    let mut found = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").map_or(body, str::trim_start);
        let Some((key, rest)) = body.split_once(": ") else { continue };
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        let value = rest.trim_start();
        let key_indent = line.len() - body.len();
        if is_key && value.starts_with('#') && value.len() > 1 && !block_follows(&lines[i + 1..], key_indent)
        {
            let col = line.len() - value.len();
            let pos = (
                u32::try_from(i + 1).unwrap_or(u32::MAX).saturating_add(line_offset),
                u32::try_from(line[..col].chars().count() + 1).unwrap_or(1),
            );
            found.push((pos, key.to_string()));
        }
    }
    found
}

/// Whether the key at `indent` has its value on the lines after it (`members:
/// # everyone` over an indented list): the next line with content is indented
/// deeper, or is a list item at the key's own indent, which YAML allows.
fn block_follows(after: &[&str], indent: usize) -> bool {
    let next = after
        .iter()
        .map(|l| (l.len() - l.trim_start().len(), l.trim_start()))
        .find(|(_, text)| !text.is_empty() && !text.starts_with('#'));
    next.is_some_and(|(at, text)| at > indent || (at == indent && (text == "-" || text.starts_with("- "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_after_a_key_whose_value_follows_is_no_mistake() {
        // `members:   # everyone` over the list is a comment, not a lost value.
        let src = "name: Phoenix\nmembers:   # everyone\n  - id: alice\n    role: product-owner\n";
        assert_eq!(comment_values(src, 0), vec![]);
        let src = "members: # all of us\n# (the PO first)\n- id: alice\n";
        assert_eq!(comment_values(src, 0), vec![]);
        // A colour written without quotes has lost its value.
        let src = "title: x\ncolor: #ff0000\nname: y\n";
        assert_eq!(comment_values(src, 0), vec![((2, 8), "color".to_string())]);
        let src = "color: #ff0000\n";
        assert_eq!(comment_values(src, 0), vec![((1, 8), "color".to_string())]);
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let src = "items:\n  - id: 1\n\ttitle: x\n";
        let (pos, msg) = explain("while scanning a plain scalar, found a tab", Some((2, 9)), src, 0)
            .unwrap_or_else(|| panic!("no hint"));
        assert_eq!(pos, Some((3, 1)));
        assert!(msg.starts_with("a tab is used for indentation"));
    }

    #[test]
    fn an_open_bracket_is_found_where_it_opens() {
        let src = "a: 1\ntitle: [draft card\nstatus: done\n";
        let (pos, msg) = explain("illegal placement of ':' indicator", Some((3, 7)), src, 0)
            .unwrap_or_else(|| panic!("no hint"));
        assert_eq!(pos, Some((2, 8)));
        assert!(msg.starts_with("`[` is opened and never closed"));
        assert_eq!(open_bracket(&["a: \"[x\" # [y"], 0), None);
    }

    #[test]
    fn values_starting_with_a_hash() {
        assert_eq!(
            comment_values("title: #1 priority\ngoal: ok # note\n- id: #2\n", 1),
            vec![((2, 8), "title".to_string()), ((4, 7), "id".to_string())]
        );
    }
}
