//! A note's Markdown as a flat list of blocks, built from pulldown-cmark events.
//!
//! Only what the note reader needs is kept: headings, paragraphs and list
//! items, each with its text (emphasis stripped, link texts kept) split into
//! lines that know their file line. Code, HTML and tables are skipped. Nesting
//! is recorded as indices (`parent`, `end`), never as recursion, so deep input
//! cannot exhaust the stack.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph (inside a list item when `parent` is set).
    Paragraph,
    /// A list item; `task` is `Some(checked)` for `- [ ]` / `- [x]`.
    Item {
        /// The task-list checkbox, if any.
        task: Option<bool>,
    },
}

/// One line of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The inline text of the line, trimmed.
    pub text: String,
    /// 1-based line in the file.
    pub line: u32,
}

/// A heading, a paragraph or a list item (its own text only, not its children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// The text, line by line; never empty (one empty line when there is no text).
    pub lines: Vec<Line>,
    /// 1-based line where the block starts.
    pub line: u32,
    /// The innermost list item this block is inside.
    pub parent: Option<usize>,
    /// One past the index of the last block inside this one.
    pub end: usize,
}

impl Block {
    /// The text with lines joined by spaces.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.as_str()).filter(|t| !t.is_empty()).collect();
        parts.join(" ")
    }

    /// The text of the first line.
    pub fn first_line(&self) -> &str {
        self.lines.first().map_or("", |l| l.text.as_str())
    }

    /// Whether this is a list item.
    pub fn is_item(&self) -> bool {
        matches!(self.kind, Kind::Item { .. })
    }

    /// The heading level, for headings.
    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            Kind::Heading(level) => Some(level),
            _ => None,
        }
    }

    /// The checkbox of a task-list item.
    pub fn task(&self) -> Option<bool> {
        match self.kind {
            Kind::Item { task } => task,
            _ => None,
        }
    }

    /// Whether blocks are nested inside this one.
    pub fn has_children(&self, index: usize) -> bool {
        self.end > index + 1
    }
}

