//! A Jira search result (JSON): `import::jira_json::read`, under default,
//! Spanish or Berlin import settings (picked by the input's length).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::import::jira_json;
use tandem::import::record::Export;

fuzz_target!(|data: &[u8]| {
    // `tandem import` refuses a JSON file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = tandem_fuzz::import_settings(data.len());
    let dates = tandem_fuzz::date_reader(&settings);
    let mut export = Export::default();
    let mut diags = Diagnostics::new();
    jira_json::read(text, "search.json", &settings, &dates, &mut export, &mut diags);
});
