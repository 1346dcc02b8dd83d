//! A note's Markdown as a flat list of blocks, built from pulldown-cmark events.
//!
//! Only what the note reader needs is kept: headings, paragraphs, list items
//! and table rows, each with its text (emphasis stripped, link texts kept)
//! split into lines that know their file line. Code blocks and HTML are
//! skipped. An `@` inside a code span is kept as [`CODE_AT`], so that no code
//! is ever read as a mention; [`visible`] gives the text as written. Nesting
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
    /// A table row; its cells are in [`Block::cells`].
    Row {
        /// The header row of its table.
        header: bool,
    },
}

/// Stands for an `@` written inside a code span (`` `@scope/pkg` ``): never a mention.
pub const CODE_AT: char = '\u{E000}';

/// The text as written: [`CODE_AT`] back to `@`.
pub fn visible(text: &str) -> String {
    text.replace(CODE_AT, "@")
}

/// One line of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The inline text of the line, trimmed.
    pub text: String,
    /// 1-based line in the file.
    pub line: u32,
    /// The text of a bold or italic run opening the line (`**Agreed**` in
    /// `**Agreed** keep Friday demos`), trimmed.
    pub lead: Option<String>,
}

impl Line {
    fn new(line: u32) -> Self {
        Line { text: String::new(), line, lead: None }
    }
}

/// A heading, a paragraph, a list item (its own text only, not its children) or a table row.
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
    /// The cells of a table row, in order.
    pub cells: Vec<String>,
    /// All its text is struck through (`~~Dan~~`: a roster's absentee).
    pub struck: bool,
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

    /// Whether this is a table row (the header row included).
    pub fn is_row(&self) -> bool {
        matches!(self.kind, Kind::Row { .. })
    }

    /// Whether blocks are nested inside this one.
    pub fn has_children(&self, index: usize) -> bool {
        self.end > index + 1
    }
}

