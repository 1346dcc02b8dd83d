//! The summary as Markdown (for a pull-request comment, a chat message or
//! `summary.md`) and as plain text wrapped at [`WIDTH`] columns (for an
//! e-mail), both from the same [`Summary`] value as the HTML page.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Movement, Summary};

/// The heading of the check-ins section.
pub const CHECKINS: &str = "Check-ins";

/// Plain text is wrapped at this many columns.
pub const WIDTH: usize = 80;

/// What an empty section says, the same in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Empty {
    /// No practice moved.
    pub moved: &'static str,
    /// Some practices fell, none rose.
    pub rose: &'static str,
    /// Nothing needs attention.
    pub attention: &'static str,
    /// No sprint has ended.
    pub goals: &'static str,
    /// No published decision in the window.
    pub decisions: &'static str,
}

/// The empty-section texts.
pub const EMPTY: Empty = Empty {
    moved: "No practice score changed since last week or over the last four weeks.",
    rose: "No practice score rose.",
    attention: "Nothing needs attention this week.",
    goals: "No sprint has ended yet.",
    decisions: "No decisions were recorded in published notes in this period.",
};

/// Escapes Markdown's punctuation in text that came from the data.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The absolute address of a site-root-relative `url`, without a final
/// `index.html` (before an anchor too): `https://host/team/sprints/s22/`,
/// `https://host/team/actions/#group-overdue`.
pub(super) fn absolute(base: &str, url: &str) -> String {
    let (page, anchor) = url.split_once('#').map_or((url, None), |(p, a)| (p, Some(a)));
    let page = crate::site::paths::pretty(page);
    match anchor {
        Some(a) => format!("{base}{page}#{a}"),
        None => format!("{base}{page}"),
    }
}

/// `[label](absolute url)` when both are known, else the label alone.
fn md_link(label: &str, url: Option<&str>, base: Option<&str>) -> String {
    match (url, base) {
        (Some(url), Some(base)) => format!("[{}]({})", md(label), absolute(base, url)),
        _ => md(label),
    }
}

/// `https://host/path/` for a configured base URL, or `None`.
pub(super) fn normalise(base: Option<&str>) -> Option<String> {
    base.map(str::trim).filter(|b| !b.is_empty()).map(|b| format!("{}/", b.trim_end_matches('/')))
}

pub(super) fn status_line(s: &Summary) -> String {
    let coverage = s.coverage.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
    let score = s.score.map_or_else(String::new, |n| format!("{n} out of 100{coverage}"));
    let change = s.change.as_ref().map_or_else(String::new, |c| format!(", {} {}", c.arrow, lower(&c.text)));
    match s.score {
        Some(_) => format!("{} {}: {score}{change}.", s.status.shape, s.status.label),
        None => format!("{} {}", s.status.shape, s.headline),
    }
}

pub(super) fn lower(text: &str) -> String {
    super::words::lower_first(text)
}

fn movement(m: &Movement) -> String {
    format!("{}: {} ({}), {}.", m.name, m.score, m.status.label, m.change)
}

/// Writes a `## heading`, then the lines as a list, or `empty` when there are none.
fn md_section(out: &mut String, heading: &str, lines: &[String], empty: &str) {
    let _ = writeln!(out, "\n## {heading}\n");
    if lines.is_empty() {
        let _ = writeln!(out, "{empty}");
    }
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
}

