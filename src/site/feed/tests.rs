#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::model::Project;
use crate::site::testdata::{REPORT_DATE, project};
use crate::site::{SiteOptions, render};

fn feed_of(project: &Project, base_url: Option<&str>) -> String {
    let opts = SiteOptions { base_url: base_url.map(String::from), ..Default::default() };
    let site = render(
        project,
        &crate::analysis::analyse(project, REPORT_DATE, crate::analysis::History::Full),
        &opts,
    )
    .unwrap();
    String::from_utf8(site.files["feed.xml"].clone()).unwrap()
}

/// A small well-formedness check (no dependency needed for this much): one
/// root element, every tag closed in order, attributes quoted and unique,
/// every `&` a known entity or a character reference, no raw `<` in text and
/// no character XML 1.0 forbids.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .ok_or("the XML declaration must come first")?;
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        check_text(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        let gt = rest[lt..].find('>').ok_or("a tag is not closed")? + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
        } else {
            let empty = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let (name, attributes) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || ":_-.".contains(c)) {
                return Err(format!("bad element name {name:?}"));
            }
            check_attributes(attributes)?;
            if stack.is_empty() {
                roots += 1;
            }
            if !empty {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    match (roots, stack.last(), rest.trim().is_empty()) {
        (1, None, true) => Ok(()),
        _ => Err(format!("{roots} roots, unclosed {stack:?}, trailing {rest:?}")),
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| (*c < ' ' && !"\t\n\r".contains(*c)) || *c == '<') {
        return Err(format!("character {c:?} in {text:?}"));
    }
    for (i, _) in text.match_indices('&') {
        let entity = text[i + 1..].split(';').next().unwrap_or("");
        let ok = ["amp", "lt", "gt", "quot", "apos"].contains(&entity)
            || entity
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || entity
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok || !text[i..].contains(';') {
            return Err(format!("bad entity in {text:?}"));
        }
    }
    Ok(())
}

fn check_attributes(mut rest: &str) -> Result<(), String> {
    let mut names = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(());
        }
        let (name, after) =
            rest.split_once("=\"").ok_or_else(|| format!("unquoted attribute in {rest:?}"))?;
        let (value, after) = after.split_once('"').ok_or("an attribute value is not closed")?;
        check_text(value)?;
        if names.contains(&name) {
            return Err(format!("attribute {name} twice"));
        }
        names.push(name);
        rest = after;
    }
}

#[test]
fn the_checker_catches_what_breaks_a_feed() {
    let ok = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a x=\"1\"><b/>&amp;&#39;&#x2F;</a>\n";
    assert_eq!(well_formed(ok), Ok(()));
    for bad in
        ["<a><b></a></b>", "<a>&nbsp;</a>", "<a>AT&T</a>", "<a x=1/>", "<a></a><a></a>", "<a>\u{1}</a>"]
    {
        let xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{bad}");
        assert!(well_formed(&xml).is_err(), "{bad}");
    }
}

#[test]
fn with_a_base_url_ids_and_links_are_absolute() {
    let feed = feed_of(&project(), Some("https://acme.example/phoenix"));
    well_formed(&feed).unwrap();
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<id>https://acme.example/phoenix/feed.xml</id>"), "{feed}");
    assert!(feed.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://acme.example/phoenix/feed.xml\"/>"
    ));
    assert!(feed.contains("<id>https://acme.example/phoenix/weeks/2026-W42/</id>"), "{feed}");
    assert!(feed.contains("href=\"https://acme.example/phoenix/weeks/2026-W42/\""), "{feed}");
    assert!(feed.contains("<updated>2026-10-16T00:00:00Z</updated>"));
}

#[test]
fn one_entry_per_week_newest_first_with_the_week_summary() {
    let feed = feed_of(&project(), None);
    well_formed(&feed).unwrap();
    let titles: Vec<&str> =
        feed.split("<entry>").skip(1).map(|e| e.split("</title>").next().unwrap_or("")).collect();
    assert_eq!(titles.len(), 2);
    assert!(titles[0].contains("Phoenix team health, 2026-W42: "), "{titles:?}");
    assert!(titles[1].contains("Phoenix team health, 2026-W41: "), "{titles:?}");
    // the newest week's entry is updated on the report date, the one before on its Sunday
    assert_eq!(feed.matches("<updated>2026-10-16T00:00:00Z</updated>").count(), 2, "feed and newest entry");
    assert!(feed.contains("<updated>2026-10-11T00:00:00Z</updated>"));
    assert!(feed.contains("<li>Collaborate on the backlog: "));
    assert!(feed.contains("<p>Needs attention:</p>"), "{feed}");
    assert!(
        feed.contains("since 2026-W41 (better).</p>") || feed.contains("since 2026-W41 (worse).</p>"),
        "{feed}"
    );
}

#[test]
fn without_a_base_url_ids_are_tag_uris_and_links_relative() {
    let feed = feed_of(&project(), None);
    assert!(feed.contains("<id>tag:tandem,2026:phoenix</id>"), "{feed}");
    assert!(feed.contains("<id>tag:tandem,2026:phoenix/2026-W42</id>"), "{feed}");
    assert!(feed.contains("href=\"weeks/2026-W42/index.html\""), "{feed}");
    assert!(!feed.contains("href=\"http"), "{feed}");
    assert!(!feed.contains("rel=\"self\""));
}

#[test]
fn data_is_escaped_and_private_or_later_text_left_out() {
    let mut p = project();
    p.team.name = "Ph<o>enix & \"co\" 'x'\u{1}".into();
    let feed = feed_of(&p, None);
    well_formed(&feed).unwrap();
    assert!(feed.contains("Ph&lt;o&gt;enix &amp; &quot;co&quot; &#39;x&#39; team health"), "{feed}");
    assert!(!feed.contains('\u{1}'));
    assert!(!feed.contains("SECRET") && !feed.contains("FUTURE") && !feed.contains("Future review"));
    assert_eq!(feed, feed_of(&p, None), "same data, same bytes");
}

#[test]
fn every_page_points_at_the_feed() {
    let opts = SiteOptions::default();
    let site = render(
        &project(),
        &crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Full),
        &opts,
    )
    .unwrap();
    let index = String::from_utf8(site.files["index.html"].clone()).unwrap();
    assert!(index.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Phoenix team health\" href=\"./feed.xml\">"));
    let note = String::from_utf8(site.files["notes/index.html"].clone()).unwrap();
    assert!(note.contains("href=\"../feed.xml\""));
}
