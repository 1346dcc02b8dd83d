//! Properties checked on generated inputs (proptest), in the normal test run:
//! whatever a note says, reading it never panics, and what the site renders
//! from its body holds no script: no `<script>` element, no `on*` event
//! attribute, no `javascript:` link; nor anything the pages'
//! Content-Security-Policy would block: no `<style>` element, no `style`
//! attribute, no image from another host. The fuzz targets in `fuzz/` push the
//! same code much further (see fuzz/README.md); these keep the promise in
//! every `cargo test`.
//!
//! Case counts are kept small so the file runs in a few seconds; a failure
//! prints the shrunk input, and proptest saves it in
//! `tests/properties.proptest-regressions` to be replayed first next time.

use std::sync::LazyLock;

use proptest::prelude::*;
use tandem::diagnostics::Diagnostics;
use tandem::load::notes::{NoteContext, parse_note};
use tandem::load::{sprints, team, yaml};
use tandem::model::{DateOrder, Sprint, Team};
use tandem::site::markdown::{Placement, to_html};

static TEAM: LazyLock<Team> = LazyLock::new(|| {
    let mut d = Diagnostics::new();
    let node = yaml::parse(include_str!("../sample-data/team.yaml"), "team.yaml", 0, &mut d)
        .unwrap_or_else(|| panic!("the sample team.yaml parses"));
    team::read_team(&node, "team.yaml", &mut d).unwrap_or_else(|| panic!("the sample team.yaml reads"))
});

static SPRINTS: LazyLock<Vec<Sprint>> = LazyLock::new(|| {
    let mut d = Diagnostics::new();
    let node = yaml::parse(include_str!("../sample-data/sprints/s22.yaml"), "sprints/s22.yaml", 0, &mut d)
        .unwrap_or_else(|| panic!("the sample sprint parses"));
    let located = sprints::read_sprint(&node, "sprints/s22.yaml", "s22", Some(&TEAM), &mut d);
    sprints::check_sprints(located.into_iter().collect(), &mut d)
});

fn parse(path: &str, text: &str, date_order: Option<DateOrder>) -> Option<tandem::model::Note> {
    let ctx = NoteContext { team: &TEAM, sprints: &SPRINTS, date_order };
    parse_note(path, text, &ctx, &mut Diagnostics::new())
}

/// Pieces of hostile notes: Markdown, raw HTML, scripts, event handlers,
/// `javascript:` links, entities, odd Unicode and note structure.
const PIECES: &[&str] = &[
    "# Sprint 22 planning",
    "## Action items",
    "## Decisions",
    "**Attendees:** Priya, Marco, @guest",
    "- [ ] @priya fix the build by 2026-11-12",
    "- [x] done",
    "* ",
    "> ",
    "```",
    "```html",
    "    indented code",
    "| a | b |\n|---|:-:|\n| 1 | 2 |",
    "[^1]\n\n[^1]: a footnote <script>alert(1)</script>",
    "---\ndate: 2026-11-09\ntitle: <script>alert(1)</script>\n---",
    "---",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script",
    "</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<IMG SRC=x OnErRoR=alert(1)//",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onclick='alert(1)'>click</div>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=x>",
    "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "[link](javascript:alert(1))",
    "[link](JaVaScRiPt:alert(1) \"title\")",
    "[link](<javascript:alert(1)>)",
    "![image](javascript:alert(1) \"onerror=alert(1)\")",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "# Heading {onclick=alert(1)}",
    "# Heading {#main .x onmouseover=alert(1) data-x=\"y\"}",
    "[x](#main)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "&amp;lt;script&amp;gt;",
    "&nbsp;&copy;&#0;&#xFFFFFF;",
    "\u{feff}",
    "\u{202e}evil\u{202c}",
    "\u{0}",
    "\r\n",
    "\r",
    "＜script＞alert(1)＜/script＞",
    "<scrіpt>alert(1)</scrіpt>",
    "😀 ẞ ﬃ",
    "\\<script>",
    "`<script>alert(1)</script>`",
    "~~<script>~~",
    "**<img src=x onerror=alert(1)>**",
    "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "<td style=\"text-align:right\">1</td>",
    "![pixel](https://tracker.example/p.png)",
    "![pixel](//tracker.example/p.png \"t\")",
    "<img src=\"https://tracker.example/p.png\">",
    "<img src=\\\\tracker.example\\p.png>",
    "<img srcset=\"https://tracker.example/p.png 2x\">",
];

/// A hostile note: pieces from [`PIECES`] and free text, joined by spaces or
/// line breaks, sometimes opened by a date so that the note is not skipped.
fn hostile_note() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => "[<>\"'=/ a-z&#;:\n]{0,16}",
    ];
    let joiner = proptest::sample::select(&["", " ", "\n", "\n\n"][..]);
    let date =
        proptest::sample::select(&["", "# 2026-11-09 planning\n\n", "---\ndate: 2026-11-09\n---\n"][..]);
    (date, proptest::collection::vec((piece, joiner), 0..24)).prop_map(|(date, parts)| {
        let mut text = date.to_string();
        for (p, j) in parts {
            text.push_str(&p);
            text.push_str(j);
        }
        text
    })
}

