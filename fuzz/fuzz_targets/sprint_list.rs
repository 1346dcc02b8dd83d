//! `--sprints FILE`: `import::sprint_list::read`, as JSON, CSV or YAML by its
//! file name (picked by the input's length), under varied import settings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::import::sprint_list;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = match data.len() % 3 {
        0 => "sprints.json",
        1 => "sprints.csv",
        _ => "sprints.yaml",
    };
    let settings = tandem_fuzz::import_settings(data.len() / 3);
    let dates = tandem_fuzz::date_reader(&settings);
    let mut diags = Diagnostics::new();
    let _ = sprint_list::read(text, file, &dates, &mut diags);
});