/// The summary in Markdown. Links are absolute from `base_url`; without one
/// they are left out, since relative links mean nothing in a chat message.
pub fn to_markdown(s: &Summary, base_url: Option<&str>) -> String {
    let base = normalise(base_url);
    let base = base.as_deref();
    let more = |n: usize, what: &str, url: &str| {
        (n > 0).then(|| md_link(&format!("and {n} more on the {what}"), Some(url), base))
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}, week {}\n", md(&s.title), s.week);
    let _ = writeln!(out, "As of {}.\n", s.as_of_text);
    let _ = writeln!(out, "**{}**", md(&status_line(s)));
    let moved: Vec<String> = s.improved.iter().map(|m| md(&movement(m))).collect();
    let empty = if s.slipped.is_empty() { EMPTY.moved } else { EMPTY.rose };
    md_section(&mut out, "What improved", &moved, empty);
    if !s.slipped.is_empty() {
        let slipped: Vec<String> = s.slipped.iter().map(|m| md(&movement(m))).collect();
        md_section(&mut out, "What slipped", &slipped, "");
    }
    let mut attention: Vec<String> = s
        .attention
        .iter()
        .map(|a| format!("**{}**: {}.", a.severity_label, md_link(&a.text, a.url.as_deref(), base)))
        .collect();
    attention.extend(more(s.more_attention, "dashboard", crate::site::paths::DASHBOARD));
    md_section(&mut out, "Needs attention", &attention, EMPTY.attention);
    if !s.checkins.is_empty() {
        let lines: Vec<String> = s.checkins.iter().map(|l| md(l)).collect();
        md_section(&mut out, CHECKINS, &lines, "");
    }
    let goals: Vec<String> = s
        .goals
        .iter()
        .map(|g| {
            let sprint = md_link(&g.sprint, g.url.as_deref(), base);
            format!("{} **{}**: {sprint}, {}", g.outcome.shape, g.outcome.label, md(&g.goal))
        })
        .collect();
    md_section(&mut out, "Sprint goals", &goals, EMPTY.goals);
    let mut decisions: Vec<String> = s
        .decisions
        .iter()
        .map(|d| {
            let tag = if d.compromise { " _(compromise)_" } else { "" };
            format!("{}: {}{tag}", d.date_text, md_link(&d.text, d.url.as_deref(), base))
        })
        .collect();
    let counts = s.decision_counts.iter();
    decisions
        .extend(counts.map(|c| format!("{}.", md_link(&c.text, Some(crate::site::paths::DECISIONS), base))));
    decisions.extend(more(s.more_decisions, "decisions page", crate::site::paths::DECISIONS));
    md_section(&mut out, &format!("Key decisions, last {} days", s.window_days), &decisions, EMPTY.decisions);
    let _ = writeln!(out, "\n## Delivery\n\n{}", md(&s.delivery));
    if let Some(base) = base {
        let _ = writeln!(out, "\n[The full dashboard]({base})");
    }
    out
}

/// `text` wrapped at [`WIDTH`] columns, the first line starting with
/// `first`, the others with as many spaces.
fn wrap(first: &str, text: &str) -> String {
    let indent = " ".repeat(first.chars().count());
    let mut lines: Vec<String> = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(std::mem::replace(&mut line, indent.clone()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Writes a heading line, then the lines as bullets, or `empty` when there are none.
fn text_section(out: &mut String, heading: &str, lines: &[String], empty: &str) {
    out.push('\n');
    out.push_str(heading);
    out.push('\n');
    if lines.is_empty() {
        out.push_str(&wrap(BULLET, empty));
    }
    for line in lines {
        out.push_str(&wrap(BULLET, line));
    }
}

/// How a list item starts in plain text.
const BULLET: &str = "  • ";

/// The summary as plain text wrapped at 80 columns: no Markdown, a
/// bullet `•` for lists, and the dashboard's address at the end when known.
pub fn to_text(s: &Summary, base_url: Option<&str>) -> String {
    let more = |n: usize, what: &str| (n > 0).then(|| format!("And {n} more on the {what}."));
    let mut out = String::new();
    out.push_str(&wrap("", &format!("{}, week {}", s.title, s.week)));
    out.push_str(&wrap("", &format!("As of {}.", s.as_of_text)));
    out.push('\n');
    out.push_str(&wrap("", &status_line(s)));
    let moved: Vec<String> = s.improved.iter().map(movement).collect();
    let empty = if s.slipped.is_empty() { EMPTY.moved } else { EMPTY.rose };
    text_section(&mut out, "What improved", &moved, empty);
    if !s.slipped.is_empty() {
        text_section(&mut out, "What slipped", &s.slipped.iter().map(movement).collect::<Vec<_>>(), "");
    }
    let mut attention: Vec<String> =
        s.attention.iter().map(|a| format!("{}: {}.", a.severity_label, a.text)).collect();
    attention.extend(more(s.more_attention, "dashboard"));
    text_section(&mut out, "Needs attention", &attention, EMPTY.attention);
    if !s.checkins.is_empty() {
        text_section(&mut out, CHECKINS, &s.checkins, "");
    }
    let goals: Vec<String> = s
        .goals
        .iter()
        .map(|g| format!("{} {}: {}, {}", g.outcome.shape, g.outcome.label, g.sprint, g.goal))
        .collect();
    text_section(&mut out, "Sprint goals", &goals, EMPTY.goals);
    let mut decisions: Vec<String> = s
        .decisions
        .iter()
        .map(|d| format!("{}: {}{}", d.date_text, d.text, if d.compromise { " (compromise)" } else { "" }))
        .collect();
    decisions.extend(s.decision_counts.iter().map(|c| format!("{}.", c.text)));
    decisions.extend(more(s.more_decisions, "decisions page"));
    text_section(
        &mut out,
        &format!("Key decisions, last {} days", s.window_days),
        &decisions,
        EMPTY.decisions,
    );
    out.push_str("\nDelivery\n");
    out.push_str(&wrap("  ", &s.delivery));
    if let Some(base) = normalise(base_url) {
        out.push('\n');
        out.push_str(&wrap("", &format!("The full dashboard: {base}")));
    }
    out
}
