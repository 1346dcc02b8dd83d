//! `tandem.yaml`: `load::yaml::parse`, then `load::settings::read_settings`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::load::{settings, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Diagnostics::new();
    if let Some(node) = yaml::parse(text, "tandem.yaml", 0, &mut diags) {
        let _ = settings::read_settings(&node, "tandem.yaml", &mut diags);
    }
});
