//! The flow page, the dashboard's forecast and the running sprint's "how
//! many more", rendered from a small project with start dates.

use super::words;
use crate::analysis::{History, analyse};
use crate::model::{
    Backlog, BacklogItem, BacklogSnapshot, BacklogState, Date, ItemStatus, Project, Sprint, SprintItem,
};
use crate::site::{Site, SiteOptions, render};
use crate::testkit::{self, ProjectBuilder, date};

const D: &str = "2026-03-18";

fn item(id: &str, status: ItemStatus, done: Option<&str>, started: Option<&str>) -> SprintItem {
    SprintItem {
        title: format!("Work <{id}>"),
        points: Some(2.0),
        done: done.map(date),
        started: started.map(date),
        ..testkit::sprint_item(id, status)
    }
}

fn ready(ids: &[&str]) -> Backlog {
    let items = ids
        .iter()
        .map(|id| BacklogItem {
            id: (*id).into(),
            title: format!("Ready {id}"),
            points: None,
            item_type: None,
            state: BacklogState::Ready,
            created: date("2026-03-01"),
            updated: None,
            acceptance: Vec::new(),
            owner: None,
        })
        .collect();
    Backlog::Current(BacklogSnapshot { date: None, items, path: "backlog.yaml".into() })
}

/// S1 ended with three items done; S2 runs on D with one item done and two
/// under way (one started long ago, in S1).
fn project() -> Project {
    use ItemStatus::{Done, NotDone};
    let s1 = Sprint {
        items: vec![
            item("A-1", Done, Some("2026-03-04"), Some("2026-03-02")),
            item("A-2", Done, Some("2026-03-10"), Some("2026-03-05")),
            item("A-3", Done, Some("2026-03-12"), None),
            item("A-4", NotDone, None, Some("2026-03-03")),
        ],
        ..testkit::sprint("S1", "2026-03-02", "2026-03-13")
    };
    let s2 = Sprint {
        name: "Sprint 2".into(),
        items: vec![
            item("A-4", NotDone, None, None),
            item("A-5", Done, Some("2026-03-17"), Some("2026-03-16")),
            item("A-6", NotDone, None, Some("2026-03-17")),
        ],
        ..testkit::sprint("S2", "2026-03-16", "2026-03-27")
    };
    ProjectBuilder::new("Flow").sprints(vec![s1, s2]).backlog(ready(&["R-1", "R-2"])).build()
}

fn site(p: &Project) -> Site {
    let analysis = analyse(p, date(D), History::Full);
    render(p, &analysis, &SiteOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn page<'a>(site: &'a Site, path: &str) -> &'a str {
    std::str::from_utf8(&site.files[path]).unwrap_or_default()
}

