//! Dot charts: one dot per item over slots along x (the days of a window,
//! or the items themselves), with labelled horizontal reference lines (the
//! 50th, 85th and 95th percentiles of cycle time). The cycle-time
//! scatter plot and the aging chart are both drawn by [`dot_chart`].

use std::fmt::Write as _;

use super::line::marker;
use super::{Axis, ChartHtml, ChartText, Frame, Ink, c, escape, open_svg, x_axis, y_axis};

/// One dot.
#[derive(Debug, Clone)]
pub(crate) struct Dot {
    /// Its slot along x (from 0).
    pub slot: usize,
    /// Its value.
    pub value: f64,
    /// Its tooltip: `PHX-12 Saved cards: 9 days`.
    pub tip: String,
    /// Drawn apart (a square, series 1): past the 85th percentile.
    pub marked: bool,
}

/// A horizontal line across the plot, labelled at its right end.
#[derive(Debug, Clone)]
pub(crate) struct RefLine {
    /// Where it is on the y axis.
    pub value: f64,
    /// `85%: 9 days`.
    pub label: String,
}

/// What the dots are, for the legend: the plain dots' name and, when some
/// are marked, the marked ones'. Marked dots are drawn in
/// [`Ink::Reference`], the colour that stands out from every other.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DotNames<'a> {
    /// `Finished item`.
    pub plain: &'a str,
    /// What the plain dots are: finished work, or work still to do.
    pub ink: Ink,
    /// `Older than 85% of finished items`.
    pub marked: &'a str,
}

/// Dots over `labels` (one label per slot) on `axis`, with `lines`.
pub(crate) fn dot_chart(
    text: &ChartText<'_>,
    labels: &[String],
    dots: &[Dot],
    lines: &[RefLine],
    axis: Axis,
    names: DotNames<'_>,
) -> ChartHtml {
    let frame = Frame::new(axis, !lines.is_empty());
    let mut out = String::from("<figure class=\"chart-figure\">");
    open_svg(&mut out, text, "chart-dots");
    y_axis(&mut out, &frame, text.y_label, &[]);
    x_axis(&mut out, &frame, labels);
    let n = labels.len();
    out.push_str("<g class=\"chart-refs\">");
    for line in lines {
        let y = frame.y(line.value);
        let _ = write!(
            out,
            "<line class=\"chart-ref\" x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"currentColor\" \
             stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text class=\"chart-ref-label\" x=\"{tx}\" y=\"{ty}\" \
             fill=\"currentColor\">{label}</text>",
            l = c(super::LEFT),
            r = c(frame.right),
            y = c(y),
            tx = c(frame.right + 6.0),
            ty = c(y + 5.0),
            label = escape(&line.label),
        );
    }
    out.push_str("</g>");
    for (series, marked) in [(0, false), (1, true)] {
        let ink = if marked { Ink::Reference } else { names.ink };
        let _ = write!(out, "<g class=\"series series-{series} {}\">", ink.class());
        for dot in dots.iter().filter(|d| d.marked == marked && d.slot < n) {
            marker(&mut out, series, frame.x(dot.slot, n), frame.y(dot.value), 4.5, &dot.tip);
        }
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        "<line class=\"chart-frame\" x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"currentColor\"/></svg>",
        l = c(super::LEFT),
        t = c(super::TOP),
        b = c(super::BOTTOM)
    );
    legend(&mut out, dots, !lines.is_empty(), names);
    out.push_str("</figure>");
    ChartHtml(out)
}

/// The legend: the dots (and the marked dots, when there are any) and the
/// reference lines.
fn legend(out: &mut String, dots: &[Dot], lines: bool, names: DotNames<'_>) {
    let key = |body: String, name: &str| {
        format!(
            "<li><svg class=\"chart-key\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 16\" \
             width=\"32\" height=\"16\" aria-hidden=\"true\">{body}</svg>{}</li>",
            escape(name)
        )
    };
    let dot = |series: usize| {
        let ink = if series == 1 { Ink::Reference } else { names.ink };
        let mut m = format!("<g class=\"series series-{series} {}\">", ink.class());
        marker(&mut m, series, 16.0, 8.0, 4.5, "");
        m.push_str("</g>");
        m
    };
    out.push_str("<ul class=\"chart-legend\">");
    out.push_str(&key(dot(0), names.plain));
    if dots.iter().any(|d| d.marked) {
        out.push_str(&key(dot(1), names.marked));
    }
    if lines {
        let line = "<line class=\"chart-ref\" x1=\"1\" y1=\"8\" x2=\"31\" y2=\"8\" stroke=\"currentColor\" \
                    stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>";
        out.push_str(&key(line.to_string(), "Percentiles of cycle time, labelled on the right"));
    }
    out.push_str("</ul>");
}
