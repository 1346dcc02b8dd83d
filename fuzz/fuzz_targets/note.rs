//! A note file's text, read the way `load` reads it (`load::notes::parse_note`),
//! then its body rendered the way the site renders it; the HTML must hold no
//! script.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tandem::diagnostics::Diagnostics;
use tandem::load::notes::{NoteContext, parse_note};
use tandem::model::{DateOrder, Sprint, Team};
use tandem::site::markdown::{Placement, to_html};

static TEAM: LazyLock<Team> = LazyLock::new(tandem_fuzz::sample_team);
static SPRINTS: LazyLock<Vec<Sprint>> = LazyLock::new(|| tandem_fuzz::sample_sprints(&TEAM));

fuzz_target!(|data: &[u8]| {
    // `load` skips a note that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = match data.len() % 2 {
        0 => "notes/2026/sprint-22/2026-11-09-planning.md",
        _ => "notes/retro.md",
    };
    let date_order = match data.len() % 3 {
        0 => None,
        1 => Some(DateOrder::Dmy),
        _ => Some(DateOrder::Mdy),
    };
    let ctx = NoteContext { team: &TEAM, sprints: &SPRINTS, date_order };
    let mut diags = Diagnostics::new();
    if let Some(note) = parse_note(path, text, &ctx, &mut diags) {
        let html = to_html(&note.body, Placement { heading_offset: 1, title: Some(&note.title) });
        tandem_fuzz::assert_no_script(html.as_str());
    }
});
