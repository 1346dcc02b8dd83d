//! The one way Markdown becomes HTML: pulldown-cmark, then ammonia.
//!
//! Notes are written by people and published to the web, so every byte of
//! HTML that reaches a page goes through [`to_html`], whose result is a
//! [`SafeHtml`]: the only value templates may print with `| safe`.
//!
//! Decisions:
//! - tables, footnotes, strikethrough, task lists and heading attributes are on;
//! - smart punctuation is **off**: a note's body must read exactly like the
//!   action items and decisions quoted from it on the same page, and ids,
//!   command-line flags (`--strict`) and quotes survive copy and paste;
//! - raw HTML is allowed in, then sanitised: no scripts, styles, event
//!   attributes, forms or `javascript:` links; links get
//!   `rel="noopener noreferrer"`; tables sit in a box that scrolls sideways
//!   on narrow screens;
//! - nothing in a note may break the pages' Content-Security-Policy
//!   (templates/base.html), which allows no inline style and no image from
//!   another host: a table column's alignment is a class (`align-right`),
//!   never a `style` attribute, and an image from another host becomes a
//!   link to it (raw `<img>` tags pointing elsewhere lose their `src`);
//! - a task-list box is a ☑ or ☐ hidden from screen readers, which read
//!   "Done:" or "Open:" instead: a disabled checkbox would be a form control
//!   without a label (WCAG 1.3.1, 4.1.2), and notes publish no form controls;
//! - every `id` gets the prefix `note-` (and `#fragment` links follow), so a
//!   note can never clash with the page's own ids such as `main`;
//! - a link or image by a path relative to the note (`transcript.md`,
//!   `diagram.png`, `/docs/x`) points at a file of the data folder, which the
//!   site does not publish: it keeps its text (an image its alt text) and
//!   loses the link, rather than leading readers to a page that is not there.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Alignment, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use serde::Serialize;

/// Prefix given to every id in rendered Markdown.
const ID_PREFIX: &str = "note-";

/// HTML produced by [`to_html`]: parsed from Markdown and sanitised.
///
/// Serialises as a plain string; it is the only kind of value the built-in
/// templates print with `| safe`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// The HTML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a piece of Markdown sits in its page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    /// Added to every heading level (capped at 6), so a body's `#` does not
    /// compete with the page's single `<h1>`.
    pub heading_offset: u8,
    /// Leave out a first level-1 heading whose text is this title (the page
    /// already shows it), compared ignoring case and surrounding space.
    pub title: Option<&'a str>,
}

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str, placement: Placement<'_>) -> SafeHtml {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, crate::model::markdown_options()).collect();
    let events = drop_title(events, placement.title);
    let mut levels = Levels::new(placement.heading_offset);
    let mut cells = TableCells::default();
    let mut images = OffsiteImages::default();
    let mut local = LocalFiles::default();
    let events = events
        .into_iter()
        .map(|event| levels.place(event))
        .map(task_mark)
        .map(|event| cells.place(event))
        .map(|event| images.place(event))
        .filter_map(|event| local.place(event))
        .flat_map(wrap_table);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events);
    SafeHtml(SANITIZER.clean(&raw).to_string())
}

/// Removes a leading level-1 heading whose text equals `title`.
fn drop_title<'e>(events: Vec<Event<'e>>, title: Option<&str>) -> Vec<Event<'e>> {
    let Some(title) = title else { return events };
    let Some(Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })) = events.first() else {
        return events;
    };
    let Some(end) = events.iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))) else {
        return events;
    };
    let text: String = events[1..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if text.trim().eq_ignore_ascii_case(title.trim()) {
        events.into_iter().skip(end + 1).collect()
    } else {
        events
    }
}

/// Puts each table in a box that scrolls sideways on narrow screens (and can
/// be scrolled with the keyboard), so the page itself never does.
fn wrap_table(event: Event<'_>) -> Vec<Event<'_>> {
    match event {
        Event::Start(Tag::Table(_)) => {
            vec![Event::Html("<div class=\"table-scroll\" tabindex=\"0\">".into()), event]
        }
        Event::End(TagEnd::Table) => vec![event, Event::Html("</div>".into())],
        other => vec![other],
    }
}

/// Writes table cells with their column's alignment as a class, where
/// pulldown-cmark would write a `style` attribute the pages' CSP forbids.
#[derive(Default)]
struct TableCells {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl TableCells {
    fn place<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                // pulldown-cmark never sees a cell, so it needs no alignments.
                self.alignments = alignments;
                Event::Start(Tag::Table(Vec::new()))
            }
            Event::Start(Tag::TableHead) => {
                (self.in_head, self.column) = (true, 0);
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                event
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.alignments.get(self.column) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                Event::Html(format!("<{}{class}>", self.cell()).into())
            }
            Event::End(TagEnd::TableCell) => {
                self.column += 1;
                Event::Html(format!("</{}>", self.cell()).into())
            }
            other => other,
        }
    }

    fn cell(&self) -> &'static str {
        if self.in_head { "th" } else { "td" }
    }
}

