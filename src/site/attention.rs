//! "Needs attention" as pages print it: the entries come from
//! [`crate::analysis::attention`]; here they only get links and words.

use serde::Serialize;

use super::format::LinkView;
use super::paths::SitePaths;
pub use crate::analysis::attention::{Attention, Target};

/// An entry ready to print, with links relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttentionView {
    /// `urgent`, for CSS.
    pub severity: &'static str,
    /// `Urgent`.
    pub severity_label: &'static str,
    /// The sentence.
    pub text: String,
    /// Where to act, relative to the site root.
    pub url: Option<String>,
    /// `Open the sprint`, `See the action items` ...
    pub action: &'static str,
    /// Lines under it, linked where they have a page.
    pub details: Vec<LinkView>,
}

/// The page a target points at, relative to the site root.
pub fn url(target: &Target, paths: &SitePaths) -> Option<String> {
    match target {
        Target::Note(path) => paths.note_url(path),
        Target::Sprint(id) => paths.sprint_url(id),
        Target::Backlog => Some(super::paths::BACKLOG.to_string()),
        Target::Actions => Some(super::paths::ACTIONS.to_string()),
    }
}

/// What following the link lets you do.
fn action(target: Option<&Target>) -> &'static str {
    match target {
        Some(Target::Note(_)) => "Open the meeting notes",
        Some(Target::Sprint(_)) => "Open the sprint",
        Some(Target::Backlog) => "Open the backlog",
        Some(Target::Actions) => "See all action items",
        None => "",
    }
}

/// The entry as pages print it; on a `public` site without note text (and
/// `paths` has no note pages to link).
pub fn view(entry: &Attention, paths: &SitePaths, public: bool) -> AttentionView {
    AttentionView {
        severity: entry.severity.key(),
        severity_label: entry.severity.label(),
        text: entry.sentence(public).to_string(),
        url: entry.target.as_ref().and_then(|t| url(t, paths)),
        action: action(entry.target.as_ref()),
        details: entry
            .details
            .iter()
            .map(|d| LinkView {
                label: d.line(public).to_string(),
                url: d.target.as_ref().and_then(|t| url(t, paths)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::analysis::{History, analyse};
    use crate::site::testdata::{REPORT_DATE, project};

    #[test]
    fn targets_become_site_links() {
        let mut p = project();
        // The retro of 2026-09-28 falls in the window once the sprint starts earlier.
        p.sprints[0].start = crate::model::Date::constant(2026, 9, 21);
        let paths = SitePaths::new(&p);
        let list = analyse(&p, REPORT_DATE, History::Recent).attention;
        let views: Vec<AttentionView> = list.iter().map(|a| view(a, &paths, false)).collect();
        assert_eq!(views[0].url.as_deref(), Some("actions/index.html"));
        assert_eq!(views[0].details[0].url.as_deref(), Some("notes/2026-10-05-planning/index.html"));
        assert_eq!(views[1].url.as_deref(), Some("notes/2026-09-28-retro/index.html"));
        assert_eq!(url(&Target::Sprint("S21".into()), &paths).as_deref(), Some("sprints/s21/index.html"));
        assert_eq!(url(&Target::Backlog, &paths).as_deref(), Some("backlog/index.html"));
    }
}
