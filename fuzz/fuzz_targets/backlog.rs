//! `backlog.yaml` and `backlog/<date>.yaml`: `load::yaml::parse`, then
//! `load::backlog::read_snapshot` against the sample team.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::load::{backlog, yaml};
use tandem::model::Team;

static TEAM: LazyLock<Team> = LazyLock::new(tandem_fuzz::sample_team);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (path, date) = match data.len() % 2 {
        0 => ("backlog.yaml", None),
        _ => ("backlog/2026-11-09.yaml", jiff::civil::Date::new(2026, 11, 9).ok()),
    };
    let mut diags = Diagnostics::new();
    if let Some(node) = yaml::parse(text, path, 0, &mut diags) {
        let team = (!data.len().is_multiple_of(3)).then_some(&*TEAM);
        let _ = backlog::read_snapshot(&node, path, date, team, &mut diags);
    }
});