/// Whether a URL leads to another host (`https://…`, `//host/…`) rather
/// than to the site itself or into the page (`data:` images are allowed).
fn offsite(url: &str) -> bool {
    // Browsers read `\` as `/` in a URL: `\\host` and `/\host` are `//host`.
    let url = url.trim().replace('\\', "/");
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => !scheme.contains(['/', '?', '#']) && !scheme.eq_ignore_ascii_case("data"),
        None => false,
    }
}

/// Writes an image from another host as a link to it, its alt text the
/// link's text: the pages' CSP would block it (and a published page should
/// not tell another host who reads it). Images nest (in alt text), hence
/// the stack.
#[derive(Default)]
struct OffsiteImages {
    as_link: Vec<bool>,
}

impl OffsiteImages {
    fn place<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let link = offsite(&dest_url);
                self.as_link.push(link);
                if link {
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                } else {
                    Event::Start(Tag::Image { link_type, dest_url, title, id })
                }
            }
            Event::End(TagEnd::Image) if self.as_link.pop() == Some(true) => Event::End(TagEnd::Link),
            other => other,
        }
    }
}

/// Whether a URL is a path into the data folder beside the note: neither
/// another host, nor a place on the page, nor an inline `data:` image.
fn local_file(url: &str) -> bool {
    let url = url.trim();
    let inline = url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"));
    !url.is_empty() && !url.starts_with('#') && !offsite(url) && !inline
}

/// Drops the link of a link or image to a local file, keeping its text (for
/// an image, its alt text, which pulldown-cmark then writes as text). Links
/// nest in images' alt text, hence the stack.
#[derive(Default)]
struct LocalFiles {
    dropped: Vec<bool>,
}

impl LocalFiles {
    fn place<'e>(&mut self, event: Event<'e>) -> Option<Event<'e>> {
        match event {
            // An email autolink's destination is the bare address (`mailto:`
            // comes later, from the HTML writer).
            Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => {
                self.dropped.push(false);
                Some(event)
            }
            Event::Start(Tag::Link { ref dest_url, .. }) | Event::Start(Tag::Image { ref dest_url, .. }) => {
                let drop = local_file(dest_url);
                self.dropped.push(drop);
                (!drop).then_some(event)
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if self.dropped.pop() == Some(true) {
                    None
                } else {
                    Some(event)
                }
            }
            other => Some(other),
        }
    }
}

/// A task-list marker as a symbol for the eye and a word for screen readers,
/// like the action items of the note page.
fn task_mark(event: Event<'_>) -> Event<'_> {
    match event {
        Event::TaskListMarker(true) => Event::InlineHtml(
            "<span class=\"task-mark\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>"
                .into(),
        ),
        Event::TaskListMarker(false) => Event::InlineHtml(
            "<span class=\"task-mark\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">Open: </span>"
                .into(),
        ),
        other => other,
    }
}

/// Places a body's headings under the page's: each is shifted by the
/// offset, and never more than one level below the heading before it, so a
/// note that jumps from `#` to `###` (common in minutes) still gives pages
/// whose outline skips no level (the W3C checker requires it).
struct Levels {
    offset: u8,
    /// The level of the heading before, starting with the page's own (`offset + 1`).
    last: usize,
    /// The level given to the heading being read, for its end tag.
    open: HeadingLevel,
}

impl Levels {
    fn new(offset: u8) -> Self {
        Levels { offset, last: usize::from(offset) + 1, open: HeadingLevel::H1 }
    }

    fn place<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let n = (shifted(level, self.offset) as usize).min(self.last + 1);
                self.open = HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6);
                self.last = n;
                Event::Start(Tag::Heading { level: self.open, id, classes, attrs })
            }
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(self.open)),
            other => other,
        }
    }
}

