//! `team.yaml`: `load::yaml::parse`, then `load::team::read_team`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::load::{team, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Diagnostics::new();
    if let Some(node) = yaml::parse(text, "team.yaml", 0, &mut diags) {
        let _ = team::read_team(&node, "team.yaml", &mut diags);
    }
});
