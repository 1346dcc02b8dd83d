//! The summary as a chat message: Slack's Block Kit and a Microsoft Teams
//! Adaptive Card, for `tandem summary --format slack|teams` and the `init`
//! workflow's webhook step. Each holds the headline, the five practices
//! (score, status word, change), the top [`FIRST_SCREEN`] "needs attention"
//! kinds and a link to the site; without a base URL it says so and leaves
//! the link out. tandem only prints the message: posting it is curl's job.
//!
//! The shapes follow each format's documentation (the fields each needs and
//! their types; `tests.rs` checks them field by field):
//! - Slack: <https://docs.slack.dev/reference/block-kit/blocks/header-block>,
//!   `…/section-block`, `…/context-block`, `…/divider-block`, and text
//!   objects (`plain_text`, `mrkdwn`, where `&`, `<` and `>` are escaped);
//! - Teams: "Send Adaptive Cards using an incoming webhook"
//!   (MicrosoftDocs/msteams-docs, `connectors-using.md`): a `message` with
//!   one attachment of `contentType` `application/vnd.microsoft.card.adaptive`
//!   whose `content` is the card; the card per
//!   <https://adaptivecards.io/explorer/> (`TextBlock`, `FactSet`, `Fact`,
//!   `Action.OpenUrl`).

use serde::Serialize;

use super::{PracticeLine, Summary, text};
use crate::site::attention::{AttentionView, FIRST_SCREEN};

/// Slack cuts a header's text at this many characters.
const SLACK_HEADER_MAX: usize = 150;

/// What the message says when the site's address is unknown.
pub const NO_LINK: &str =
    "No link to the site: set base_url in tandem.yaml or pass --base-url to link the dashboard.";

/// The link's label.
const OPEN: &str = "Open the dashboard";

/// `Collaborate on the backlog`'s value: `92 Healthy, up 4 points since 2026-W46`.
fn practice_value(p: &PracticeLine) -> String {
    let change = p.change.as_ref().map(|c| format!(", {}", text::lower(&c.text))).unwrap_or_default();
    format!("{} {} {}{change}", p.status.shape, p.score, p.status.label)
}

/// The attention lines worth a chat message, and how many more the dashboard has.
fn top(s: &Summary) -> (&[AttentionView], usize) {
    let shown = &s.attention[..s.attention.len().min(FIRST_SCREEN)];
    (shown, s.attention.len() - shown.len() + s.more_attention)
}

/// `Phoenix team health, week 2026-W47`.
fn title(s: &Summary) -> String {
    format!("{}, week {}", s.title, s.week)
}

// ---- Slack ----