fn shifted(level: HeadingLevel, offset: u8) -> HeadingLevel {
    let n = (level as usize).saturating_add(usize::from(offset)).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// The ammonia policy, built once (it is immutable afterwards).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

/// The classes a table cell's alignment becomes.
const ALIGNMENTS: [&str; 3] = ["align-left", "align-center", "align-right"];

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("div", ["id"])
        .add_tag_attribute_values("div", "tabindex", ["0"])
        .add_tag_attribute_values("span", "aria-hidden", ["true"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition", "table-scroll"])
        .add_allowed_classes("span", ["task-mark", "visually-hidden"])
        .add_allowed_classes("th", ALIGNMENTS)
        .add_allowed_classes("td", ALIGNMENTS)
        .id_prefix(Some(ID_PREFIX))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && offsite(value) {
                return None;
            }
            // Raw `<a href="transcript.md">`: the file is not published (see
            // `LocalFiles`); an `<a>` without `href` is its text.
            if element == "a" && attribute == "href" && local_file(value) {
                return None;
            }
            if attribute == "href"
                && let Some(fragment) = value.strip_prefix('#')
                && !fragment.starts_with(ID_PREFIX)
            {
                return Some(Cow::Owned(format!("#{ID_PREFIX}{fragment}")));
            }
            Some(Cow::Borrowed(value))
        });
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(heading, ["id"]);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        to_html(md, Placement::default()).as_str().to_string()
    }

    #[test]
    fn scripts_and_event_attributes_are_stripped() {
        let out = html("Hi <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("alert(1)"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(out.contains("<img src=\"x\">"), "{out}");
    }

    #[test]
    fn styles_forms_and_javascript_links_are_stripped() {
        let out = html(
            "<style>body{display:none}</style>\n\n<p style=\"color:red\">x</p>\n\n\
             [click](javascript:alert(1)) <form><button>go</button></form> \
             <iframe src=\"https://evil.example\"></iframe>\n",
        );
        for bad in ["<style", "display:none", "color", "javascript:", "<form", "<button", "<iframe"] {
            assert!(!out.contains(bad), "{bad} survived in {out}");
        }
    }

    #[test]
    fn links_get_noopener() {
        let out = html("[site](https://example.com)");
        assert!(out.contains("rel=\"noopener noreferrer\""), "{out}");
    }

    #[test]
    fn tables_render_with_alignment_as_classes() {
        let out = html("| a | b | c |\n|:--|--:|---|\n| 1 | 2 | 3 |\n| 4 |\n");
        assert!(out.contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"), "{out}");
        assert!(out.contains("</table>\n</div>"), "{out}");
        assert!(
            out.contains("<th class=\"align-left\">a</th><th class=\"align-right\">b</th><th>c</th>"),
            "{out}"
        );
        assert!(
            out.contains("<td class=\"align-left\">1</td><td class=\"align-right\">2</td><td>3</td>"),
            "{out}"
        );
        // A short row is padded by pulldown-cmark; every cell is closed.
        assert_eq!(out.matches("<td").count(), out.matches("</td>").count(), "{out}");
        // The page's CSP allows no inline style: none is written, none gets through.
        let raw =
            html("<table><tr><td style=\"text-align: right\" class=\"align-right x\">1</td></tr></table>");
        assert!(raw.contains("<td class=\"align-right\">1</td>"), "{raw}");
        assert!(!out.contains("style") && !raw.contains("style"), "{out} {raw}");
    }

    #[test]
    fn images_from_other_hosts_become_links() {
        let out = html(
            "![chart](https://evil.example/pixel.png \"t\") ![ok](../../assets/a.png) ![x](//evil.example/y)",
        );
        assert!(
            out.contains(
                "<a href=\"https://evil.example/pixel.png\" title=\"t\" rel=\"noopener noreferrer\">chart</a>"
            ),
            "{out}"
        );
        // A path into the data folder is not published: its alt text stays.
        assert!(out.contains("</a> ok <a"), "{out}");
        assert!(out.contains(">x</a>"), "{out}");
        assert!(!out.contains("<img src=\"https:") && !out.contains("<img src=\"//"), "{out}");
        // Nested in alt text, each image keeps its own end.
        let nested = html("![a ![b](https://e.example/b.png)](https://e.example/c.png)");
        assert!(nested.starts_with("<p><a href=\"https://e.example/c.png\""), "{nested}");
        // Raw tags lose a source from elsewhere, however it is spelt.
        for src in [
            "https://e.example/p.png",
            "//e.example/p.png",
            "\\\\e.example/p.png",
            " HTTP://e.example/p.png",
            "/\\e.example",
        ] {
            let out = html(&format!("<img src=\"{src}\" alt=\"p\">"));
            assert!(!out.contains("e.example"), "{src}: {out}");
        }
        assert!(html("<img src=\"pic.png\">").contains("<img src=\"pic.png\">"));
    }

    #[test]
    fn task_lists_render_as_marks_with_words_for_screen_readers() {
        let out = html("- [x] done\n- [ ] open\n\n<input type=\"checkbox\" name=\"q\" onclick=\"x()\">");
        let done = "<li><span class=\"task-mark\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>done</li>";
        let open = "<li><span class=\"task-mark\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">Open: </span>open</li>";
        assert!(out.contains(done), "{out}");
        assert!(out.contains(open), "{out}");
        // No form control survives: it would have no label.
        assert!(!out.contains("<input"), "{out}");
        // Only the attribute values the marks use get through.
        let out = html("<span aria-hidden=\"false\" class=\"x task-mark\">a</span>");
        assert!(out.contains("<span class=\"task-mark\">a</span>"), "{out}");
    }

    #[test]
    fn sanitizing_is_deterministic() {
        // ammonia keeps some settings in HashMaps with random seeds: fresh
        // sanitizers must still agree byte for byte.
        let raw = "<p><span aria-hidden=\"true\" class=\"task-mark\">☑</span> <a href=\"#x\" title=\"t\">a</a></p>\
                   <table><tr><td class=\"align-right x\" style=\"color: red\">1</td></tr></table>";
        let first = sanitizer().clean(raw).to_string();
        for _ in 0..20 {
            assert_eq!(sanitizer().clean(raw).to_string(), first);
        }
    }

    #[test]
    fn footnotes_keep_working_anchors() {
        let out = html("Claim.[^src]\n\n[^src]: The source.\n");
        assert!(out.contains("<sup class=\"footnote-reference\"><a href=\"#note-src\""), "{out}");
        assert!(out.contains("<div class=\"footnote-definition\" id=\"note-src\">"), "{out}");
    }

    #[test]
    fn ids_are_prefixed_and_fragment_links_follow() {
        let out = html("## Risks {#main}\n\nSee [risks](#main).\n\n<div id=\"main\">x</div>\n");
        assert!(out.contains("<h2 id=\"note-main\">"), "{out}");
        assert!(out.contains("href=\"#note-main\""), "{out}");
        assert!(!out.contains("id=\"main\""), "{out}");
    }

    #[test]
    fn links_and_images_to_files_of_the_data_folder_keep_only_their_text() {
        let out = html(
            "See [`2024-03-21-transcript.md`](2024-03-21-transcript.md), ![the board](board.png), \
             [docs](/docs/x) and [up](../notes/a.md#top); [spec](https://example.org/s), [here](#note) \
             and [mail](mailto:a@example.org) stay links, as do <b@example.org> \
             and <a href=\"https://example.org/raw\">raw</a>; <a href=\"notes.md\">raw notes</a> does not.",
        );
        assert!(out.contains("See <code>2024-03-21-transcript.md</code>, the board, docs and up;"), "{out}");
        assert!(
            !out.contains("transcript.md\"") && !out.contains("<img") && !out.contains("/docs/x"),
            "{out}"
        );
        assert!(out.contains("href=\"https://example.org/s\""), "{out}");
        assert!(out.contains("href=\"#note-note\""), "{out}");
        assert!(out.contains("href=\"mailto:a@example.org\""), "{out}");
        assert!(out.contains("href=\"mailto:b@example.org\""), "{out}");
        assert!(out.contains("href=\"https://example.org/raw\""), "{out}");
        assert!(
            out.contains("<a rel=\"noopener noreferrer\">raw notes</a>") && !out.contains("notes.md"),
            "{out}"
        );
    }

    #[test]
    fn strikethrough_renders() {
        assert!(html("~~old plan~~").contains("<del>old plan</del>"));
    }

    #[test]
    fn smart_punctuation_is_off() {
        let out = html("Use \"--strict\" -- don't...");
        assert!(out.contains("Use \"--strict\" -- don't..."), "{out}");
    }

    #[test]
    fn headings_shift_and_duplicate_title_is_dropped() {
        let placement = Placement { heading_offset: 1, title: Some("Sprint 21 planning") };
        let out =
            to_html("# Sprint 21  Planning\n\n# sprint 21 planning\n\n## Agenda\n\n###### Deep\n", placement);
        let out = out.as_str();
        assert!(out.starts_with("<h2>Sprint 21  Planning</h2>"), "{out}");
        let out = to_html("# sprint 21 planning\n\n## Agenda\n\n###### Deep\n", placement);
        let out = out.as_str();
        assert!(!out.contains("planning"), "{out}");
        assert!(out.contains("<h3>Agenda</h3>"), "{out}");
        // Never more than one level below the heading before.
        assert!(out.contains("<h4>Deep</h4>"), "{out}");
    }

    #[test]
    fn a_body_that_skips_levels_gives_an_outline_that_does_not() {
        let placement = Placement { heading_offset: 1, title: None };
        let out = to_html("### Daily standup\n\n#### Present\n\n# Decisions\n\n#### Later\n", placement);
        let levels: Vec<&str> =
            out.as_str().match_indices("<h").map(|(i, _)| &out.as_str()[i..i + 3]).collect();
        assert_eq!(levels, vec!["<h3", "<h4", "<h2", "<h3"], "{}", out.as_str());
    }
}
