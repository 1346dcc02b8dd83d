//! Grouped bar charts.

use std::fmt::Write as _;

use super::{
    Axis, BOTTOM, ChartHtml, ChartText, Frame, Series, c, escape, legend, open_svg, value_text, x_axis,
    y_axis,
};

/// A grouped bar chart: for each label, one bar per series side by side.
/// The first series is hatched and the others solid, so the first (say,
/// committed points) and the second (completed) differ without colour.
pub(crate) fn bar_chart(
    text: &ChartText<'_>,
    labels: &[String],
    series: &[Series<'_>],
    axis: Axis,
) -> ChartHtml {
    let frame = Frame::new(axis, false);
    let mut out = String::from("<figure class=\"chart-figure\">");
    let id = open_svg(&mut out, text, "chart-bar");
    let hatch = format!("{id}-hatch");
    let _ = write!(
        out,
        "<defs><pattern id=\"{hatch}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
         patternTransform=\"rotate(45)\"><line class=\"chart-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \
         stroke=\"currentColor\" stroke-width=\"3\"/></pattern></defs>"
    );
    y_axis(&mut out, &frame, text.y_label, &[]);
    let n = labels.len();
    let k = series.len().max(1);
    let group = frame.slot(n) * 0.78;
    let bar = group / k as f64;
    for (i, s) in series.iter().enumerate() {
        let _ = write!(out, "<g class=\"bars bars-{i}\">");
        for (j, label) in labels.iter().enumerate() {
            let Some(value) = s.values.get(j).copied().flatten() else { continue };
            let x = frame.x(j, n) - group / 2.0 + bar * i as f64;
            let top = frame.y(value.max(axis.min));
            let _ = write!(
                out,
                "<rect class=\"bar bar-{i}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" \
                 stroke=\"currentColor\"><title class=\"chart-tip\">{tip}</title></rect>",
                x = c(x + 0.75),
                y = c(top),
                w = c((bar - 1.5).max(1.0)),
                h = c(BOTTOM - top),
                fill = fill(i, &hatch),
                tip = escape(&format!("{label}, {}: {}", s.name, value_text(Some(value), axis.suffix))),
            );
        }
        out.push_str("</g>");
    }
    x_axis(&mut out, &frame, labels);
    out.push_str("</svg>");
    legend(&mut out, series, |i| {
        format!(
            "<rect class=\"bar bar-{i}\" x=\"4\" y=\"2\" width=\"24\" height=\"12\" fill=\"{}\" stroke=\"currentColor\"/>",
            fill(i, &hatch)
        )
    });
    out.push_str("</figure>");
    ChartHtml(out)
}

fn fill(i: usize, hatch: &str) -> String {
    if i == 0 { format!("url(#{hatch})") } else { "currentColor".to_string() }
}
