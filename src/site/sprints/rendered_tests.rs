//! The section pages as rendered: escaping, ids, fragment links, privacy.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use super::fixture::project;
use crate::site::testdata::REPORT_DATE;
use crate::site::{Site, SiteOptions, render};

const SECTIONS: [&str; 5] = ["weeks/", "sprints/", "backlog/", "actions/", "decisions/"];

fn site() -> Site {
    let mut p = project();
    p.sprints[1].name = "Sprint <21> & \"co\"".into();
    render(
        &p,
        &crate::analysis::analyse(&p, REPORT_DATE, crate::analysis::History::Full),
        &SiteOptions::default(),
    )
    .unwrap()
}

fn section_pages(site: &Site) -> Vec<(&str, &str)> {
    site.files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && SECTIONS.iter().any(|s| p.starts_with(s)))
        .map(|(p, b)| (p.as_str(), std::str::from_utf8(b).unwrap()))
        .collect()
}

fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[test]
fn every_section_page_exists() {
    let site = site();
    let paths: Vec<&str> = section_pages(&site).iter().map(|(p, _)| *p).collect();
    assert_eq!(
        paths,
        [
            "actions/index.html",
            "backlog/index.html",
            "decisions/index.html",
            "sprints/index.html",
            "sprints/s20/index.html",
            "sprints/s21/index.html",
            "weeks/2026-W39/index.html",
            "weeks/2026-W40/index.html",
            "weeks/2026-W41/index.html",
            "weeks/2026-W42/index.html",
            "weeks/index.html",
        ]
    );
}

#[test]
fn user_text_is_escaped_everywhere() {
    let site = site();
    for (path, html) in section_pages(&site) {
        assert!(!html.contains("<script") && !html.contains("<21>") && !html.contains("<cards>"), "{path}");
    }
    let index = std::str::from_utf8(&site.files["sprints/index.html"]).unwrap();
    assert!(index.contains("Sprint &lt;21&gt; &amp; &quot;co&quot;"), "{index}");
    let page = std::str::from_utf8(&site.files["sprints/s21/index.html"]).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
    assert!(page.contains("Saved &lt;cards&gt; &amp; more"), "{page}");
}

#[test]
fn ids_are_unique_and_every_fragment_link_lands() {
    let site = site();
    for (path, html) in section_pages(&site) {
        let all = ids(html);
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "{path} repeats an id: {all:?}");
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for target in html.split(" href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            let Some((file, fragment)) = target.split_once('#') else { continue };
            if file.is_empty() {
                assert!(unique.contains(fragment), "{path}: #{fragment} missing");
                continue;
            }
            let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            for part in file.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            let resolved = parts.join("/");
            let target_html = std::str::from_utf8(&site.files[&resolved]).unwrap();
            assert!(ids(target_html).contains(&fragment), "{path}: {target} has no #{fragment}");
        }
    }
}

#[test]
fn decisions_link_items_to_their_rows() {
    let site = site();
    let page = std::str::from_utf8(&site.files["decisions/index.html"]).unwrap();
    assert!(
        page.contains("href=\"../sprints/s21/index.html#item-phx-101\"><code>PHX-101</code></a>"),
        "{page}"
    );
    assert!(page.contains("href=\"../backlog/index.html#item-phx-112\""), "{page}");
    assert!(page.contains("<code>PHX-999</code>") && !page.contains("#item-phx-999"), "{page}");
    assert!(page.contains("<span aria-hidden=\"true\">⇄</span> Compromise</span>"), "{page}");
}

#[test]
fn private_text_stays_out_of_every_file() {
    let site = site();
    for (path, bytes) in &site.files {
        assert!(!String::from_utf8_lossy(bytes).contains("SECRET"), "{path} leaks private text");
    }
    let actions = std::str::from_utf8(&site.files["actions/index.html"]).unwrap();
    assert!(actions.contains("An action item from a private note"), "{actions}");
    assert!(actions.contains(">Private note, Fri 9 Oct 2026</a>"), "{actions}");
}

#[test]
fn tables_have_captions_and_scoped_headers() {
    let site = site();
    for (path, html) in section_pages(&site) {
        assert_eq!(html.matches("<table").count(), html.matches("<caption").count(), "{path}");
        assert!(!html.contains("<th>"), "{path}: every th needs a scope");
    }
}

#[test]
fn same_data_same_bytes() {
    assert_eq!(site(), site());
}
