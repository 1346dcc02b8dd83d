#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use super::testdata::{REPORT_DATE, project};
use super::*;
use crate::options::{Flags, Options};
use jiff::Timestamp;

fn build(opts: &SiteOptions) -> Site {
    render(
        &project(),
        &crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Full),
        opts,
    )
    .unwrap()
}

fn text<'a>(site: &'a Site, path: &str) -> &'a str {
    let bytes = site.files.get(path).unwrap_or_else(|| panic!("no {path} in {:?}", site.files.keys()));
    std::str::from_utf8(bytes).unwrap()
}

fn pages(site: &Site) -> impl Iterator<Item = (&String, &str)> {
    site.files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p, std::str::from_utf8(b).unwrap()))
}

#[test]
fn renders_every_page_of_the_cli_layout() {
    let site = build(&SiteOptions::default());
    let paths: Vec<&str> = site.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        vec![
            ".nojekyll",
            "404.html",
            "actions/index.html",
            "assets/style.css",
            "backlog/index.html",
            "decisions/index.html",
            "feed.xml",
            "flow/index.html",
            "index.html",
            "metrics.json",
            "notes/2026-09-28-retro/index.html",
            "notes/2026-10-05-planning/index.html",
            "notes/2026-10-09-sync/index.html",
            "notes/index.html",
            "sprints/index.html",
            "sprints/s21/index.html",
            "summary.md",
            "summary/index.html",
            "weeks/2026-W41/index.html",
            "weeks/2026-W42/index.html",
            "weeks/index.html",
        ]
    );
    assert_eq!(site.page_count(), 16);
    assert!(site.files[".nojekyll"].is_empty());
    assert!(text(&site, "assets/style.css").contains("prefers-color-scheme: dark"));
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(build(&SiteOptions::default()), build(&SiteOptions::default()));
}

#[test]
fn every_page_has_the_accessible_skeleton() {
    let site = build(&SiteOptions::default());
    for (path, html) in pages(&site) {
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{path}");
        assert_eq!(html.matches("<h1").count(), 1, "{path} needs exactly one h1");
        assert_eq!(html.matches("<title>").count(), 1, "{path}");
        for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer", "href=\"#main\""] {
            assert!(html.contains(landmark), "{path} lacks {landmark}");
        }
        assert!(!html.contains("<script"), "{path} has a script");
    }
}

#[test]
fn notes_after_the_report_date_are_left_out() {
    let site = build(&SiteOptions::default());
    for (path, html) in pages(&site) {
        assert!(!html.contains("Future review") && !html.contains("FUTURE"), "{path}");
    }
}

#[test]
fn private_text_is_never_published() {
    let site = build(&SiteOptions::default());
    for (path, bytes) in &site.files {
        assert!(!String::from_utf8_lossy(bytes).contains("SECRET"), "{path} leaks private text");
    }
    let page = text(&site, "notes/2026-10-09-sync/index.html");
    assert!(page.contains("This note is private"), "{page}");
    assert!(page.contains("1 action item"), "{page}");
    assert!(page.contains("1 decision"), "{page}");
    assert!(page.contains("Alice Chen"), "{page}");
    assert!(text(&site, "notes/index.html").contains("tag-private"));
}

#[test]
fn yaml_and_note_strings_are_escaped() {
    let site = build(&SiteOptions::default());
    let index = text(&site, "notes/index.html");
    assert!(index.contains("PO &lt;b&gt;sync&lt;/b&gt; &amp; &quot;notes&quot;"), "{index}");
    assert!(!index.contains("<b>sync"), "{index}");
    let planning = text(&site, "notes/2026-10-05-planning/index.html");
    assert!(!planning.contains("onerror") && !planning.contains("pwned"), "{planning}");
}

#[test]
fn notes_index_groups_by_month_newest_first() {
    let site = build(&SiteOptions::default());
    let index = text(&site, "notes/index.html");
    let pos = |needle: &str| index.find(needle).unwrap_or_else(|| panic!("{needle} missing in {index}"));
    assert!(pos("October 2026") < pos("September 2026"));
    assert!(pos("PO &lt;b&gt;") < pos("Sprint 21 planning"));
    assert!(pos("Sprint 21 planning") < pos("Sprint 20 retro"));
    assert!(index.contains("3 meetings from Mon 28 Sep 2026 to Fri 9 Oct 2026."), "{index}");
    assert!(index.contains("3 people · 2 action items · 1 decision"), "{index}");
    assert!(index.contains("<time datetime=\"2026-10-05\">Mon 5 Oct</time>"), "{index}");
    assert!(index.contains("aria-current=\"page\">Notes</a>"), "{index}");
}

