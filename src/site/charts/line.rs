//! Line charts.

use crate::format;
use crate::site::slug::slug;
use std::fmt::Write as _;

use super::{
    Axis, BOTTOM, Band, ChartHtml, ChartText, Frame, Series, TOP, c, escape, legend, open_svg, value_text,
    x_axis, y_axis,
};

/// A vertical line at one x label, with a word on top: "Report date".
#[derive(Debug, Clone, Copy)]
pub(crate) struct XMark<'a> {
    /// Which label (slot) it stands on.
    pub index: usize,
    /// The word printed above the plot.
    pub label: &'a str,
    /// A level to reach by the last label, drawn apart (class `guide`) from
    /// the mark onwards: where a running sprint's done line has to get.
    pub guide: Option<Guide<'a>>,
}

/// A dashed level from an [`XMark`] to the end of the chart.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Guide<'a> {
    /// The value it stays at.
    pub value: f64,
    /// What it is, printed at its end: "Scope".
    pub label: &'a str,
}

/// More series than this make a chart dense: it keeps a minimum width.
const DENSE_SERIES: usize = 3;

/// Dash patterns by series: the first solid, then ever more broken.
const DASHES: [&str; 6] = ["", "7 4", "2 4", "10 4 2 4", "5 2", "1 3"];

