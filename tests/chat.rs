//! `tandem summary --format slack` and `--format teams`: the messages the
//! `init` workflow posts to a chat webhook, checked against each format's
//! documented shape. No schema can be downloaded here, so the fields each
//! object needs and their types are written down below, from:
//!
//! - Slack Block Kit (docs.slack.dev/reference/block-kit/blocks/…):
//!   `header-block` (type "header"; text: a plain_text object of at most 150
//!   characters; block_id optional), `section-block` (type "section"; text:
//!   a text object of 1 to 3000 characters, or fields: at most 10 text
//!   objects of at most 2000 characters, one of the two required),
//!   `divider-block` (type "divider" only), `context-block` (type
//!   "context"; elements: 1 to 10 text objects or images); text objects are
//!   `{"type": "plain_text"|"mrkdwn", "text": …}`, and in mrkdwn `&`, `<` and
//!   `>` are escaped unless they are markup (docs.slack.dev, "Formatting
//!   text for app surfaces"). A message holds at most 50 blocks; `text` is
//!   what notifications show.
//! - Microsoft Teams incoming webhook ("Send Adaptive Cards using an
//!   Incoming Webhook", MicrosoftDocs/msteams-docs
//!   webhooks-and-connectors/how-to/connectors-using.md): `"type"` must be
//!   `"message"`, `"attachments"` holds the cards, each with `"contentType"`
//!   `"application/vnd.microsoft.card.adaptive"` and the card as
//!   `"content"` (`"contentUrl"` null). The card, per the Adaptive Cards
//!   schema explorer (adaptivecards.io/explorer): AdaptiveCard (type,
//!   version required on a top-level card; body, actions optional),
//!   TextBlock (type, text required; wrap, size, weight, isSubtle,
//!   separator optional with the listed values), FactSet (type, facts
//!   required), Fact (title, value: strings, required), Action.OpenUrl
//!   (type, url required; title optional). Teams' webhooks take
//!   Action.OpenUrl, never Action.Submit.

mod common;

use serde_json::{Map, Value};

use common::repo;

/// The JSON `tandem summary sample-data <extra…>` prints.
fn summary(extra: &[&str]) -> Value {
    let mut args = vec!["summary", "sample-data"];
    args.extend_from_slice(extra);
    let run = common::tandem(&args, repo());
    assert!(run.success(), "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

type Check = Result<(), String>;

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{what} is not an object: {v}"))
}

fn string<'a>(o: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a str, String> {
    o.get(key).and_then(Value::as_str).ok_or_else(|| format!("{what}.{key} is not a string: {o:?}"))
}

fn array<'a>(o: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a Vec<Value>, String> {
    o.get(key).and_then(Value::as_array).ok_or_else(|| format!("{what}.{key} is not an array: {o:?}"))
}

/// Only these keys, so a typo or an undocumented field is caught.
fn only(o: &Map<String, Value>, keys: &[&str], what: &str) -> Check {
    match o.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(k) => Err(format!("{what} has an unknown field {k}")),
        None => Ok(()),
    }
}

fn optional_bool(o: &Map<String, Value>, key: &str, what: &str) -> Check {
    match o.get(key) {
        None | Some(Value::Bool(_)) => Ok(()),
        Some(v) => Err(format!("{what}.{key} is not a boolean: {v}")),
    }
}

fn optional_one_of(o: &Map<String, Value>, key: &str, values: &[&str], what: &str) -> Check {
    match o.get(key) {
        None => Ok(()),
        Some(Value::String(s)) if values.contains(&s.as_str()) => Ok(()),
        Some(v) => Err(format!("{what}.{key} is {v}, not one of {values:?}")),
    }
}

/// Every `&`, `<` and `>` of mrkdwn text is an entity or a link's markup.
fn escaped(text: &str) -> Check {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        let tail = &rest[at..];
        let ok = if tail.starts_with('&') {
            ["&amp;", "&lt;", "&gt;"].iter().any(|e| tail.starts_with(e))
        } else if tail.starts_with('<') {
            let link = tail.starts_with("<https://") || tail.starts_with("<http://");
            let end = tail.find('>');
            if link && let Some(end) = end {
                rest = &tail[end + 1..];
                continue;
            }
            false
        } else {
            false
        };
        if !ok {
            return Err(format!("unescaped markup in mrkdwn: {text}"));
        }
        rest = &tail[1..];
    }
    Ok(())
}

