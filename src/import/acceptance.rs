//! Acceptance criteria found in a tracker's description: the list under an
//! "Acceptance criteria" heading, and any checklist.
//!
//! Descriptions come as Jira wiki markup (`h3. Acceptance criteria`, `* item`),
//! Markdown (`## Acceptance criteria`, `- [ ] item`) or flattened Atlassian
//! documents, so this reads lines rather than one markup language.

/// Most criteria kept per item: a pasted test plan is not a list of criteria.
const MAX_CRITERIA: usize = 50;

/// The criteria of one description, in order, each once.
pub fn criteria(description: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_section = false;
    for line in description.lines() {
        let trimmed = line.trim();
        if let Some(title) = heading(trimmed) {
            in_section = is_acceptance_title(&title);
            continue;
        }
        if is_acceptance_title(&plain(trimmed)) {
            in_section = true;
            continue;
        }
        let item = list_item(trimmed);
        let criterion = match item {
            Some((text, checkbox)) if in_section || checkbox => Some(text),
            _ => None,
        };
        if let Some(text) = criterion.filter(|t| !t.is_empty())
            && !out.contains(&text)
            && out.len() < MAX_CRITERIA
        {
            out.push(text);
        }
    }
    out
}

/// The text of a heading line: `h3. Title`, `### Title`.
fn heading(line: &str) -> Option<String> {
    let b = line.as_bytes();
    if b.len() > 3 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1]) && b[2] == b'.' {
        return Some(plain(&line[3..]));
    }
    let hashes = line.bytes().take_while(|c| *c == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return Some(plain(&line[hashes..]));
    }
    None
}

/// A line without emphasis markers and a trailing colon, lower-cased.
fn plain(text: &str) -> String {
    text.trim().trim_matches(|c| c == '*' || c == '_').trim().trim_end_matches(':').trim().to_lowercase()
}

fn is_acceptance_title(title: &str) -> bool {
    let t = title.trim_matches(|c| c == '*' || c == '_' || c == ':').trim();
    t == "acceptance criteria" || t == "acceptance" || t == "ac" || t == "definition of done"
}

/// A list item's text, and whether it is a checklist entry.
fn list_item(line: &str) -> Option<(String, bool)> {
    let rest = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
        .or_else(|| line.strip_prefix("# "))
        .or_else(|| line.strip_prefix("** "))
        .or_else(|| {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0)
                .then(|| line[digits..].strip_prefix(". ").or_else(|| line[digits..].strip_prefix(") ")))?
        });
    let (rest, bare_box) = match rest {
        Some(r) => (r, false),
        None => (line, true),
    };
    for mark in ["[ ] ", "[x] ", "[X] ", "[] "] {
        if let Some(text) = rest.strip_prefix(mark) {
            return Some((text.trim().to_string(), true));
        }
    }
    if bare_box {
        return None;
    }
    Some((rest.trim().to_string(), false))
}

#[cfg(test)]
mod tests {
    use super::criteria;

    #[test]
    fn wiki_heading_and_bullets() {
        let d = "As a buyer I want...\n\nh3. Acceptance criteria\n* Given a card, it is saved\n* Expired cards are refused\n\nh3. Notes\n* not a criterion\n";
        assert_eq!(criteria(d), vec!["Given a card, it is saved", "Expired cards are refused"]);
    }

    #[test]
    fn markdown_label_and_checklists_anywhere() {
        let d = "**Acceptance criteria:**\n1. totals add up\n2. totals add up\n\n## Tasks\n- [ ] write docs\n- plain bullet\n";
        assert_eq!(criteria(d), vec!["totals add up", "write docs"]);
    }

    #[test]
    fn none_without_heading_or_checklist() {
        assert!(criteria("* just a bullet\nsome text").is_empty());
    }
}