#[test]
fn a_note_page_shows_header_contributions_and_body() {
    let site = build(&SiteOptions::default());
    let page = text(&site, "notes/2026-10-05-planning/index.html");
    for needle in [
        "<title>Sprint 21 planning · Phoenix team health</title>",
        "<time datetime=\"2026-10-05\">Mon 5 Oct 2026</time>",
        "Sprint planning",
        "href=\"../../sprints/s21/index.html\">Sprint 21</a>",
        "Alice Chen</span> <span class=\"person-role\">Product owner",
        "Dana from Sales</span> <span class=\"person-role\">Guest",
        "Split PHX-101 @bob due 2026-10-09",
        "Bob Okafor · due <time datetime=\"2026-10-09\">Fri 9 Oct 2026</time>",
        "No owner",
        "Keep the goal small #compromise <span class=\"tag tag-compromise\">Compromise</span>",
        "<code>PHX-101</code>",
        "<h3>Agenda</h3>",
        "<span class=\"task-mark\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>",
        "<td class=\"align-right\">5</td>",
        "href=\"../../assets/style.css\"",
        "class=\"pager-older\" href=\"../../notes/2026-09-28-retro/index.html\"",
        "class=\"pager-newer\" href=\"../../notes/2026-10-09-sync/index.html\"",
    ] {
        assert!(page.contains(needle), "missing {needle} in {page}");
    }
}

/// Sections the next pages will fill; links to them are expected to dangle
/// until then. Remove an entry when its page exists.
const NOT_YET_BUILT: [&str; 0] = [];

#[test]
fn every_internal_link_resolves() {
    let site = build(&SiteOptions::default());
    for (path, html) in pages(&site) {
        let dir: Vec<&str> = path.split('/').rev().skip(1).collect::<Vec<_>>().into_iter().rev().collect();
        for target in html.split(" href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            if target.starts_with('#') || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').map_or((target, None), |(f, id)| (f, Some(id)));
            let mut parts: Vec<&str> = dir.clone();
            for part in file.split('/') {
                match part {
                    ".." => assert!(parts.pop().is_some(), "{path}: {target} climbs out of the site"),
                    "." | "" => {}
                    p => parts.push(p),
                }
            }
            let resolved = parts.join("/");
            assert!(
                site.files.contains_key(&resolved) || NOT_YET_BUILT.contains(&resolved.as_str()),
                "{path}: {target} -> {resolved} does not exist"
            );
            if let (Some(id), Some(page)) = (fragment, site.files.get(&resolved)) {
                let page = String::from_utf8_lossy(page);
                assert!(
                    page.contains(&format!(" id=\"{id}\"")),
                    "{path}: {target}: no id {id} in {resolved}"
                );
            }
        }
    }
}

#[test]
fn base_url_fills_canonical_links_and_the_404_page_only() {
    let opts = SiteOptions { base_url: Some("https://acme.github.io/phoenix".into()), ..Default::default() };
    let site = build(&opts);
    let note = text(&site, "notes/2026-10-05-planning/index.html");
    assert!(
        note.contains(
            "<link rel=\"canonical\" href=\"https://acme.github.io/phoenix/notes/2026-10-05-planning/\">"
        ),
        "{note}"
    );
    assert!(note.contains("href=\"../../assets/style.css\""), "internal links stay relative");
    let missing = text(&site, "404.html");
    assert!(missing.contains("href=\"https://acme.github.io/phoenix/assets/style.css\""), "{missing}");
    assert!(!missing.contains("rel=\"canonical\""), "{missing}");

    let served = build(&SiteOptions { base_url: Some("/".into()), ..Default::default() });
    let missing = text(&served, "404.html");
    assert!(missing.contains("href=\"/assets/style.css\""), "{missing}");
    assert!(text(&served, "feed.xml").contains("href=\"/feed.xml\""));

    let plain = build(&SiteOptions::default());
    assert!(!text(&plain, "notes/index.html").contains("canonical"));
    // Without a base URL, root-relative: the page works at any depth of the host.
    let missing = text(&plain, "404.html");
    assert!(missing.contains("href=\"/assets/style.css\""), "{missing}");
    assert!(missing.contains("href=\"/index.html\""), "{missing}");
    assert!(!missing.contains("href=\"./"), "{missing}");
}