/// A Block Kit message: `text` is what notifications show.
#[derive(Serialize)]
struct SlackMessage {
    text: String,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block {
    Header {
        text: Text,
    },
    Section {
        text: Text,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        fields: Vec<Text>,
    },
    Divider,
    Context {
        elements: Vec<Text>,
    },
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Text {
    #[serde(rename = "plain_text")]
    Plain { text: String },
    #[serde(rename = "mrkdwn")]
    Mrkdwn { text: String },
}

/// Text for mrkdwn: Slack reads `&`, `<` and `>` as markup.
fn mrkdwn(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `<url|label>`, or the label alone.
fn slack_link(label: &str, url: Option<&str>, base: Option<&str>) -> String {
    match (url, base) {
        // A `|` in the label would end the link's address part.
        (Some(url), Some(base)) => {
            format!("<{}|{}>", text::absolute(base, url), mrkdwn(label).replace('|', "∣"))
        }
        _ => mrkdwn(label),
    }
}

fn shortened(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The summary as a Slack Block Kit message (JSON), links absolute from `base_url`.
pub fn to_slack(s: &Summary, base_url: Option<&str>) -> serde_json::Result<String> {
    let base = text::normalise(base_url);
    let base = base.as_deref();
    let status = text::status_line(s);
    let mut blocks = vec![
        Block::Header { text: Text::Plain { text: shortened(title(s), SLACK_HEADER_MAX) } },
        Block::Section {
            text: Text::Mrkdwn { text: format!("*{}*\nAs of {}.", mrkdwn(&status), s.as_of_text) },
            fields: Vec::new(),
        },
        Block::Divider,
        Block::Section {
            text: Text::Mrkdwn { text: "*The five practices*".to_string() },
            fields: s
                .practices
                .iter()
                .map(|p| Text::Mrkdwn {
                    text: format!("*{}*\n{}", mrkdwn(p.name), mrkdwn(&practice_value(p))),
                })
                .collect(),
        },
        Block::Divider,
    ];
    let (shown, more) = top(s);
    let mut lines: Vec<String> = shown
        .iter()
        .map(|a| format!("• *{}*: {}", a.severity_label, slack_link(&a.text, a.url.as_deref(), base)))
        .collect();
    if more > 0 {
        let label = format!("and {more} more on the dashboard");
        lines.push(format!("• {}", slack_link(&label, Some(crate::site::paths::DASHBOARD), base)));
    }
    if lines.is_empty() {
        lines.push(text::EMPTY.attention.to_string());
    }
    blocks.push(Block::Section {
        text: Text::Mrkdwn { text: format!("*Needs attention*\n{}", lines.join("\n")) },
        fields: Vec::new(),
    });
    let footer = match base {
        Some(base) => format!("<{base}|{OPEN}>"),
        None => mrkdwn(NO_LINK),
    };
    blocks.push(Block::Context { elements: vec![Text::Mrkdwn { text: footer }] });
    let message = SlackMessage { text: format!("{}: {status}", title(s)), blocks };
    serde_json::to_string_pretty(&message).map(|json| json + "\n")
}

// ---- Teams ----

#[derive(Serialize)]
struct TeamsMessage {
    #[serde(rename = "type")]
    kind: &'static str,
    attachments: Vec<Attachment>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    content_type: &'static str,
    content_url: Option<String>,
    content: Card,
}

#[derive(Serialize)]
struct Card {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    version: &'static str,
    body: Vec<Element>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<Action>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Element {
    TextBlock(TextBlock),
    FactSet { facts: Vec<Fact> },
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct TextBlock {
    text: String,
    wrap: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_subtle: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    separator: Option<bool>,
}

#[derive(Serialize)]
struct Fact {
    title: String,
    value: String,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Action {
    #[serde(rename = "Action.OpenUrl")]
    OpenUrl { title: &'static str, url: String },
}

fn block(text: String) -> Element {
    Element::TextBlock(TextBlock { text, wrap: true, ..TextBlock::default() })
}

fn heading(text: &str) -> Element {
    Element::TextBlock(TextBlock {
        text: text.to_string(),
        wrap: true,
        weight: Some("Bolder"),
        separator: Some(true),
        ..TextBlock::default()
    })
}

/// `[label](url)` (a card's TextBlock reads a little Markdown), or the label alone.
fn teams_link(label: &str, url: Option<&str>, base: Option<&str>) -> String {
    match (url, base) {
        (Some(url), Some(base)) => {
            format!("[{}]({})", label.replace(['[', ']'], ""), text::absolute(base, url))
        }
        _ => label.to_string(),
    }
}

/// The summary as a Microsoft Teams message holding an Adaptive Card (JSON),
/// for an incoming webhook; links absolute from `base_url`.
pub fn to_teams(s: &Summary, base_url: Option<&str>) -> serde_json::Result<String> {
    let base = text::normalise(base_url);
    let base = base.as_deref();
    let mut body = vec![
        Element::TextBlock(TextBlock {
            text: title(s),
            wrap: true,
            size: Some("Large"),
            weight: Some("Bolder"),
            ..TextBlock::default()
        }),
        block(text::status_line(s)),
        Element::TextBlock(TextBlock {
            text: format!("As of {}.", s.as_of_text),
            wrap: true,
            is_subtle: Some(true),
            ..TextBlock::default()
        }),
        heading("The five practices"),
        Element::FactSet {
            facts: s
                .practices
                .iter()
                .map(|p| Fact { title: p.name.to_string(), value: practice_value(p) })
                .collect(),
        },
        heading("Needs attention"),
    ];
    let (shown, more) = top(s);
    for a in shown {
        body.push(block(format!(
            "**{}**: {}",
            a.severity_label,
            teams_link(&a.text, a.url.as_deref(), base)
        )));
    }
    if more > 0 {
        let label = format!("And {more} more on the dashboard.");
        body.push(block(teams_link(&label, Some(crate::site::paths::DASHBOARD), base)));
    }
    if shown.is_empty() {
        body.push(block(text::EMPTY.attention.to_string()));
    }
    let actions = match base {
        Some(base) => vec![Action::OpenUrl { title: OPEN, url: base.to_string() }],
        None => {
            body.push(Element::TextBlock(TextBlock {
                text: NO_LINK.to_string(),
                wrap: true,
                is_subtle: Some(true),
                separator: Some(true),
                ..TextBlock::default()
            }));
            Vec::new()
        }
    };
    let card = Card {
        schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        kind: "AdaptiveCard",
        version: "1.4",
        body,
        actions,
    };
    let message = TeamsMessage {
        kind: "message",
        attachments: vec![Attachment {
            content_type: "application/vnd.microsoft.card.adaptive",
            content_url: None,
            content: card,
        }],
    };
    serde_json::to_string_pretty(&message).map(|json| json + "\n")
}