/// Every problem with `html` as a page would run it: a `<script>` element,
/// an `on*` attribute, or a link, source or action to `javascript:`; and
/// whatever the pages' CSP would block: a `<style>` element, a `style`
/// attribute, a source on another host.
///
/// The output is ammonia's serialisation: text has `<` escaped, so every
/// `<` opens a tag; attribute values are quoted and may hold `<` and `>`.
fn script_in(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let mut j = i + off + 1;
        if b.get(j) == Some(&b'/') {
            j += 1;
        }
        let start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let tag = html[start..j].to_ascii_lowercase();
        if tag == "script" || tag == "style" {
            found.push(format!("a <{tag}> element"));
        }
        // Attributes up to `>`.
        while !tag.is_empty() && j < b.len() && b[j] != b'>' {
            if b[j].is_ascii_whitespace() || b[j] == b'/' {
                j += 1;
                continue;
            }
            let name_start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            let mut value = "";
            if b.get(j) == Some(&b'=') {
                j += 1;
                let quote = b.get(j).copied().filter(|q| *q == b'"' || *q == b'\'');
                let value_start = j + usize::from(quote.is_some());
                j = value_start;
                while j < b.len() && quote.map_or(!b[j].is_ascii_whitespace() && b[j] != b'>', |q| b[j] != q)
                {
                    j += 1;
                }
                value = &html[value_start..j.min(b.len())];
                j += usize::from(quote.is_some());
            }
            if name.starts_with("on") || name == "style" {
                found.push(format!("an `{name}` attribute"));
            }
            // What a browser reads: the serialiser writes only these three entities in a value.
            let decoded = value.replace("&quot;", "\"").replace("&nbsp;", "\u{a0}").replace("&amp;", "&");
            let squeezed: String = decoded
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            if ["href", "src", "action", "formaction", "xlink:href", "data"].contains(&name.as_str())
                && squeezed.starts_with("javascript:")
            {
                found.push(format!("`{name}=\"{value}\"`"));
            }
            let from_elsewhere = squeezed.replace('\\', "/").starts_with("//")
                || squeezed
                    .split_once(':')
                    .is_some_and(|(scheme, _)| !scheme.contains(['/', '?', '#']) && scheme != "data");
            if ["src", "srcset", "poster", "background"].contains(&name.as_str()) && from_elsewhere {
                found.push(format!("`{name}=\"{value}\"` from another host"));
            }
        }
        i = (j + 1).min(html.len()).max(i + off + 1);
    }
    found
}

#[test]
fn the_checker_sees_what_it_must() {
    assert!(script_in("<p>a &lt;script&gt; b</p>").is_empty());
    assert!(script_in("<img title=\"<script> onerror=x\" src=\"x\">").is_empty());
    assert!(!script_in("<script>x</script>").is_empty());
    assert!(!script_in("<img src=\"x\" onerror=\"alert(1)\">").is_empty());
    assert!(!script_in("<a title=\"a > b\" OnClick=x>").is_empty());
    assert!(!script_in("<a href=\" javascript:alert(1)\">").is_empty());
    assert!(!script_in("<a href=x onmouseover=y>").is_empty());
    assert!(!script_in("<style>p{}</style>").is_empty());
    assert!(!script_in("<td style=\"text-align:right\">").is_empty());
    assert!(!script_in("<img src=\"https://e.example/p.png\">").is_empty());
    assert!(!script_in("<img src=\"//e.example/p.png\">").is_empty());
    assert!(script_in("<img src=\"../a.png\"><a href=\"https://e.example\">x</a>").is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any text at all, as a dated or an undated file name, in either date order.
    #[test]
    fn any_note_text_parses_without_panic(text in "\\PC*", dated in any::<bool>(), order in 0..3u8) {
        let path = if dated { "notes/2026-11-09-planning.md" } else { "notes/retro.md" };
        let order = [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)][usize::from(order)];
        let _ = parse(path, &text, order);
    }

    /// Note-shaped text (front matter, headings, labels, lists, dates).
    #[test]
    fn hostile_note_text_parses_without_panic(text in hostile_note()) {
        let _ = parse("notes/retro.md", &text, Some(DateOrder::Dmy));
    }

    /// A note's body as the note page renders it holds no script.
    #[test]
    fn a_rendered_note_runs_no_script(text in hostile_note(), offset in 0..3u8) {
        if let Some(note) = parse("notes/2026-11-09-planning.md", &text, None) {
            let html = to_html(&note.body, Placement { heading_offset: offset, title: Some(&note.title) });
            let found = script_in(html.as_str());
            prop_assert!(found.is_empty(), "{found:?} in {html:?} from {text:?}");
        }
    }

    /// Any Markdown at all, rendered, holds no script.
    #[test]
    fn any_rendered_markdown_runs_no_script(text in "\\PC*") {
        let html = to_html(&text, Placement::default());
        let found = script_in(html.as_str());
        prop_assert!(found.is_empty(), "{found:?} in {html:?} from {text:?}");
    }
}
