//! The numbers of a chart as an HTML table inside a `<details>`: every chart
//! carries its figures, for screen readers, for copying, and for anyone who
//! would rather read than look.

use std::fmt::Write as _;

use super::{Series, escape};
use crate::site::slug::slug;

/// A chart's figures: one row per x label, one column per series.
#[derive(Debug, Clone)]
pub(crate) struct DataTable {
    /// Prefix of the table's ids, unique on its page (made a slug).
    pub id: String,
    /// What the rows hold: "Committed and completed points by sprint".
    pub caption: String,
    /// Column headers, the row headers' column first.
    pub columns: Vec<String>,
    /// Rows: the row header, then one cell per further column.
    pub rows: Vec<(String, Vec<String>)>,
}

impl DataTable {
    /// One row per label, one column per series, each value printed by
    /// `print` (the page's own wording of that figure, "no data" for none).
    pub fn of_series(
        id: &str,
        caption: &str,
        first: &str,
        labels: &[String],
        series: &[Series<'_>],
        print: impl Fn(Option<f64>) -> String,
    ) -> DataTable {
        let columns =
            std::iter::once(first.to_string()).chain(series.iter().map(|s| s.name.to_string())).collect();
        let rows = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let cells = series.iter().map(|s| print(s.values.get(i).copied().flatten())).collect();
                (label.clone(), cells)
            })
            .collect();
        DataTable { id: id.to_string(), caption: caption.to_string(), columns, rows }
    }

    /// Another column: `name`, one cell per row (missing cells are empty).
    pub fn column(mut self, name: &str, cells: Vec<String>) -> DataTable {
        self.columns.push(name.to_string());
        let mut cells = cells.into_iter();
        for (_, row) in &mut self.rows {
            row.push(cells.next().unwrap_or_default());
        }
        self
    }

    /// `<details>` with a summary and the table, every text escaped.
    pub(super) fn details(&self) -> String {
        let id = format!("{}-data", slug(&self.id));
        let mut out = String::new();
        let _ = write!(
            out,
            "<details class=\"chart-data\"><summary>The numbers<span class=\"visually-hidden\">: {caption}</span></summary>\
             <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}\">\
             <table class=\"data-table\"><caption id=\"{id}\"><span class=\"caption-text\">{caption}</span></caption>\
             <thead><tr>",
            caption = escape(&self.caption)
        );
        for (i, name) in self.columns.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"num\"" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(name));
        }
        out.push_str("</tr></thead><tbody>");
        for (label, cells) in &self.rows {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(label));
            for cell in cells {
                let _ = write!(out, "<td class=\"num\">{}</td>", escape(cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div></details>");
        out
    }
}