#[test]
fn settings_base_url_is_used_when_no_flag_is_given() {
    let mut p = project();
    p.settings.base_url = Some("https://from.yaml/".into());
    let analysis = crate::analysis::analyse(&p, REPORT_DATE, crate::analysis::History::Full);
    let site = render(&p, &analysis, &Options::from_settings(&p.settings, REPORT_DATE).site).unwrap();
    assert!(text(&site, "notes/index.html").contains("https://from.yaml/notes/"));
    let flag = Flags { base_url: Some("https://flag/".into()), ..Flags::default() };
    let site = render(&p, &analysis, &flag.resolve(&p.settings, Timestamp::UNIX_EPOCH).site).unwrap();
    assert!(text(&site, "notes/index.html").contains("https://flag/notes/"));
}

#[test]
fn a_block_override_changes_every_page() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("base.html"),
        "{% extends \"builtin/base.html\" %}{% block footer %}Kept by the Phoenix team{% endblock footer %}",
    )
    .unwrap();
    let opts = SiteOptions { templates_dir: Some(dir.path().into()), ..Default::default() };
    let site = build(&opts);
    for (path, html) in pages(&site) {
        assert!(html.contains("Kept by the Phoenix team"), "{path}");
        assert!(!html.contains("built by tandem"), "{path}");
    }
}

#[test]
fn a_broken_override_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("notes")).unwrap();
    fs::write(dir.path().join("notes/note.html"), "{% extends \"base.html\" %}\n{% block main %}{{ oops(\n")
        .unwrap();
    let opts = SiteOptions { templates_dir: Some(dir.path().into()), ..Default::default() };
    let err = render(
        &project(),
        &crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Full),
        &opts,
    )
    .unwrap_err();
    let message = err.to_string();
    let file = dir.path().join("notes/note.html");
    assert!(message.starts_with(&format!("{}: invalid template: ", file.display())), "{message}");
    assert!(message.contains(":2:"), "line number expected: {message}");
}

#[test]
fn an_override_using_a_missing_variable_names_the_page() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("404.html"), "{{ no_such_thing }}").unwrap();
    let opts = SiteOptions { templates_dir: Some(dir.path().into()), ..Default::default() };
    let err = render(
        &project(),
        &crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Full),
        &opts,
    )
    .unwrap_err();
    assert!(matches!(err, SiteError::Render { .. }), "{err}");
    assert!(err.to_string().starts_with("page 404.html: could not render template 404.html: "), "{err}");
}

#[test]
fn no_notes_still_gives_a_friendly_index() {
    let mut p = project();
    p.notes.clear();
    let site = render(
        &p,
        &crate::analysis::analyse(&p, REPORT_DATE, crate::analysis::History::Full),
        &SiteOptions::default(),
    )
    .unwrap();
    let index = text(&site, "notes/index.html");
    assert!(index.contains("No meeting notes yet."), "{index}");
    // Every other page still renders: only the three note pages are gone.
    assert_eq!(site.page_count(), 13);
}

#[test]
fn a_note_of_kind_other_and_an_action_owned_by_a_guest() {
    let mut p = project();
    let note = p.notes.iter_mut().find(|n| n.path.contains("2026-10-05-planning")).unwrap();
    note.kind = crate::model::NoteKind::Other;
    let action = note.actions.iter_mut().find(|a| a.owners.is_empty()).unwrap();
    action.guests = vec!["@jdoe".to_string()];
    let site = render(
        &p,
        &crate::analysis::analyse(&p, REPORT_DATE, crate::analysis::History::Full),
        &SiteOptions::default(),
    )
    .unwrap();
    let page = text(&site, "notes/2026-10-05-planning/index.html");
    assert!(!page.contains("<dt>Meeting</dt><dd>Meeting</dd>"), "{page}");
    assert!(page.contains("<dt>Kind of meeting</dt><dd>Other</dd>"), "{page}");
    assert!(!page.contains("No owner"), "{page}");
    assert!(page.contains("@jdoe"), "{page}");
    let actions = text(&site, "actions/index.html");
    assert!(actions.contains("<span>@jdoe</span>"), "{actions}");
}

