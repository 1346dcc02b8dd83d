//! Grouped bar charts, optionally with a line and a mark over each group
//! (the velocity chart: committed and completed bars, the rolling velocity
//! as a line, and whether each sprint met its goal).

use std::fmt::Write as _;

use super::line::{dash, marker, polylines};
use super::{
    Axis, BOTTOM, ChartHtml, ChartText, Frame, Ink, Series, TOP, c, escape, legend, open_svg, value_text,
    x_axis, y_axis,
};

/// A mark above a group of bars: a glyph that says what it means without
/// colour, and the words for the tooltip and the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// `✓`.
    pub glyph: &'static str,
    /// `goal met` (CSS class suffix and legend text come from it).
    pub key: &'static str,
    /// `Goal met`.
    pub label: &'static str,
}

/// What a bar chart may draw over its bars.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overlay<'a> {
    /// A line through the groups' centres (dashed, with square markers).
    pub line: Option<Series<'a>>,
    /// One optional mark per group, above the plot.
    pub marks: Vec<Option<Mark>>,
}

/// A grouped bar chart: for each label, one bar per series side by side.
/// Planned work ([`Ink::Planned`]) is hatched, removed work
/// ([`Ink::Removed`]) hatched the other way and the rest solid, so
/// committed, completed, added and removed points differ without colour.
pub(crate) fn bar_chart(
    text: &ChartText<'_>,
    labels: &[String],
    series: &[Series<'_>],
    axis: Axis,
) -> ChartHtml {
    bar_chart_with(text, labels, series, axis, &Overlay::default())
}

/// [`bar_chart`] with a line and marks over the bars.
pub(crate) fn bar_chart_with(
    text: &ChartText<'_>,
    labels: &[String],
    series: &[Series<'_>],
    axis: Axis,
    overlay: &Overlay<'_>,
) -> ChartHtml {
    let frame = Frame::new(axis, false);
    let mut out = String::from("<figure class=\"chart-figure\">");
    let id = open_svg(&mut out, text, "chart-bar");
    let hatch = format!("{id}-hatch");
    let _ = write!(
        out,
        "<defs><pattern id=\"{hatch}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
         patternTransform=\"rotate(45)\"><line class=\"chart-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \
         stroke=\"currentColor\" stroke-width=\"3\"/></pattern>"
    );
    // Removed work leans the other way, so it differs from planned work
    // without colour too.
    if series.iter().any(|s| s.ink == Ink::Removed) {
        let _ = write!(
            out,
            "<pattern id=\"{hatch}-back\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
             patternTransform=\"rotate(-45)\"><line class=\"chart-hatch-removed\" x1=\"0\" y1=\"0\" x2=\"0\" \
             y2=\"6\" stroke=\"currentColor\" stroke-width=\"2\"/></pattern>"
        );
    }
    out.push_str("</defs>");
    y_axis(&mut out, &frame, text.y_label, &[]);
    let n = labels.len();
    let k = series.len().max(1);
    let group = frame.slot(n) * 0.78;
    let bar = group / k as f64;
    for (i, s) in series.iter().enumerate() {
        let _ = write!(out, "<g class=\"bars bars-{i} {}\">", s.ink.class());
        for (j, label) in labels.iter().enumerate() {
            let Some(value) = s.values.get(j).copied().flatten() else { continue };
            let x = frame.x(j, n) - group / 2.0 + bar * i as f64;
            let top = frame.y(value.max(axis.min));
            let _ = write!(
                out,
                "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" \
                 stroke=\"currentColor\"><title class=\"chart-tip\">{tip}</title></rect>",
                x = c(x + 0.75),
                y = c(top),
                w = c((bar - 1.5).max(1.0)),
                h = c(BOTTOM - top),
                fill = fill(s.ink, &hatch),
                tip = escape(&format!("{label}, {}: {}", s.name, value_text(Some(value), axis.suffix))),
            );
        }
        out.push_str("</g>");
    }
    x_axis(&mut out, &frame, labels);
    if let Some(line) = &overlay.line {
        overlay_line(&mut out, &frame, labels, line);
    }
    marks(&mut out, &frame, labels, &overlay.marks);
    out.push_str("</svg>");
    legend(&mut out, series, |i| {
        let ink = series[i].ink;
        format!(
            "<rect class=\"bar {}\" x=\"4\" y=\"2\" width=\"24\" height=\"12\" fill=\"{}\" stroke=\"currentColor\"/>",
            ink.class(),
            fill(ink, &hatch)
        )
    });
    overlay_legend(&mut out, overlay);
    out.push_str("</figure>");
    ChartHtml(out)
}

/// The overlay line: dashed, square markers, drawn as the line chart's
/// second series is, so it reads the same in both kinds of chart.
fn overlay_line(out: &mut String, frame: &Frame, labels: &[String], line: &Series<'_>) {
    let n = labels.len();
    let points: Vec<Option<(f64, f64)>> =
        line.values.iter().take(n).enumerate().map(|(j, v)| v.map(|v| (frame.x(j, n), frame.y(v)))).collect();
    let _ = write!(out, "<g class=\"series series-overlay {}\">", line.ink.class());
    polylines(out, &points, 2.5, &dash(1));
    for (j, point) in points.iter().enumerate() {
        if let (Some((x, y)), Some(label)) = (point, labels.get(j)) {
            let tip = format!("{label}, {}: {}", line.name, value_text(line.values[j], frame.axis.suffix));
            marker(out, 1, *x, *y, 4.0, &tip);
        }
    }
    out.push_str("</g>");
}

/// The marks, in a row above the plot, centred on their groups.
fn marks(out: &mut String, frame: &Frame, labels: &[String], marks: &[Option<Mark>]) {
    let n = labels.len();
    if marks.iter().all(Option::is_none) {
        return;
    }
    out.push_str("<g class=\"chart-marks\">");
    for (j, (mark, label)) in marks.iter().zip(labels).enumerate() {
        let Some(mark) = mark else { continue };
        let _ = write!(
            out,
            "<text class=\"chart-mark mark-{key}\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" fill=\"currentColor\">{glyph}\
             <title class=\"chart-tip\">{tip}</title></text>",
            key = mark.key,
            x = c(frame.x(j, n)),
            y = c(TOP - 8.0),
            glyph = mark.glyph,
            tip = escape(&format!("{label}: {}", mark.label)),
        );
    }
    out.push_str("</g>");
}

/// Legend entries for the overlay, after the bars' own.
fn overlay_legend(out: &mut String, overlay: &Overlay<'_>) {
    let mut items = String::new();
    if let Some(line) = &overlay.line {
        let mut key = format!("<g class=\"series series-overlay {}\">", line.ink.class());
        let _ = write!(
            key,
            "<line class=\"chart-line\" x1=\"1\" y1=\"8\" x2=\"31\" y2=\"8\" stroke=\"currentColor\" stroke-width=\"2.5\"{}/>",
            dash(1)
        );
        marker(&mut key, 1, 16.0, 8.0, 4.0, "");
        key.push_str("</g>");
        let _ = write!(
            items,
            "<li><svg class=\"chart-key\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 16\" \
             width=\"32\" height=\"16\" aria-hidden=\"true\">{key}</svg>{}</li>",
            escape(line.name)
        );
    }
    let mut seen: Vec<Mark> = Vec::new();
    for mark in overlay.marks.iter().flatten() {
        if !seen.contains(mark) {
            seen.push(*mark);
        }
    }
    for mark in seen {
        let _ = write!(
            items,
            "<li><span class=\"chart-mark-key mark-{}\" aria-hidden=\"true\">{}</span>{}</li>",
            mark.key, mark.glyph, mark.label
        );
    }
    if items.is_empty() {
        return;
    }
    // Appended to the series legend: one list for the whole chart.
    if out.ends_with("</ul>") {
        out.truncate(out.len() - "</ul>".len());
        out.push_str(&items);
        out.push_str("</ul>");
    }
}

fn fill(ink: Ink, hatch: &str) -> String {
    match ink {
        Ink::Planned => format!("url(#{hatch})"),
        Ink::Removed => format!("url(#{hatch}-back)"),
        _ => "currentColor".to_string(),
    }
}
