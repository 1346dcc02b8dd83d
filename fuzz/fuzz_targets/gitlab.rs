//! A page of GitLab issues (JSON): `import::gitlab::read`, with a UTC or a
//! Berlin date reader (picked by the input's length).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::import::gitlab;
use tandem::import::record::Export;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = tandem_fuzz::import_settings(data.len());
    let dates = tandem_fuzz::date_reader(&settings);
    let mut export = Export::default();
    let mut diags = Diagnostics::new();
    gitlab::read(text, "issues.json", &dates, &mut export, &mut diags);
});