/// Counts what it is handed and refuses `feed.xml`.
#[derive(Default)]
struct Refusing(std::sync::Mutex<Vec<String>>);

impl Sink for Refusing {
    type Error = std::io::Error;

    fn put(&self, path: &str, _bytes: Vec<u8>) -> Result<(), std::io::Error> {
        if path == "feed.xml" {
            return Err(std::io::Error::other("disk full"));
        }
        self.0.lock().unwrap().push(path.to_string());
        Ok(())
    }
}

#[test]
fn render_into_hands_over_every_file_of_render_and_stops_at_a_sink_error() {
    let p = project();
    let analysis = crate::analysis::analyse(&p, REPORT_DATE, crate::analysis::History::Full);
    let whole = render(&p, &analysis, &SiteOptions::default()).unwrap();
    let streamed = Collect::default();
    render_into(&p, &analysis, &SiteOptions::default(), &streamed).unwrap();
    assert_eq!(streamed.0.into_inner().unwrap(), whole.files);

    let refusing = Refusing::default();
    let err = render_into(&p, &analysis, &SiteOptions::default(), &refusing).unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    assert!(!refusing.0.into_inner().unwrap().iter().any(|path| path.starts_with("actions/")));
}

#[test]
fn a_public_site_has_no_note_pages_and_no_note_text() {
    let public = build(&SiteOptions { public: true, ..SiteOptions::default() });
    let notes: Vec<&str> =
        public.files.keys().map(String::as_str).filter(|p| p.starts_with("notes/")).collect();
    assert_eq!(notes, vec!["notes/index.html"]);
    let secrets = [
        "Sprint 21 planning",
        "Sprint 20 retro",
        "Review the goal",
        "Split PHX-101",
        "Keep the goal small",
        "Went well",
        "pairing",
        "SECRET",
        "PO &lt;b&gt;sync",
    ];
    for (path, bytes) in &public.files {
        let text = String::from_utf8_lossy(bytes);
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} in {path}");
        }
        // metrics.json names notes by their file (`notes/2026-09-28-retro.md`), no page by its folder.
        for page in ["notes/2026-09-28-retro/", "notes/2026-10-05-planning/", "notes/2026-10-09-sync/"] {
            assert!(!text.contains(page), "{path} links {page}");
        }
    }
    // What stays: decisions counted by meeting with their items and
    // compromises; action items counted by state and month, with no owner.
    let decisions = text(&public, "decisions/index.html");
    assert!(
        decisions.contains(
            "1 decision at a sprint planning; a compromise. <span class=\"meta\">Items: <code>PHX-101</code>"
        ),
        "{decisions}"
    );
    assert!(!decisions.contains("Decision taken at"), "{decisions}");
    let actions = text(&public, "actions/index.html");
    assert!(actions.contains("<li id=\"group-overdue\">1 overdue, oldest 7 days.</li>"), "{actions}");
    assert!(actions.contains("<th scope=\"row\">October 2026</th><td class=\"num\">3</td>"), "{actions}");
    assert!(!actions.contains("Action item 1") && !actions.contains("Bob Okafor"), "{actions}");
    let list = text(&public, "notes/index.html");
    assert!(
        list.contains("Sprint planning")
            && list.contains("3 people")
            && !list.contains("<a href=\"../notes/2")
    );

    // The setting does the same, and the flag wins over it.
    let mut project = project();
    project.settings.public = true;
    let analysis = crate::analysis::analyse(&project, REPORT_DATE, crate::analysis::History::Full);
    let from_yaml = Options::from_settings(&project.settings, REPORT_DATE).site;
    assert_eq!(render(&project, &analysis, &from_yaml).unwrap(), public);
    let flag = Flags { public: Some(false), ..Flags::default() }
        .resolve(&project.settings, Timestamp::UNIX_EPOCH)
        .site;
    let team = render(&project, &analysis, &flag).unwrap();
    assert_eq!(team, build(&SiteOptions::default()));
}