/// Reads `body` (whose first line is file line `first_line`) into blocks.
///
/// A paragraph or item text spanning several lines is split before every line
/// after the first for which `starts_block` holds (a label such as `Decision:`
/// written on the line after another), each part becoming its own paragraph.
pub fn blocks(body: &str, first_line: u32, starts_block: &dyn Fn(&str) -> bool) -> Vec<Block> {
    // The same dialect the site renders, so a heading or list reads as the
    // same block here as on the note's page.
    let options = crate::model::markdown_options();
    let mut builder = Builder {
        blocks: Vec::new(),
        items: Vec::new(),
        target: None,
        skip: 0,
        lines: LineIndex::new(body, first_line),
        starts_block,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish();
    builder.blocks
}

/// Maps byte offsets of the body to file lines.
struct LineIndex {
    starts: Vec<usize>,
    first: u32,
}

impl LineIndex {
    fn new(body: &str, first: u32) -> Self {
        let starts = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, first }
    }

    fn line_of(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.first.saturating_add(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

struct OpenItem {
    index: usize,
    text_done: bool,
}

struct Builder<'s> {
    blocks: Vec<Block>,
    /// Open list items, innermost last.
    items: Vec<OpenItem>,
    /// The block receiving inline text.
    target: Option<usize>,
    /// Depth inside code blocks, HTML blocks and tables, whose text is ignored.
    skip: u32,
    lines: LineIndex,
    starts_block: &'s dyn Fn(&str) -> bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, range.start),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text, range.start),
            Event::SoftBreak | Event::HardBreak => self.line_break(range.start),
            Event::TaskListMarker(checked) => {
                let top = self.items.last().map(|i| i.index);
                if let Some(block) = top.and_then(|i| self.blocks.get_mut(i)) {
                    block.kind = Kind::Item { task: Some(checked) };
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, at: usize) {
        match tag {
            Tag::Paragraph => {
                let own_text =
                    self.items.last().is_some_and(|i| !i.text_done && self.target == Some(i.index));
                if self.skip == 0 && !own_text {
                    self.finish();
                    self.push(Kind::Paragraph, at);
                }
            }
            Tag::Heading { level, .. } => {
                self.finish();
                self.push(Kind::Heading(*level as u8), at);
            }
            Tag::Item => {
                self.finish();
                let index = self.push(Kind::Item { task: None }, at);
                self.items.push(OpenItem { index, text_done: false });
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_) | Tag::MetadataBlock(_) => {
                self.finish();
                self.skip += 1;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
            _ => self.finish(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Item => {
                self.finish();
                if let Some(open) = self.items.pop() {
                    let end = self.blocks.len();
                    if let Some(block) = self.blocks.get_mut(open.index) {
                        block.end = end;
                    }
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
            _ => self.finish(),
        }
    }

    fn push(&mut self, kind: Kind, at: usize) -> usize {
        let index = self.blocks.len();
        let line = self.lines.line_of(at);
        self.blocks.push(Block {
            kind,
            lines: vec![Line { text: String::new(), line }],
            line,
            parent: self.items.last().map(|i| i.index),
            end: index + 1,
        });
        self.target = Some(index);
        index
    }

    fn text(&mut self, text: &str, at: usize) {
        if self.skip > 0 {
            return;
        }
        let index = match self.target {
            Some(i) => i,
            None => self.push(Kind::Paragraph, at),
        };
        let line_no = self.lines.line_of(at);
        if let Some(line) = self.blocks.get_mut(index).and_then(|b| b.lines.last_mut()) {
            if line.text.is_empty() {
                line.line = line_no;
            }
            line.text.push_str(text);
        }
    }

    fn line_break(&mut self, at: usize) {
        if self.skip > 0 {
            return;
        }
        let line = self.lines.line_of(at).saturating_add(1);
        if let Some(block) = self.target.and_then(|i| self.blocks.get_mut(i)) {
            block.lines.push(Line { text: String::new(), line });
        }
    }

    /// Ends the text of the current target block, trimming and splitting its lines.
    fn finish(&mut self) {
        let Some(index) = self.target.take() else { return };
        if let Some(top) = self.items.last_mut()
            && top.index == index
        {
            top.text_done = true;
        }
        let Some(block) = self.blocks.get_mut(index) else { return };
        for line in &mut block.lines {
            line.text = line.text.trim().to_string();
        }
        let block_line = block.line;
        block.lines.retain(|l| !l.text.is_empty());
        if block.lines.is_empty() {
            block.lines.push(Line { text: String::new(), line: block_line });
        }
        if index + 1 == self.blocks.len() {
            self.split(index);
        }
    }

    /// Splits the last block before each later line that starts a block of its own.
    fn split(&mut self, index: usize) {
        let Some(block) = self.blocks.get_mut(index) else { return };
        if block.heading_level().is_some() {
            return;
        }
        let cut = block.lines.iter().skip(1).position(|l| (self.starts_block)(&l.text)).map(|p| p + 1);
        let Some(cut) = cut else { return };
        let mut rest = block.lines.split_off(cut);
        let parent = if block.is_item() { Some(index) } else { block.parent };
        while !rest.is_empty() {
            let next =
                rest.iter().skip(1).position(|l| (self.starts_block)(&l.text)).map_or(rest.len(), |p| p + 1);
            let tail = rest.split_off(next);
            let line = rest.first().map_or(0, |l| l.line);
            let at = self.blocks.len();
            self.blocks.push(Block { kind: Kind::Paragraph, lines: rest, line, parent, end: at + 1 });
            rest = tail;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(md: &str) -> Vec<Block> {
        blocks(md, 1, &|l: &str| l.starts_with("Decision:"))
    }

    fn summary(blocks: &[Block]) -> Vec<(String, u32, String)> {
        blocks
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    Kind::Heading(l) => format!("h{l}"),
                    Kind::Paragraph => "p".into(),
                    Kind::Item { task: None } => "li".into(),
                    Kind::Item { task: Some(c) } => format!("task({c})"),
                };
                (kind, b.line, b.text())
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_items_with_lines() {
        let md = "# Title\n\nSome *text* and [a link](http://x).\n\n   ## Present\n- Alice\n- [x] **Bob**\n";
        let s = summary(&read(md));
        assert_eq!(
            s,
            vec![
                ("h1".into(), 1, "Title".into()),
                ("p".into(), 3, "Some text and a link.".into()),
                ("h2".into(), 5, "Present".into()),
                ("li".into(), 6, "Alice".into()),
                ("task(true)".into(), 7, "Bob".into()),
            ]
        );
    }

    #[test]
    fn nesting_is_recorded_with_indices() {
        let md = "- a\n  - b\n    - c\n- d\n\n  second paragraph of d\n";
        let b = read(md);
        assert_eq!(b.len(), 5);
        assert_eq!((b[0].parent, b[0].end), (None, 3));
        assert_eq!((b[1].parent, b[1].end), (Some(0), 3));
        assert_eq!(b[2].parent, Some(1));
        assert_eq!((b[3].parent, b[3].end, b[3].text().as_str()), (None, 5, "d"));
        assert_eq!((b[4].kind, b[4].parent, b[4].line), (Kind::Paragraph, Some(3), 6));
    }

    #[test]
    fn loose_task_items_keep_their_text_and_checkbox() {
        let b = read("- [ ] one\n\n- [X] two\n  continued\n");
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].task(), b[0].text()), (Some(false), "one".to_string()));
        assert_eq!((b[1].task(), b[1].text()), (Some(true), "two continued".to_string()));
        assert_eq!(b[1].lines[1].line, 4);
    }

    #[test]
    fn code_html_and_tables_are_skipped() {
        let b = read(
            "```\n# not a heading\n```\n\n<div>\nhtml\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n",
        );
        assert_eq!(summary(&b), vec![("p".into(), 13, "text".into())]);
    }

    #[test]
    fn lines_starting_a_block_split_paragraphs_and_items() {
        let b = read("Notes here\nDecision: one\nmore of one\nDecision: two\n\n- item\n  Decision: three\n");
        let s = summary(&b);
        assert_eq!(s[0], ("p".into(), 1, "Notes here".into()));
        assert_eq!(s[1], ("p".into(), 2, "Decision: one more of one".into()));
        assert_eq!(s[2], ("p".into(), 4, "Decision: two".into()));
        assert_eq!(s[3], ("li".into(), 6, "item".into()));
        assert_eq!(s[4], ("p".into(), 7, "Decision: three".into()));
        assert_eq!((b[4].parent, b[3].end), (Some(3), 5));
    }

    #[test]
    fn setext_headings_and_line_offsets() {
        let b = blocks("Title\n=====\n\ntext\n", 5, &|_: &str| false);
        assert_eq!(summary(&b), vec![("h1".into(), 5, "Title".into()), ("p".into(), 8, "text".into())]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "- ".repeat(5000) + "x\n" + &"> ".repeat(5000) + "y\n";
        let b = read(&deep);
        assert!(!b.is_empty());
    }
}