/// A line chart of `series` over `labels` (one value per label), on `axis`,
/// with optional shaded `bands`. The first series is drawn heaviest.
pub(crate) fn line_chart(
    text: &ChartText<'_>,
    labels: &[String],
    series: &[Series<'_>],
    axis: Axis,
    bands: &[Band],
) -> ChartHtml {
    line_chart_marked(text, labels, series, axis, bands, None)
}

/// [`line_chart`] with a vertical `mark` at one label.
pub(crate) fn line_chart_marked(
    text: &ChartText<'_>,
    labels: &[String],
    series: &[Series<'_>],
    axis: Axis,
    bands: &[Band],
    mark: Option<XMark<'_>>,
) -> ChartHtml {
    let frame = Frame::new(axis, !bands.is_empty());
    // Many lines need room: on a phone such a chart keeps a readable width
    // and scrolls sideways inside its own box, never the page.
    let dense = series.len() > DENSE_SERIES;
    let mut out = String::from(if dense {
        "<figure class=\"chart-figure chart-dense\">"
    } else {
        "<figure class=\"chart-figure\">"
    });
    if dense {
        let _ = write!(
            out,
            "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{}-title\">",
            slug(text.id)
        );
    }
    open_svg(&mut out, text, "chart-line");
    y_axis(&mut out, &frame, text.y_label, bands);
    x_axis(&mut out, &frame, labels);
    let n = labels.len();
    if let Some(mark) = mark.filter(|m| m.index < n) {
        draw_mark(&mut out, &frame, n, mark);
    }
    for (i, s) in series.iter().enumerate() {
        let width = if i == 0 { 3.5 } else { 2.0 };
        let points: Vec<Option<(f64, f64)>> = s
            .values
            .iter()
            .take(n)
            .enumerate()
            .map(|(j, v)| v.map(|v| (frame.x(j, n), frame.y(v))))
            .collect();
        let _ = write!(out, "<g class=\"series series-{i} {}\">", s.ink.class());
        polylines(&mut out, &points, width, &dash(i));
        for (j, point) in points.iter().enumerate() {
            if let (Some((x, y)), Some(label)) = (point, labels.get(j)) {
                let tip = format!("{}, {}: {}", label, s.name, value_text(s.values[j], axis.suffix));
                marker(&mut out, i, *x, *y, if i == 0 { 4.5 } else { 3.5 }, &tip);
            }
        }
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        "<line class=\"chart-frame\" x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"currentColor\"/>",
        l = c(super::LEFT),
        t = c(super::TOP),
        b = c(BOTTOM)
    );
    out.push_str("</svg>");
    if dense {
        out.push_str("</div>");
    }
    legend(&mut out, series, |i| {
        let mut key = String::new();
        let _ = write!(
            key,
            "<g class=\"series series-{i} {ink}\"><line class=\"chart-line\" x1=\"1\" y1=\"8\" x2=\"31\" y2=\"8\" \
             stroke=\"currentColor\" stroke-width=\"{w}\"{d}/>",
            w = if i == 0 { "3" } else { "2" },
            d = dash(i),
            ink = series[i].ink.class(),
        );
        marker(&mut key, i, 16.0, 8.0, 4.0, "");
        key.push_str("</g>");
        key
    });
    out.push_str("</figure>");
    ChartHtml(out)
}

/// The vertical mark at one label (and its guide to the end), over the plot
/// of `n` labels.
fn draw_mark(out: &mut String, frame: &Frame, n: usize, mark: XMark<'_>) {
    let at = frame.x(mark.index, n);
    let x = c(at);
    // The word reads away from the nearer edge, so it never leaves the chart.
    let (anchor, tx) = if mark.index * 2 >= n { ("end", at - 4.0) } else { ("start", at + 4.0) };
    let _ = write!(
        out,
        "<g class=\"chart-xmark\"><line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\" stroke=\"currentColor\" \
         stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\" \
         fill=\"currentColor\">{label}</text></g>",
        tx = c(tx),
        t = c(TOP),
        b = c(BOTTOM),
        ty = c(TOP - 8.0),
        label = escape(mark.label),
    );
    if let Some(guide) = mark.guide {
        let (x2, y) = (frame.x(n.saturating_sub(1), n), frame.y(guide.value));
        let _ = write!(
            out,
            "<g class=\"guide\"><line x1=\"{x}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"currentColor\" \
             stroke-width=\"1.5\" stroke-dasharray=\"1 4\"/><text x=\"{x2}\" y=\"{ty}\" text-anchor=\"end\" \
             fill=\"currentColor\">{label}</text></g>",
            y = c(y),
            x2 = c(x2),
            ty = c(y - 6.0),
            label = escape(guide.label),
        );
    }
}

pub(super) fn dash(i: usize) -> String {
    match DASHES[i % DASHES.len()] {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    }
}

/// One `<polyline>` per run of known points; a lone point draws nothing
/// (its marker shows it).
pub(super) fn polylines(out: &mut String, points: &[Option<(f64, f64)>], width: f64, dash: &str) {
    for run in points.split(Option::is_none) {
        if run.len() < 2 {
            continue;
        }
        let coords: Vec<String> = run.iter().flatten().map(|(x, y)| format!("{},{}", c(*x), c(*y))).collect();
        let _ = write!(
            out,
            "<polyline class=\"chart-line\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" \
             stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash}/>",
            coords.join(" "),
            format::trimmed(width, 1),
        );
    }
}

/// The marker of series `i` at (x, y), radius `r`, with a tooltip.
pub(super) fn marker(out: &mut String, i: usize, x: f64, y: f64, r: f64, tip: &str) {
    let path = |pts: &[(f64, f64)]| {
        let d: Vec<String> =
            pts.iter().map(|(dx, dy)| format!("{},{}", c(x + dx * r), c(y + dy * r))).collect();
        format!("<path class=\"chart-marker\" d=\"M{}Z\" fill=\"currentColor\"", d.join(" L"))
    };
    let shape = match i % 6 {
        0 => format!(
            "<circle class=\"chart-marker\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"currentColor\"",
            c(x),
            c(y),
            c(r)
        ),
        1 => {
            let side = r * 1.7;
            format!(
                "<rect class=\"chart-marker\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\"",
                c(x - side / 2.0),
                c(y - side / 2.0),
                c(side),
                c(side)
            )
        }
        2 => path(&[(0.0, -1.3), (1.2, 0.9), (-1.2, 0.9)]),
        3 => path(&[(0.0, -1.35), (1.35, 0.0), (0.0, 1.35), (-1.35, 0.0)]),
        4 => path(&[(-1.2, -0.9), (1.2, -0.9), (0.0, 1.3)]),
        _ => path(&[
            (-1.2, -0.4),
            (-0.4, -0.4),
            (-0.4, -1.2),
            (0.4, -1.2),
            (0.4, -0.4),
            (1.2, -0.4),
            (1.2, 0.4),
            (0.4, 0.4),
            (0.4, 1.2),
            (-0.4, 1.2),
            (-0.4, 0.4),
            (-1.2, 0.4),
        ]),
    };
    if tip.is_empty() {
        let _ = write!(out, "{shape}/>");
    } else {
        let tag = match i % 6 {
            0 => "circle",
            1 => "rect",
            _ => "path",
        };
        let _ = write!(out, "{shape}><title class=\"chart-tip\">{}</title></{tag}>", escape(tip));
    }
}
