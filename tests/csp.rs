//! The Content-Security-Policy every page carries (templates/base.html), and
//! that no page of the sample site needs anything it forbids: no inline
//! style or script, no event handler, nothing from another host. The
//! browser suite checks the same in Chromium (securitypolicyviolation).

mod common;

use std::path::Path;
use std::sync::OnceLock;

/// The policy, word for word: `tandem serve` rewrites `script-src 'none'`
/// to allow its reload script, so this text must not drift.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                   style-src 'self'; img-src 'self' data:; script-src 'none'; frame-src 'none'; \
                   base-uri 'none'; form-action 'none'\">";

fn site() -> &'static Path {
    static SITE: OnceLock<std::path::PathBuf> = OnceLock::new();
    SITE.get_or_init(|| common::build_sample_site("csp-sample").0)
}

/// Every file of the site with the given extension, relative path and text.
fn files(ext: &str) -> Vec<(String, String)> {
    let root = site();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == ext) {
            let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
            found.push((rel, std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"))));
        }
    }
    found
}

/// `on…=` attributes: a space, `on`, letters, `=`. Text never has a raw `<`
/// in it, but attribute values and text may say "on=" in words, so only
/// what sits inside a tag counts.
fn event_handlers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        // Attribute values may hold anything: look between them only.
        for (i, outside) in tag.split('"').enumerate() {
            if i % 2 == 1 {
                continue;
            }
            for word in outside.split_whitespace() {
                let name = word.split('=').next().unwrap_or_default().to_ascii_lowercase();
                if word.contains('=')
                    && name.len() > 2
                    && name.starts_with("on")
                    && name[2..].chars().all(|c| c.is_ascii_alphabetic())
                {
                    found.push(word.to_string());
                }
            }
        }
    }
    found
}

#[test]
fn every_page_carries_the_policy_once_right_after_its_charset() {
    let pages = files("html");
    assert!(pages.len() > 100, "only {} pages", pages.len());
    for (path, html) in &pages {
        assert_eq!(html.matches("Content-Security-Policy").count(), 1, "{path}");
        assert_eq!(html.matches(CSP).count(), 1, "{path} has not the exact policy");
        let head = html.split("<head>").nth(1).unwrap_or_default();
        assert!(
            head.trim_start().starts_with(&format!("<meta charset=\"utf-8\">\n{CSP}")),
            "{path}: the policy should follow <meta charset> at the top of <head>"
        );
    }
}

#[test]
fn no_page_needs_what_the_policy_forbids() {
    for (path, html) in files("html") {
        let lower = html.to_ascii_lowercase();
        for bad in ["style=", "<style", "<script", "javascript:", "<iframe", "<object", "<embed", "<form"] {
            assert!(!lower.contains(bad), "{path} has {bad}");
        }
        let handlers = event_handlers(&html);
        assert!(handlers.is_empty(), "{path} has event handlers {handlers:?}");
        // Nothing is loaded from another host: sources and stylesheets are the
        // site's own (404.html links absolutely to the site's own base URL).
        for attr in ["src=\"http", "src=\"//", "srcset="] {
            assert!(!lower.contains(attr), "{path} loads {attr}");
        }
        for link in html.split("<link ").skip(1) {
            let href = link.split("href=\"").nth(1).and_then(|h| h.split('"').next()).unwrap_or_default();
            let own = !href.contains("//") || href.starts_with("https://example.github.io/phoenix-health/");
            assert!(own, "{path} links {href}");
        }
    }
}

#[test]
fn the_stylesheet_loads_nothing_from_elsewhere() {
    let css = files("css");
    assert!(!css.is_empty());
    for (path, text) in css {
        let lower = text.to_ascii_lowercase();
        for bad in ["@import", "url(http", "url(//", "url(\"http", "url('http", "@font-face"] {
            assert!(!lower.contains(bad), "{path} has {bad}");
        }
    }
}

#[test]
fn the_handler_finder_finds_handlers() {
    assert_eq!(event_handlers("<img src=\"x\" onerror=\"a()\">"), vec!["onerror=".to_string()]);
    assert_eq!(event_handlers("<a href=x OnClick=y>"), vec!["OnClick=y".to_string()]);
    assert!(event_handlers("<p title=\"x onclick=y\">turn on=off</p>").is_empty());
}

/// A `--templates` page that replaces the whole `head` block (without
/// `super()`) still carries the policy: it sits outside that block.
#[test]
fn an_override_of_the_head_block_keeps_the_policy() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block head %}<title>Lost</title>{% endblock head %}\
         {% block main %}<h1>Lost</h1>{% endblock main %}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out = tmp.path().join("site");
    let run = common::tandem(
        &[
            "build",
            &sample.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--templates",
            &templates.to_string_lossy(),
        ],
        tmp.path(),
    );
    assert!(run.success(), "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("404.html")).unwrap_or_else(|e| panic!("{e}"));
    assert!(page.contains("<title>Lost</title>"), "the override is used: {page}");
    assert_eq!(page.matches(CSP).count(), 1, "{page}");
}
