//! Inline SVG charts made at build time, without JavaScript.
//!
//! [`trend`] is the small weekly health trend (drawn by a template
//! component). [`bar_chart`], [`line_chart`] and [`dot_chart`] return a `<figure>`:
//! the `<svg>` and an HTML legend. Every chart here
//!
//! - is `role="img"` with a `<title>` and a `<desc>` (the page adds a data
//!   table or a text alternative too);
//! - escapes every text it prints (sprint names are user data), and can only
//!   be built here: [`ChartHtml`] has no public constructor, so a data string
//!   can never be passed to a template as safe markup;
//! - takes its colours from what each series is ([`Ink`], CSS classes
//!   `ink-*`) with `currentColor` as fallback, so blue means the same on
//!   every chart and dark mode and print restyle it;
//! - tells series apart without colour: markers of different shapes, dash
//!   patterns, hatched against solid bars;
//! - has a `viewBox` and `width="100%"`, so it scales to a phone;
//! - prints numbers with fixed decimals: same data, same bytes.

mod bar;
mod line;
mod scatter;
mod spark;
mod table;
pub mod trend;

use std::fmt::Write as _;

use serde::Serialize;

pub(crate) use bar::{Mark, Overlay, bar_chart, bar_chart_with};
pub(crate) use line::{Guide, XMark, line_chart, line_chart_marked};
pub(crate) use scatter::{Dot, DotNames, RefLine, dot_chart};
pub(crate) use spark::sparkline;
pub(crate) use table::DataTable;

use super::slug::slug;
use crate::format::{self, escape_html as escape};

/// Markup made by this module from numbers and escaped text: the only chart
/// output templates may print with `| safe`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ChartHtml(String);

impl ChartHtml {
    /// The markup.
    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The chart with `table`, its numbers, in a `<details>` under it
    /// (inside its `<figure>`).
    pub fn with_table(self, table: &DataTable) -> ChartHtml {
        let mut out = self.0;
        let figure_end = out.ends_with("</figure>").then(|| out.len() - "</figure>".len());
        let at = figure_end.unwrap_or(out.len());
        out.insert_str(at, &table.details());
        ChartHtml(out)
    }
}

/// The score bands, shaded behind every chart of scores (the weekly scores,
/// perception against evidence): the status colours' one place in a chart.
pub(crate) const SCORE_BANDS: [Band; 3] = [
    Band { from: 75.0, to: 100.0, key: "healthy", label: "Healthy" },
    Band { from: 50.0, to: 75.0, key: "watch", label: "Watch" },
    Band { from: 0.0, to: 50.0, key: "risk", label: "At risk" },
];

/// The axis of score charts: 0 to 100.
pub(crate) const SCORE_AXIS: Axis = Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "" };

/// What a chart is called and says, in words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChartText<'a> {
    /// Prefix of the chart's ids, unique on its page (made a slug).
    pub id: &'a str,
    /// Accessible name: "Committed and completed points by sprint".
    pub title: &'a str,
    /// Text alternative: what the chart shows, in a sentence or two.
    pub desc: &'a str,
    /// Title of the y axis: "Points".
    pub y_label: &'a str,
}

/// One named series of values, one per x label; `None` is "no data".
#[derive(Debug, Clone)]
pub(crate) struct Series<'a> {
    /// Name in the legend and tooltips (escaped).
    pub name: &'a str,
    /// What it is, and so its colour.
    pub ink: Ink,
    /// The values.
    pub values: Vec<Option<f64>>,
}

/// The one palette of every chart: a series' colour says what it is, so blue
/// means finished work on the velocity chart and on the burn-up alike
/// (docs/figures.md, "Chart colours"). Green, amber and red belong to the
/// healthy, watch and at-risk bands and are never a series' colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Work finished: points completed, the burn-up's done line, items
    /// finished, action items done. Blue, solid bars.
    Done,
    /// Work promised or still to do: points committed at planning, a
    /// sprint's scope, ready points, open items and action items. Orange,
    /// hatched bars.
    Planned,
    /// Work added to a sprint after its start. Purple, solid bars.
    Added,
    /// Work taken out of a sprint. Slate, bars hatched the other way.
    Removed,
    /// The line the others are read against: the health score, the rolling
    /// velocity, the evidence score. The text colour.
    Reference,
    /// One of several series of the same kind (the five practices, the two
    /// roles' ratings), told apart by colour, marker and dash. Blue, purple,
    /// teal, magenta, slate: only on charts of scores, which draw no work.
    Peer(u8),
}