#[test]
fn the_flow_page_explains_each_figure_and_draws_three_charts() {
    let p = project();
    let s = site(&p);
    let html = page(&s, "flow/index.html");
    // F = [03-02, 03-18]: finished; cycle times 3, 6, 2 (A-3 has no start)
    assert!(
        html.contains(
            "4 items finished in the 17 days from Mon 2 Mar to Wed 18 Mar: 4 × 7 ÷ 17 = 1.6 items a week."
        ),
        "{html}"
    );
    assert!(html.contains("85% of the 3 items finished since Mon 2 Mar with a start date took 6 days or less (the 3rd shortest of 3); 50% took 3 days or less (the 2nd)"), "{html}");
    assert!(html.contains("1 more item finished without a start date and is not counted."), "{html}");
    // A-4 started 03-03 (16 days, past 6), A-6 03-17 (2 days)
    assert!(
        html.contains("2 items had started by Wed 18 Mar and were neither finished nor taken out"),
        "{html}"
    );
    assert!(html.contains("1 of the 2 items in progress is older than 6 days"), "{html}");
    // the item past p85 is named and linked to its row on its latest sprint's page
    assert!(
        html.contains("<a href=\"../sprints/s2/index.html#item-a-4\">A-4 Work &lt;A-4&gt; (Sprint 2)</a>"),
        "{html}"
    );
    for id in ["cycle-time-chart", "throughput-chart", "aging-chart"] {
        assert!(html.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")), "{id}");
        assert!(html.contains(&format!("id=\"{id}-data\"")), "{id} has its numbers in a table");
    }
    assert!(!html.contains("style="), "no inline style: the CSP forbids it");
    assert!(!html.contains("<script"));
    // the site's nav has the new section, current on its page
    assert!(html.contains("<a href=\"../flow/index.html\" aria-current=\"page\">Flow</a>"), "{html}");
}

#[test]
fn the_dashboard_states_the_forecast_and_the_sprint_page_how_many_more() {
    let p = project();
    let s = site(&p);
    let dashboard = page(&s, "index.html");
    let sentence = regex_free_find(dashboard, "The 2 ready items: 50% by ", "</p>");
    assert!(sentence.contains(", 85% by ") && sentence.contains(", 95% by "), "{sentence}");
    assert!(sentence.ends_with("— no earlier forecast has come due yet."), "{sentence}");
    // 4 finished items in the window: fewer than 10
    assert!(dashboard.contains("A weak forecast: only 4 items were finished in the 17 days from Mon 2 Mar to Wed 18 Mar, and a forecast needs at least 10"), "{dashboard}");
    let sprint = page(&s, "sprints/s2/index.html");
    assert!(sprint.contains("How many more items by the end of Sprint 2 on Fri 27 Mar: "), "{sprint}");
    assert!(sprint.contains("Started <time datetime=\"2026-03-17\">"), "the item rows show their start");
    // an ended sprint's page has no forecast
    assert!(!page(&s, "sprints/s1/index.html").contains("How many more items"));
}

#[test]
fn without_start_dates_the_page_says_no_data() {
    let mut p = project();
    for i in p.sprints.iter_mut().flat_map(|s| &mut s.items) {
        i.started = None;
    }
    let s = site(&p);
    let html = page(&s, "flow/index.html");
    assert!(
        html.contains(
            "<span class=\"indicator-name\">Cycle time</span> <span class=\"indicator-figure flow-figure\">no data</span>"
        ),
        "{html}"
    );
    assert!(html.contains("<span class=\"indicator-name\">Work in progress</span> <span class=\"indicator-figure flow-figure\">no data</span>"));
    assert!(html.contains("No data: 4 items were finished in the 17 days from Mon 2 Mar to Wed 18 Mar, and none has a start date"));
    assert!(!html.contains("cycle-time-chart-title") && !html.contains("aging-chart-title"));
    // the throughput and the forecast need only finish dates
    assert!(html.contains("throughput-chart-title"));
    assert!(page(&s, "index.html").contains("The 2 ready items: 50% by "));
}

#[test]
fn the_forecast_says_why_there_is_none() {
    let mut p = project();
    p.backlog = Backlog::Absent;
    let s = site(&p);
    assert!(page(&s, "index.html").contains("No forecast: there is no backlog data as of this date"));
    p.backlog = ready(&[]);
    assert!(page(&site(&p), "index.html").contains("No forecast: no item in the backlog is ready."));
}

#[test]
fn track_records_in_words() {
    use crate::metrics::flow::CalibrationRow;
    let row = |finished| CalibrationRow {
        week: "2026-W10".into(),
        made: date("2026-03-08"),
        ready_items: 3,
        due: date("2026-03-12"),
        finished,
    };
    assert_eq!(words::record(&[]), "no earlier forecast has come due yet");
    assert_eq!(words::record(&[row(3)]), "the one past forecast at 85% came true");
    assert_eq!(words::record(&[row(2)]), "the one past forecast at 85% did not come true");
    assert_eq!(words::record(&[row(3), row(1), row(4)]), "of 3 past forecasts at 85%, 2 came true");
    assert_eq!(words::day(date("2027-01-08"), date("2026-12-20")), "Fri 8 Jan 2027");
    assert_eq!(words::day(Date::constant(2026, 11, 13), date("2026-11-01")), "Fri 13 Nov");
}

/// The text from `start` up to `end`.
fn regex_free_find<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let at = text.find(start).unwrap_or_else(|| panic!("no {start:?} in {text}"));
    let rest = &text[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}
