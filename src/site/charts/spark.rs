//! Word-sized line charts: one indicator's last weeks beside its figure.

use std::fmt::Write as _;

use super::{ChartHtml, c, escape};
use crate::site::slug::slug;

/// Drawing size in SVG units (and CSS pixels).
const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 32.0;
/// Room around the line for the end dot.
const PAD: f64 = 4.0;

/// A sparkline of `values` (one per week, `None` breaks the line) from 0 at
/// the bottom to `top` at the top, as an accessible image named `title` and
/// described by `desc`, in a `<figure>` that a [`super::DataTable`] can join.
pub(crate) fn sparkline(id: &str, title: &str, desc: &str, values: &[Option<f64>], top: f64) -> ChartHtml {
    let id = slug(id);
    let n = values.len();
    let x =
        |i: usize| if n <= 1 { WIDTH / 2.0 } else { PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64 };
    let top = if top > 0.0 { top } else { 1.0 };
    let y = |v: f64| HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v / top).clamp(0.0, 1.0);
    let mut out = String::from("<figure class=\"spark-figure\">");
    let _ = write!(
        out,
        "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{title}</title>\
         <desc id=\"{id}-desc\">{desc}</desc><line class=\"spark-base\" x1=\"0\" y1=\"{b}\" x2=\"{w}\" y2=\"{b}\"/>",
        w = WIDTH,
        h = HEIGHT,
        b = c(y(0.0)),
        title = escape(title),
        desc = escape(desc),
    );
    let points: Vec<Option<(f64, f64)>> =
        values.iter().enumerate().map(|(i, v)| v.map(|v| (x(i), y(v)))).collect();
    for run in points.split(Option::is_none) {
        let coords: Vec<String> = run.iter().flatten().map(|(x, y)| format!("{},{}", c(*x), c(*y))).collect();
        match coords.len() {
            0 => {}
            1 => {
                let (px, py) = run.iter().flatten().next().copied().unwrap_or_default();
                let _ =
                    write!(out, "<circle class=\"spark-point\" cx=\"{}\" cy=\"{}\" r=\"2\"/>", c(px), c(py));
            }
            _ => {
                let _ = write!(out, "<polyline class=\"spark-line\" points=\"{}\"/>", coords.join(" "));
            }
        }
    }
    if let Some(Some((px, py))) = points.last() {
        let _ = write!(out, "<circle class=\"spark-dot\" cx=\"{}\" cy=\"{}\" r=\"3\"/>", c(*px), c(*py));
    }
    out.push_str("</svg></figure>");
    ChartHtml(out)
}
