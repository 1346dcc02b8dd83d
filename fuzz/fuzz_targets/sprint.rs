//! `sprints/<name>.yaml`: `load::yaml::parse`, `load::sprints::read_sprint`
//! against the sample team, then the cross-file `check_sprints` with two of
//! the sample sprints.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::load::{sprints, yaml};
use tandem::model::Team;

static TEAM: LazyLock<Team> = LazyLock::new(tandem_fuzz::sample_team);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Diagnostics::new();
    let Some(node) = yaml::parse(text, "sprints/s99.yaml", 0, &mut diags) else { return };
    let team = data.len().is_multiple_of(2).then_some(&*TEAM);
    let Some(located) = sprints::read_sprint(&node, "sprints/s99.yaml", "s99", team, &mut diags) else {
        return;
    };
    let mut list = vec![located];
    for (path, stem, text) in [
        ("sprints/s21.yaml", "s21", include_str!("../../sample-data/sprints/s21.yaml")),
        ("sprints/s22.yaml", "s22", include_str!("../../sample-data/sprints/s22.yaml")),
    ] {
        if let Some(node) = yaml::parse(text, path, 0, &mut diags) {
            list.extend(sprints::read_sprint(&node, path, stem, team, &mut diags));
        }
    }
    let _ = sprints::check_sprints(list, &mut diags);
});
