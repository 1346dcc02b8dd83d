//! A Jira CSV export: `import::jira_csv::read`, under default, Spanish or
//! Berlin import settings (picked by the input's length).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::import::jira_csv;
use tandem::import::record::Export;

fuzz_target!(|data: &[u8]| {
    let settings = tandem_fuzz::import_settings(data.len());
    let dates = tandem_fuzz::date_reader(&settings);
    let mut export = Export::default();
    let mut diags = Diagnostics::new();
    jira_csv::read(data, "export.csv", &settings, &dates, &mut export, &mut diags);
});