/// Reads `body` (whose first line is file line `first_line`) into blocks.
///
/// A paragraph or item text spanning several lines is split before every line
/// after the first for which `starts_block(previous line, line)` holds (a
/// label such as `Decision:` written on the line after another), each part
/// becoming its own paragraph.
pub fn blocks(body: &str, first_line: u32, starts_block: &dyn Fn(&Line, &Line) -> bool) -> Vec<Block> {
    // The same dialect the site renders, so a heading or list reads as the
    // same block here as on the note's page.
    let options = crate::model::markdown_options();
    let mut builder = Builder {
        blocks: Vec::new(),
        items: Vec::new(),
        target: None,
        skip: 0,
        strong: Vec::new(),
        struck: 0,
        strikes: Vec::new(),
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

/// Characters of text seen inside and outside strikethrough, for [`Block::struck`].
#[derive(Default, Clone, Copy)]
struct Strike {
    inside: usize,
    outside: usize,
}

struct Builder<'s> {
    blocks: Vec<Block>,
    /// Open list items, innermost last.
    items: Vec<OpenItem>,
    /// The block receiving inline text.
    target: Option<usize>,
    /// Depth inside code blocks and HTML blocks, whose text is ignored.
    skip: u32,
    /// Open bold or italic runs: whether each opened a line (a possible lead).
    strong: Vec<bool>,
    /// Depth inside strikethrough.
    struck: u32,
    /// For each block, its text inside and outside strikethrough.
    strikes: Vec<Strike>,
    lines: LineIndex,
    starts_block: &'s dyn Fn(&Line, &Line) -> bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, range.start),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range.start),
            Event::Code(text) => self.text(&text.replace('@', &CODE_AT.to_string()), range.start),
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
            Tag::TableHead | Tag::TableRow if self.skip == 0 => {
                self.finish();
                self.push(Kind::Row { header: matches!(tag, Tag::TableHead) }, at);
            }
            Tag::TableCell => {
                if let Some(block) = self.target.and_then(|i| self.blocks.get_mut(i)) {
                    block.cells.push(String::new());
                }
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.finish();
                self.skip += 1;
            }
            Tag::Strong | Tag::Emphasis => {
                let opens_line = self.current_line().is_some_and(|l| l.text.trim().is_empty());
                self.strong.push(opens_line);
            }
            Tag::Strikethrough => self.struck += 1,
            Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. } | Tag::Table(_) => {}
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
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::Strong | TagEnd::Emphasis => {
                if self.strong.pop() == Some(true)
                    && let Some(line) = self.current_line()
                    && line.lead.is_none()
                {
                    line.lead = Some(line.text.trim().to_string());
                }
            }
            TagEnd::Strikethrough => self.struck = self.struck.saturating_sub(1),
            TagEnd::TableHead | TagEnd::TableRow => self.finish(),
            TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Table
            | TagEnd::TableCell => {}
            _ => self.finish(),
        }
    }

    fn current_line(&mut self) -> Option<&mut Line> {
        let index = self.target?;
        self.blocks.get_mut(index).and_then(|b| b.lines.last_mut())
    }

    fn push(&mut self, kind: Kind, at: usize) -> usize {
        let index = self.blocks.len();
        let line = self.lines.line_of(at);
        self.blocks.push(Block {
            kind,
            lines: vec![Line::new(line)],
            line,
            parent: self.items.last().map(|i| i.index),
            end: index + 1,
            cells: Vec::new(),
            struck: false,
        });
        self.target = Some(index);
        self.strikes.push(Strike::default());
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
        let counted = text.chars().filter(|c| !c.is_whitespace()).count();
        if let Some(strike) = self.strikes.get_mut(index) {
            if self.struck > 0 {
                strike.inside += counted;
            } else {
                strike.outside += counted;
            }
        }
        let line_no = self.lines.line_of(at);
        let Some(block) = self.blocks.get_mut(index) else { return };
        if let Some(cell) = block.cells.last_mut() {
            cell.push_str(text);
        }
        if let Some(line) = block.lines.last_mut() {
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
            block.lines.push(Line::new(line));
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
        let strike = self.strikes.get(index).copied().unwrap_or_default();
        let Some(block) = self.blocks.get_mut(index) else { return };
        block.struck = strike.inside > 0 && strike.outside == 0;
        if block.is_row() {
            for cell in &mut block.cells {
                *cell = cell.trim().to_string();
            }
            if let Some(line) = block.lines.first_mut() {
                line.text = block.cells.join(" | ");
            }
        }
        for line in &mut block.lines {
            line.text = line.text.trim().to_string();
        }
        let block_line = block.line;
        block.lines.retain(|l| !l.text.is_empty());
        if block.lines.is_empty() {
            block.lines.push(Line::new(block_line));
        }
        if index + 1 == self.blocks.len() {
            self.split(index);
        }
    }

    /// Splits the last block before each later line that starts a block of its own.
    fn split(&mut self, index: usize) {
        let Some(block) = self.blocks.get_mut(index) else { return };
        if block.heading_level().is_some() || block.is_row() {
            return;
        }
        let lines = &block.lines;
        // Every cut is found first, then the lines are moved once: a paragraph
        // of thousands of lines is split in time proportional to its length.
        let cuts: Vec<usize> =
            (1..lines.len()).filter(|&k| (self.starts_block)(&lines[k - 1], &lines[k])).collect();
        let Some(&first) = cuts.first() else { return };
        let struck = block.struck;
        let parent = if block.is_item() { Some(index) } else { block.parent };
        let mut rest = block.lines.split_off(first).into_iter();
        let bounds = cuts.windows(2).map(|w| w[1] - w[0]).chain(std::iter::once(usize::MAX));
        for len in bounds {
            let part: Vec<Line> = rest.by_ref().take(len).collect();
            let line = part.first().map_or(0, |l| l.line);
            let at = self.blocks.len();
            self.blocks.push(Block {
                kind: Kind::Paragraph,
                lines: part,
                line,
                parent,
                end: at + 1,
                cells: Vec::new(),
                struck,
            });
            self.strikes.push(Strike::default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(md: &str) -> Vec<Block> {
        blocks(md, 1, &|_: &Line, l: &Line| l.text.starts_with("Decision:"))
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
                    Kind::Row { header } => format!("row({header})"),
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
    fn code_and_html_are_skipped_and_table_rows_kept_with_their_cells() {
        let b = read(
            "```\n# not a heading\n```\n\n<div>\nhtml\n</div>\n\n| a | **b** |\n|---|---|\n| 1 | [two](x) |\n\ntext\n",
        );
        assert_eq!(
            summary(&b),
            vec![
                ("row(true)".into(), 9, "a | b".into()),
                ("row(false)".into(), 11, "1 | two".into()),
                ("p".into(), 13, "text".into())
            ]
        );
        assert_eq!(b[1].cells, vec!["1".to_string(), "two".to_string()]);
        let empty = read("| | |\n|---|---|\n| **Date** | 19 Nov |\n");
        assert_eq!(empty[0].cells, vec![String::new(), String::new()]);
        assert_eq!(empty[1].cells, vec!["Date".to_string(), "19 Nov".to_string()]);
    }

    #[test]
    fn a_code_span_never_holds_a_mention_and_visible_restores_it() {
        let b = read("Update `@scope/pkg` for @bob\n");
        let text = b[0].text();
        assert!(!text[..text.find("for").unwrap_or(0)].contains('@'), "{text}");
        assert_eq!(visible(&text), "Update @scope/pkg for @bob");
    }

    #[test]
    fn a_bold_run_opening_a_line_is_its_lead() {
        let b = read("Decided: ship it\n**Agreed** keep demos\n\n- *Note*: x\n\nplain **bold** later\n");
        let leads: Vec<Vec<Option<String>>> =
            b.iter().map(|b| b.lines.iter().map(|l| l.lead.clone()).collect()).collect();
        assert_eq!(
            leads,
            vec![vec![None, Some("Agreed".to_string())], vec![Some("Note".to_string())], vec![None]]
        );
    }

    #[test]
    fn struck_through_text_is_marked() {
        let b = read("- ~~Dan Fox~~\n- Ana ~~Lima~~\n- ~~**Bo**~~\n");
        let struck: Vec<bool> = b.iter().map(|b| b.struck).collect();
        assert_eq!(struck, vec![true, false, true]);
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
        let b = blocks("Title\n=====\n\ntext\n", 5, &|_: &Line, _: &Line| false);
        assert_eq!(summary(&b), vec![("h1".into(), 5, "Title".into()), ("p".into(), 8, "text".into())]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "- ".repeat(5000) + "x\n" + &"> ".repeat(5000) + "y\n";
        let b = read(&deep);
        assert!(!b.is_empty());
    }
}