/// A Slack text object of at most `max` characters; `plain` when only plain_text may do.
fn slack_text(v: &Value, max: usize, plain: bool, what: &str) -> Check {
    let o = object(v, what)?;
    let kind = string(o, "type", what)?;
    let text = string(o, "text", what)?;
    match kind {
        "plain_text" => only(o, &["type", "text", "emoji"], what)?,
        "mrkdwn" if !plain => {
            only(o, &["type", "text", "verbatim"], what)?;
            escaped(text)?;
        }
        other => return Err(format!("{what}.type is {other}")),
    }
    let n = text.chars().count();
    if n == 0 || n > max {
        return Err(format!("{what}.text has {n} characters (1 to {max})"));
    }
    Ok(())
}

fn slack_block(v: &Value, i: usize) -> Check {
    let what = format!("blocks[{i}]");
    let o = object(v, &what)?;
    match string(o, "type", &what)? {
        "header" => {
            only(o, &["type", "text", "block_id"], &what)?;
            slack_text(o.get("text").unwrap_or(&Value::Null), 150, true, &format!("{what}.text"))
        }
        "section" => {
            only(o, &["type", "text", "fields", "block_id", "accessory", "expand"], &what)?;
            if !o.contains_key("text") && !o.contains_key("fields") {
                return Err(format!("{what} has neither text nor fields"));
            }
            if let Some(text) = o.get("text") {
                slack_text(text, 3000, false, &format!("{what}.text"))?;
            }
            if o.contains_key("fields") {
                let fields = array(o, "fields", &what)?;
                if fields.is_empty() || fields.len() > 10 {
                    return Err(format!("{what}.fields has {} items (1 to 10)", fields.len()));
                }
                for (j, f) in fields.iter().enumerate() {
                    slack_text(f, 2000, false, &format!("{what}.fields[{j}]"))?;
                }
            }
            Ok(())
        }
        "divider" => only(o, &["type", "block_id"], &what),
        "context" => {
            only(o, &["type", "elements", "block_id"], &what)?;
            let elements = array(o, "elements", &what)?;
            if elements.is_empty() || elements.len() > 10 {
                return Err(format!("{what}.elements has {} items (1 to 10)", elements.len()));
            }
            elements
                .iter()
                .enumerate()
                .try_for_each(|(j, e)| slack_text(e, 3000, false, &format!("{what}.elements[{j}]")))
        }
        other => Err(format!("{what}: a {other} block is not one tandem writes")),
    }
}

/// A Slack message: `{"text": …, "blocks": [...]}`.
fn slack_message(v: &Value) -> Check {
    let o = object(v, "message")?;
    only(o, &["text", "blocks"], "message")?;
    string(o, "text", "message")?;
    let blocks = array(o, "blocks", "message")?;
    if blocks.is_empty() || blocks.len() > 50 {
        return Err(format!("{} blocks (1 to 50)", blocks.len()));
    }
    blocks.iter().enumerate().try_for_each(|(i, b)| slack_block(b, i))
}

fn card_element(v: &Value, what: &str) -> Check {
    let o = object(v, what)?;
    match string(o, "type", what)? {
        "TextBlock" => {
            only(
                o,
                &["type", "text", "wrap", "size", "weight", "isSubtle", "separator", "spacing", "color"],
                what,
            )?;
            string(o, "text", what)?;
            optional_bool(o, "wrap", what)?;
            optional_bool(o, "isSubtle", what)?;
            optional_bool(o, "separator", what)?;
            optional_one_of(o, "size", &["Default", "Small", "Medium", "Large", "ExtraLarge"], what)?;
            optional_one_of(o, "weight", &["Default", "Lighter", "Bolder"], what)?;
            optional_one_of(
                o,
                "spacing",
                &["Default", "None", "Small", "Medium", "Large", "ExtraLarge", "Padding"],
                what,
            )
        }
        "FactSet" => {
            only(o, &["type", "facts", "separator", "spacing"], what)?;
            for (i, fact) in array(o, "facts", what)?.iter().enumerate() {
                let f = object(fact, &format!("{what}.facts[{i}]"))?;
                only(f, &["title", "value"], what)?;
                string(f, "title", what)?;
                string(f, "value", what)?;
            }
            Ok(())
        }
        other => Err(format!("{what}: a {other} element is not one tandem writes")),
    }
}