impl Ink {
    /// The CSS class: `ink-done`, `ink-peer-2`.
    pub(crate) fn class(self) -> &'static str {
        const PEERS: [&str; 5] = ["ink-peer-0", "ink-peer-1", "ink-peer-2", "ink-peer-3", "ink-peer-4"];
        match self {
            Ink::Done => "ink-done",
            Ink::Planned => "ink-planned",
            Ink::Added => "ink-added",
            Ink::Removed => "ink-removed",
            Ink::Reference => "ink-reference",
            Ink::Peer(n) => PEERS[usize::from(n) % PEERS.len()],
        }
    }
}

/// The y axis: a range and the step between grid lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    /// Bottom of the axis.
    pub min: f64,
    /// Top of the axis.
    pub max: f64,
    /// Distance between grid lines.
    pub step: f64,
    /// Printed after each tick label: `%` or nothing.
    pub suffix: &'static str,
}

impl Axis {
    /// From 0 to a round number at or above every value, in about 4 to 6 steps.
    pub fn from_zero<'a>(series: impl IntoIterator<Item = &'a Series<'a>>, suffix: &'static str) -> Axis {
        let top = series.into_iter().flat_map(|s| s.values.iter().flatten()).fold(0.0_f64, |a, &v| a.max(v));
        let step = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0]
            .into_iter()
            .find(|s| top / s <= 6.0)
            .unwrap_or_else(|| (top / 5.0).ceil().max(1.0));
        let max = ((top / step).ceil() * step).max(step);
        Axis { min: 0.0, max, step, suffix }
    }

    /// The tick values from `min` to `max`.
    fn ticks(&self) -> Vec<f64> {
        let usable = self.step > 0.0 && self.max > self.min;
        if !usable {
            return vec![self.min];
        }
        let count = ((self.max - self.min) / self.step).round() as usize;
        (0..=count.min(20)).map(|i| self.min + self.step * i as f64).collect()
    }
}

/// A shaded range of the y axis with a label: "Healthy" from 75 to 100.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Band {
    /// Bottom of the band.
    pub from: f64,
    /// Top of the band.
    pub to: f64,
    /// CSS class suffix: `healthy` gives `chart-band-healthy`.
    pub key: &'static str,
    /// Printed at the band's right edge.
    pub label: &'static str,
}

/// Width and height of the big charts' `viewBox`.
const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 300.0;
/// The plot area inside it.
const LEFT: f64 = 48.0;
const TOP: f64 = 38.0;
const BOTTOM: f64 = 258.0;

/// The plot area of a big chart; `right` leaves room for band labels.
#[derive(Debug, Clone, Copy)]
struct Frame {
    right: f64,
    axis: Axis,
}

impl Frame {
    fn new(axis: Axis, band_labels: bool) -> Frame {
        Frame { right: if band_labels { WIDTH - 80.0 } else { WIDTH - 12.0 }, axis }
    }

    /// The y coordinate of `value`, clamped to the plot.
    fn y(&self, value: f64) -> f64 {
        let Axis { min, max, .. } = self.axis;
        let span = if max > min { max - min } else { 1.0 };
        let t = ((value - min) / span).clamp(0.0, 1.0);
        BOTTOM - t * (BOTTOM - TOP)
    }

    /// The centre of slot `i` of `n` along x.
    fn x(&self, i: usize, n: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * self.slot(n)
    }

    /// The width of one of `n` slots.
    fn slot(&self, n: usize) -> f64 {
        (self.right - LEFT) / n.max(1) as f64
    }
}

/// A coordinate with one decimal.
fn c(v: f64) -> String {
    format::fixed(v, 1)
}

/// `label` cut to `max` characters with an ellipsis, then escaped.
fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        escape(label)
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1)).collect();
        escape(&format!("{}…", cut.trim_end()))
    }
}

/// `<svg ...>` with its title and description, for the big charts.
fn open_svg(out: &mut String, text: &ChartText<'_>, class: &str) -> String {
    let id = slug(text.id);
    let _ = write!(
        out,
        "<svg class=\"chart {class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        w = WIDTH,
        h = HEIGHT,
        title = escape(text.title),
        desc = escape(text.desc),
    );
    id
}

