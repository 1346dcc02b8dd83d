//! What the fuzz targets share: a team and sprints to read notes and YAML
//! against (the sample data's), and import settings to vary.

use std::collections::BTreeMap;

use tandem::diagnostics::Diagnostics;
use tandem::import::config::ImportSettings;
use tandem::import::dates::DateReader;
use tandem::import::record::Category;
use tandem::load::{sprints, team, yaml};
use tandem::model::{Sprint, Team};

/// The sample data's team.
pub fn sample_team() -> Team {
    let mut d = Diagnostics::new();
    let node = yaml::parse(include_str!("../../sample-data/team.yaml"), "team.yaml", 0, &mut d)
        .expect("sample team.yaml parses");
    team::read_team(&node, "team.yaml", &mut d).expect("sample team.yaml reads")
}

/// A few of the sample data's sprints, checked like `load` checks them.
pub fn sample_sprints(team: &Team) -> Vec<Sprint> {
    let files = [
        ("sprints/s21.yaml", "s21", include_str!("../../sample-data/sprints/s21.yaml")),
        ("sprints/s22.yaml", "s22", include_str!("../../sample-data/sprints/s22.yaml")),
    ];
    let mut d = Diagnostics::new();
    let mut located = Vec::new();
    for (path, stem, text) in files {
        let node = yaml::parse(text, path, 0, &mut d).expect("sample sprint parses");
        located.extend(sprints::read_sprint(&node, path, stem, Some(team), &mut d));
    }
    sprints::check_sprints(located, &mut d)
}

/// Import settings: the defaults, or (picked by `choice`) a Spanish Jira
/// export's (localised month names, a strftime date format, renamed
/// columns, status categories), or a Berlin time zone.
pub fn import_settings(choice: usize) -> ImportSettings {
    let mut s = ImportSettings::default();
    match choice % 3 {
        1 => {
            s.date_format = Some("%d/%b/%y %I:%M %p".into());
            s.months = Some(
                ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
                    .iter()
                    .map(|m| (*m).to_string())
                    .collect(),
            );
            s.points_field = Some("Puntos de historia".into());
            let columns = [
                ("summary", "Resumen"),
                ("key", "Clave de incidencia"),
                ("type", "Tipo de Incidencia"),
                ("status", "Estado"),
                ("status_category", "Categoría de estado"),
                ("sprint", "Sprint"),
                ("points", "Puntos de historia"),
                ("created", "Creada"),
                ("updated", "Actualizada"),
                ("resolved", "Resuelta"),
                ("assignee", "Persona asignada"),
                ("labels", "Etiquetas"),
                ("description", "Descripción"),
            ];
            s.columns = columns.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
            s.status_categories = BTreeMap::from([
                ("por hacer".to_string(), Category::Todo),
                ("en curso".to_string(), Category::InProgress),
                ("listo".to_string(), Category::Done),
            ]);
            s.types = BTreeMap::from([("historia".to_string(), "story".to_string())]);
        }
        2 => {
            s.timezone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap_or(jiff::tz::TimeZone::UTC);
            s.date_format = Some("%m/%d/%Y %H:%M".into());
        }
        _ => {}
    }
    s
}

/// The date reader `tandem import` builds from `settings`.
pub fn date_reader(settings: &ImportSettings) -> DateReader {
    DateReader::new(settings.timezone.clone(), settings.months.clone(), settings.date_format.clone())
}

/// Panics when `html` holds a `<script` element or an `on*` attribute: the
/// promise of `tandem::site::markdown::to_html`.
pub fn assert_no_script(html: &str) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        // A tag: its name, then attributes up to `>`, quotes respected.
        let mut j = i + 1;
        if j < bytes.len() && bytes[j] == b'/' {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        assert!(name != "script", "a <script> element in the rendered HTML: {html}");
        if name.is_empty() {
            i += 1;
            continue;
        }
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let attr_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !b"=>/".contains(&bytes[j]) {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "an `{attr}` attribute in the rendered HTML: {html}");
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j];
                    j += 1;
                    while j < bytes.len() && bytes[j] != quote {
                        j += 1;
                    }
                    j += 1;
                } else {
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                }
            }
            if j == attr_start {
                j += 1;
            }
        }
        i = j.max(i + 1);
    }
}