fn card_action(v: &Value, what: &str) -> Check {
    let o = object(v, what)?;
    only(o, &["type", "url", "title"], what)?;
    if string(o, "type", what)? != "Action.OpenUrl" {
        return Err(format!("{what} is not an Action.OpenUrl"));
    }
    let url = string(o, "url", what)?;
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return Err(format!("{what}.url is not an absolute URL: {url}"));
    }
    if o.contains_key("title") {
        string(o, "title", what)?;
    }
    Ok(())
}

/// A Teams message holding one Adaptive Card.
fn teams_message(v: &Value) -> Check {
    let o = object(v, "message")?;
    only(o, &["type", "attachments"], "message")?;
    if string(o, "type", "message")? != "message" {
        return Err("message.type is not \"message\"".into());
    }
    let attachments = array(o, "attachments", "message")?;
    if attachments.is_empty() {
        return Err("no attachments".into());
    }
    for (i, a) in attachments.iter().enumerate() {
        let what = format!("attachments[{i}]");
        let a = object(a, &what)?;
        only(a, &["contentType", "contentUrl", "content"], &what)?;
        if string(a, "contentType", &what)? != "application/vnd.microsoft.card.adaptive" {
            return Err(format!("{what}.contentType is not an Adaptive Card"));
        }
        if !matches!(a.get("contentUrl"), None | Some(Value::Null) | Some(Value::String(_))) {
            return Err(format!("{what}.contentUrl is neither null nor a string"));
        }
        let card = object(a.get("content").unwrap_or(&Value::Null), &format!("{what}.content"))?;
        only(card, &["$schema", "type", "version", "body", "actions"], "card")?;
        if string(card, "type", "card")? != "AdaptiveCard" {
            return Err("card.type is not AdaptiveCard".into());
        }
        string(card, "version", "card")?;
        if card.contains_key("body") {
            for (j, e) in array(card, "body", "card")?.iter().enumerate() {
                card_element(e, &format!("card.body[{j}]"))?;
            }
        }
        if card.contains_key("actions") {
            for (j, e) in array(card, "actions", "card")?.iter().enumerate() {
                card_action(e, &format!("card.actions[{j}]"))?;
            }
        }
    }
    Ok(())
}

/// Every string in `v`, joined: what a reader of the message can see.
fn all_text(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s}\n"),
        Value::Array(items) => items.iter().map(all_text).collect(),
        Value::Object(fields) => fields.values().map(all_text).collect(),
        _ => String::new(),
    }
}

const PRACTICES: [&str; 5] = [
    "Collaborate on the backlog",
    "Communicate regularly",
    "Help each other out",
    "Hold each other accountable",
    "Be willing to compromise",
];

#[test]
fn slack_is_a_block_kit_message_with_the_headline_practices_attention_and_link() {
    let v = summary(&["--format", "slack"]);
    slack_message(&v).unwrap_or_else(|e| panic!("{e}\n{v:#}"));
    assert_eq!(v["blocks"][0]["type"], "header");
    assert_eq!(v["blocks"][0]["text"]["text"], "Phoenix team health, week 2026-W47");
    let text = all_text(&v);
    assert!(text.contains("Healthy: 95 out of 100"), "{text}");
    // The five practices: name, then score, status word and change.
    let fields = v["blocks"][3]["fields"].as_array().cloned().unwrap_or_default();
    assert_eq!(fields.len(), 5);
    for (field, name) in fields.iter().zip(PRACTICES) {
        let line = field["text"].as_str().unwrap_or_default();
        assert!(line.starts_with(&format!("*{name}*\n")), "{line}");
        assert!(line.contains("Healthy") && line.contains("since 2026-W46"), "{line}");
    }
    assert!(
        text.contains("*Hold each other accountable*\n● 83 Healthy, up 4 points since 2026-W46"),
        "{text}"
    );
    assert!(
        text.contains(
            "• *Important*: <https://example.github.io/phoenix-health/actions/#group-overdue|1 action item 3 days overdue>"
        ),
        "{text}"
    );
    assert!(text.contains("<https://example.github.io/phoenix-health/|Open the dashboard>"), "{text}");
}