/// Grid lines with tick labels, the y axis title, and the bands.
fn y_axis(out: &mut String, frame: &Frame, y_label: &str, bands: &[Band]) {
    for band in bands {
        let (top, bottom) = (frame.y(band.to), frame.y(band.from));
        let _ = write!(
            out,
            "<rect class=\"chart-band chart-band-{key}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" \
             fill=\"none\"/><text class=\"chart-band-label\" x=\"{lx}\" y=\"{ly}\" fill=\"currentColor\">{label}</text>",
            key = band.key,
            x = c(LEFT),
            y = c(top),
            w = c(frame.right - LEFT),
            h = c(bottom - top),
            lx = c(frame.right + 6.0),
            ly = c((top + bottom) / 2.0 + 5.0),
            label = escape(band.label),
        );
    }
    out.push_str("<g class=\"chart-grid\">");
    for tick in frame.axis.ticks() {
        let y = c(frame.y(tick));
        let _ = write!(
            out,
            "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"currentColor\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"currentColor\">{label}{suffix}</text>",
            l = c(LEFT),
            r = c(frame.right),
            tx = c(LEFT - 6.0),
            ty = c(frame.y(tick) + 5.0),
            label = format::trimmed(tick, 1),
            suffix = frame.axis.suffix,
        );
    }
    let _ = write!(
        out,
        "</g><text class=\"chart-axis-title\" x=\"{x}\" y=\"16\" fill=\"currentColor\">{label}</text>",
        x = c(LEFT - 40.0),
        label = escape(y_label),
    );
}

/// Longest x label printed, in characters.
const LABEL_CHARS: usize = 10;

/// How many slots apart x labels must be to fit side by side, for labels
/// of `chars` characters printed `char_width` units wide.
fn label_step(chars: usize, char_width: f64, slot: f64) -> usize {
    (((chars as f64 * char_width + 10.0) / slot).ceil() as usize).max(1)
}

/// The x labels, counted back from the last (the latest matters most): as
/// many as fit at the desktop font size; those that would not fit at the
/// larger phone font size get the class `x-minor`, which the stylesheet
/// hides on narrow screens.
fn x_axis(out: &mut String, frame: &Frame, labels: &[String]) {
    let n = labels.len();
    let widest = labels.iter().map(|l| l.chars().count().min(LABEL_CHARS)).max().unwrap_or(0);
    let wide = label_step(widest, 10.0, frame.slot(n));
    let narrow = label_step(widest, 15.0, frame.slot(n)).div_ceil(wide) * wide;
    out.push_str("<g class=\"chart-x\">");
    for (i, label) in labels.iter().enumerate() {
        let back = n - 1 - i;
        if !back.is_multiple_of(wide) {
            continue;
        }
        let _ = write!(
            out,
            "<text{class} x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" fill=\"currentColor\">{label}</text>",
            class = if back.is_multiple_of(narrow) { "" } else { " class=\"x-minor\"" },
            x = c(frame.x(i, n)),
            y = c(BOTTOM + 22.0),
            label = short(label, LABEL_CHARS),
        );
    }
    let _ = write!(
        out,
        "</g><line class=\"chart-baseline\" x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"currentColor\"/>",
        l = c(LEFT),
        r = c(frame.right),
        b = c(BOTTOM),
    );
}

/// The HTML legend under a chart: one key per series, drawn by `key`.
fn legend(out: &mut String, series: &[Series<'_>], key: impl Fn(usize) -> String) {
    out.push_str("<ul class=\"chart-legend\">");
    for (i, s) in series.iter().enumerate() {
        let _ = write!(
            out,
            "<li><svg class=\"chart-key\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 16\" \
             width=\"32\" height=\"16\" aria-hidden=\"true\">{}</svg>{}</li>",
            key(i),
            escape(s.name)
        );
    }
    out.push_str("</ul>");
}

/// "no data" or the value with up to one decimal.
fn value_text(v: Option<f64>, suffix: &str) -> String {
    v.map_or_else(|| "no data".to_string(), |v| format!("{}{suffix}", format::trimmed(v, 1)))
}

#[cfg(test)]
mod tests;