#[test]
fn teams_is_an_adaptive_card_message_with_the_same_content() {
    let v = summary(&["--format", "teams"]);
    teams_message(&v).unwrap_or_else(|e| panic!("{e}\n{v:#}"));
    let card = &v["attachments"][0]["content"];
    assert_eq!(card["version"], "1.4");
    assert_eq!(card["body"][0]["text"], "Phoenix team health, week 2026-W47");
    let facts = card["body"][4]["facts"].as_array().cloned().unwrap_or_default();
    let titles: Vec<&str> = facts.iter().filter_map(|f| f["title"].as_str()).collect();
    assert_eq!(titles, PRACTICES);
    assert_eq!(facts[3]["value"], "● 83 Healthy, up 4 points since 2026-W46 (better)");
    let text = all_text(card);
    assert!(
        text.contains("**Important**: [1 action item 3 days overdue](https://example.github.io/phoenix-health/actions/#group-overdue)"),
        "{text}"
    );
    assert_eq!(card["actions"][0]["type"], "Action.OpenUrl");
    assert_eq!(card["actions"][0]["url"], "https://example.github.io/phoenix-health/");
}

#[test]
fn at_most_three_attention_kinds_and_the_rest_counted() {
    // Mid-September the pair had many kinds of trouble at once.
    for format in ["slack", "teams"] {
        let v = summary(&["--format", format, "--as-of", "2026-09-15"]);
        let check = if format == "slack" { slack_message(&v) } else { teams_message(&v) };
        check.unwrap_or_else(|e| panic!("{format}: {e}\n{v:#}"));
        let text = all_text(&v);
        let mark = if format == "slack" { "*" } else { "**" };
        let shown: usize = ["Urgent", "Important", "Housekeeping"]
            .iter()
            .map(|word| text.matches(&format!("{mark}{word}{mark}:")).count())
            .sum();
        assert_eq!(shown, 3, "{format}: {text}");
        assert!(text.contains("more on the dashboard"), "{format}: {text}");
    }
}

#[test]
fn without_a_base_url_the_message_says_so_and_links_nothing() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path().join("data");
    common::copy_dir(&repo().join("sample-data"), &data);
    let settings = data.join("tandem.yaml");
    let text = std::fs::read_to_string(&settings).unwrap_or_default();
    let without: String =
        text.lines().filter(|l| !l.starts_with("base_url:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&settings, without).unwrap_or_else(|e| panic!("{e}"));
    for format in ["slack", "teams"] {
        let run = common::tandem(&["summary", "data", "--format", format], tmp.path());
        assert!(run.success(), "{}", run.stderr);
        let v: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}"));
        let check = if format == "slack" { slack_message(&v) } else { teams_message(&v) };
        check.unwrap_or_else(|e| panic!("{format}: {e}\n{v:#}"));
        // What people read: the blocks, or the card's body (its `$schema` is no link).
        let read = if format == "slack" { &v["blocks"] } else { &v["attachments"][0]["content"]["body"] };
        let all = all_text(read);
        assert!(all.contains("No link to the site: set base_url in tandem.yaml or pass --base-url"), "{all}");
        assert!(!all.contains("http"), "{format} links without a base URL: {all}");
        assert!(v["attachments"][0]["content"].get("actions").is_none(), "{v:#}");
    }
}

#[test]
fn the_shape_checks_can_fail() {
    let good = summary(&["--format", "slack"]);
    let mut broken = good.clone();
    broken["blocks"][0]["text"]["type"] = "mrkdwn".into();
    assert!(slack_message(&broken).is_err(), "a header takes plain_text only");
    let mut broken = good.clone();
    broken["blocks"][1]["text"]["text"] = "a <b> & c".into();
    assert!(slack_message(&broken).is_err(), "unescaped mrkdwn");
    let mut broken = good;
    broken["blocks"][3]["fields"] = Value::Array(vec![broken["blocks"][3]["fields"][0].clone(); 11]);
    assert!(slack_message(&broken).is_err(), "eleven fields");

    let good = summary(&["--format", "teams"]);
    let mut broken = good.clone();
    broken["type"] = "AdaptiveCard".into();
    assert!(teams_message(&broken).is_err(), "the wrapper must be a message");
    let mut broken = good.clone();
    broken["attachments"][0]["content"]["body"][4]["facts"][0].as_object_mut().map(|f| f.remove("value"));
    assert!(teams_message(&broken).is_err(), "a fact without a value");
    let mut broken = good;
    broken["attachments"][0]["content"]["actions"][0]["type"] = "Action.Submit".into();
    assert!(teams_message(&broken).is_err(), "Teams webhooks take no Action.Submit");
}
