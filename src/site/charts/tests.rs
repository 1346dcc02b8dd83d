use super::*;

fn text<'a>(id: &'a str) -> ChartText<'a> {
    ChartText { id, title: "Points by sprint", desc: "Committed against completed.", y_label: "Points" }
}

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn series<'a>(name: &'a str, values: &[Option<f64>]) -> Series<'a> {
    Series { name, ink: Ink::Done, values: values.to_vec() }
}

fn inked<'a>(name: &'a str, ink: Ink, values: &[Option<f64>]) -> Series<'a> {
    Series { name, ink, values: values.to_vec() }
}

#[test]
fn every_text_is_escaped() {
    let hostile = "<script>alert(1)</script> & \"q\"";
    let t = ChartText { id: "x", title: hostile, desc: hostile, y_label: hostile };
    let l = labels(&["<b>S1</b>", "S2 & co"]);
    let s = [series(hostile, &[Some(1.0), Some(2.0)])];
    for out in
        [line_chart(&t, &l, &s, Axis::from_zero(&s, ""), &[]), bar_chart(&t, &l, &s, Axis::from_zero(&s, ""))]
    {
        let out = out.as_str();
        assert!(!out.contains("<script") && !out.contains("<b>"), "{out}");
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"), "{out}");
    }
    let out = line_chart(&t, &l, &s, Axis::from_zero(&s, ""), &[]);
    assert!(out.as_str().contains("&lt;b&gt;S1&lt;/b&gt;"), "{}", out.as_str());
}

#[test]
fn charts_are_accessible_images_with_title_and_description() {
    let s = [inked("Committed", Ink::Planned, &[Some(3.0)]), series("Completed", &[Some(2.0)])];
    let out = bar_chart(&text("../Sprint Points"), &labels(&["S1"]), &s, Axis::from_zero(&s, ""));
    let out = out.as_str();
    assert!(out.starts_with("<figure class=\"chart-figure\"><svg class=\"chart chart-bar\""), "{out}");
    assert!(out.contains("role=\"img\" aria-labelledby=\"sprint-points-title sprint-points-desc\""), "{out}");
    assert!(out.contains("<title id=\"sprint-points-title\">Points by sprint</title>"), "{out}");
    assert!(out.contains("<desc id=\"sprint-points-desc\">Committed against completed.</desc>"), "{out}");
    assert!(out.contains("viewBox=\"0 0 560 300\" width=\"100%\""), "{out}");
    assert!(out.contains("fill=\"url(#sprint-points-hatch)\""), "planned work is hatched: {out}");
    assert!(out.contains("<ul class=\"chart-legend\">"), "{out}");
    assert!(out.contains("<title class=\"chart-tip\">S1, Completed: 2</title>"), "{out}");
    assert!(out.contains(">Points</text>"), "axis title: {out}");
}

#[test]
fn a_series_colour_says_what_it_is_on_every_kind_of_chart() {
    // Finished work is blue and solid whether it comes first or second.
    let done_first = [series("Completed", &[Some(2.0)]), inked("Committed", Ink::Planned, &[Some(3.0)])];
    let bars = bar_chart(&text("b"), &labels(&["S1"]), &done_first, Axis::from_zero(&done_first, ""));
    let bars = bars.as_str();
    assert!(bars.contains("<g class=\"bars bars-0 ink-done\"><rect class=\"bar\""), "{bars}");
    assert!(bars.contains("<g class=\"bars bars-1 ink-planned\"><rect class=\"bar\""), "{bars}");
    assert_eq!(bars.matches("fill=\"url(#b-hatch)\"").count(), 2, "the planned bar and its key: {bars}");
    let lines = [inked("Scope", Ink::Planned, &[Some(3.0)]), series("Done", &[Some(1.0)])];
    let line = line_chart(&text("l"), &labels(&["d1"]), &lines, Axis::from_zero(&lines, ""), &[]);
    assert!(line.as_str().contains("<g class=\"series series-0 ink-planned\">"), "{}", line.as_str());
    assert!(line.as_str().contains("<g class=\"series series-1 ink-done\">"), "{}", line.as_str());
    // Peers cycle through five colours of their own; none is a status colour.
    let classes: Vec<&str> = (0..7).map(|n| Ink::Peer(n).class()).collect();
    assert_eq!(classes[0], "ink-peer-0");
    assert_eq!(classes[5], "ink-peer-0");
    assert!(classes.iter().all(|c| !c.contains("healthy") && !c.contains("risk") && !c.contains("watch")));
}

#[test]
fn a_chart_of_many_lines_scrolls_in_its_own_box_on_a_phone() {
    let many: Vec<Series<'_>> = ["A", "B", "C", "D"]
        .iter()
        .enumerate()
        .map(|(i, n)| inked(n, Ink::Peer(i as u8), &[Some(1.0)]))
        .collect();
    let dense = line_chart(&text("Weeks"), &labels(&["W1"]), &many, Axis::from_zero(&many, ""), &[]);
    assert!(
        dense.as_str().starts_with(
            "<figure class=\"chart-figure chart-dense\"><div class=\"chart-scroll\" tabindex=\"0\" \
             role=\"region\" aria-labelledby=\"weeks-title\"><svg"
        ),
        "{}",
        dense.as_str()
    );
    assert!(dense.as_str().contains("</svg></div><ul class=\"chart-legend\">"), "{}", dense.as_str());
    let few = line_chart(&text("Weeks"), &labels(&["W1"]), &many[..3], Axis::from_zero(&many[..3], ""), &[]);
    assert!(few.as_str().starts_with("<figure class=\"chart-figure\"><svg"), "{}", few.as_str());
}

#[test]
fn same_data_same_bytes() {
    let s = [
        series("Health", &[Some(61.23456), None, Some(95.04)]),
        series("Backlog", &[Some(1.0 / 3.0), Some(2.0), None]),
    ];
    let l = labels(&["W1", "W2", "W3"]);
    let a = line_chart(&text("h"), &l, &s, Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "" }, &[]);
    let b = line_chart(&text("h"), &l, &s, Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "" }, &[]);
    assert_eq!(a, b);
    // coordinates have one decimal, never long floats
    assert!(!a.as_str().contains("61.23456") && !a.as_str().contains("333333"), "{}", a.as_str());
}

#[test]
fn gaps_split_lines_and_lone_points_keep_their_marker() {
    let s = [series("Say/do", &[Some(50.0), Some(60.0), None, Some(80.0), Some(90.0), None, Some(70.0)])];
    let l = labels(&["a", "b", "c", "d", "e", "f", "g"]);
    let out = line_chart(&text("s"), &l, &s, Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "%" }, &[]);
    let out = out.as_str();
    assert_eq!(out.matches("<polyline").count(), 2, "{out}");
    assert_eq!(out.matches("<circle").count(), 5 + 1, "five markers and one in the legend: {out}");
    assert!(out.contains("<title class=\"chart-tip\">g, Say/do: 70%</title>"), "{out}");
    assert!(out.contains(">100%</text>"), "{out}");
}

#[test]
fn empty_data_still_gives_a_described_chart() {
    let out = line_chart(&text("e"), &[], &[], Axis::from_zero(&[], ""), &[]);
    assert!(out.as_str().contains("<desc id=\"e-desc\">"), "{}", out.as_str());
    assert!(!out.as_str().contains("<polyline"));
    let out = bar_chart(&text("e"), &[], &[], Axis::from_zero(&[], ""));
    assert!(!out.as_str().contains("<rect class=\"bar"));
}

#[test]
fn axis_from_zero_rounds_up() {
    let s = [series("a", &[Some(29.0), Some(3.0)])];
    assert_eq!(Axis::from_zero(&s, ""), Axis { min: 0.0, max: 30.0, step: 5.0, suffix: "" });
    let none = [series("a", &[None])];
    assert_eq!(Axis::from_zero(&none, ""), Axis { min: 0.0, max: 1.0, step: 1.0, suffix: "" });
    let big = [series("a", &[Some(130.0)])];
    assert_eq!(Axis::from_zero(&big, "").max, 150.0);
}

#[test]
fn bands_are_labelled_and_x_labels_thin_out_from_the_latest() {
    let band = Band { from: 75.0, to: 100.0, key: "healthy", label: "Healthy" };
    let l: Vec<String> = (1..=20).map(|i| format!("W{i}")).collect();
    let s = [series("Health", &vec![Some(80.0); 20])];
    let out = line_chart(&text("b"), &l, &s, Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "" }, &[band]);
    let out = out.as_str();
    assert!(out.contains("class=\"chart-band chart-band-healthy\""), "{out}");
    assert!(out.contains(">Healthy</text>"), "{out}");
    // three-character labels in 21.6-unit slots: every other one on a desktop,
    // every fourth on a phone (the others are `x-minor`), counted from the last
    let shown = |w: &str| out.contains(&format!("\">{w}</text>"));
    assert!(shown("W20") && shown("W18") && shown("W16") && shown("W2"), "{out}");
    assert!(!shown("W19") && !shown("W17") && !shown("W1"), "{out}");
    assert!(out.contains("<text class=\"x-minor\" x=\"426.0\""), "W18 is minor: {out}");
    assert!(out.contains("<text x=\"469.2\""), "W20 is not: {out}");
    assert!(!out.contains("<title>"), "no bare <title>: the page has one: {out}");
    let long = labels(&["A very long sprint name indeed"]);
    let out = bar_chart(&text("l"), &long, &s, Axis::from_zero(&s, ""));
    assert!(out.as_str().contains(">A very lo…</text>"), "{}", out.as_str());
}

#[test]
fn a_data_table_goes_inside_the_figure_with_every_text_escaped() {
    let hostile = "<b>S1</b> & co";
    let s = [series(hostile, &[Some(2.5), None])];
    let l = labels(&[hostile, "S2"]);
    let table = DataTable::of_series("t", hostile, "Sprint", &l, &s, |v| value_text(v, ""))
        .column("Goal", vec!["Met".into()]);
    let out = bar_chart(&text("t"), &l, &s, Axis::from_zero(&s, "")).with_table(&table);
    let out = out.as_str();
    assert!(!out.contains("<b>"), "{out}");
    assert!(out.ends_with("</table></div></details></figure>"), "{out}");
    assert!(
        out.contains("aria-labelledby=\"t-data\"><table class=\"data-table\"><caption id=\"t-data\">"),
        "{out}"
    );
    assert!(out.contains("<th scope=\"col\">Sprint</th><th scope=\"col\" class=\"num\">&lt;b&gt;S1&lt;/b&gt; &amp; co</th><th scope=\"col\" class=\"num\">Goal</th>"), "{out}");
    assert!(out.contains("<tr><th scope=\"row\">&lt;b&gt;S1&lt;/b&gt; &amp; co</th><td class=\"num\">2.5</td><td class=\"num\">Met</td></tr>"), "{out}");
    // a missing value is "no data", a missing extra cell empty
    assert!(
        out.contains(
            "<tr><th scope=\"row\">S2</th><td class=\"num\">no data</td><td class=\"num\"></td></tr>"
        ),
        "{out}"
    );
}

#[test]
fn bars_can_carry_a_line_and_marks_told_apart_without_colour() {
    let s = [series("Committed", &[Some(10.0), Some(12.0)]), series("Completed", &[Some(8.0), Some(12.0)])];
    let overlay = Overlay {
        line: Some(series("Rolling velocity", &[None, Some(10.0)])),
        marks: vec![None, Some(Mark { glyph: "✓", key: "met", label: "Goal met" })],
    };
    let out = bar_chart_with(&text("v"), &labels(&["S1", "S2"]), &s, Axis::from_zero(&s, ""), &overlay);
    let out = out.as_str();
    // the line is dashed with square markers; a lone point has its marker only
    assert!(out.contains("<g class=\"series series-overlay ink-done\">"), "{out}");
    assert!(out.contains("<title class=\"chart-tip\">S2, Rolling velocity: 10</title></rect>"), "{out}");
    assert!(!out.contains("S1, Rolling velocity"), "{out}");
    // the mark is a glyph with words, and the legend explains it
    assert!(out.contains(">✓<title class=\"chart-tip\">S2: Goal met</title></text>"), "{out}");
    assert!(
        out.contains(
            "<li><span class=\"chart-mark-key mark-met\" aria-hidden=\"true\">✓</span>Goal met</li></ul>"
        ),
        "{out}"
    );
    assert_eq!(out.matches("<ul class=\"chart-legend\">").count(), 1, "one legend: {out}");
    // without an overlay, the plain bar chart is unchanged
    let plain = bar_chart(&text("v"), &labels(&["S1", "S2"]), &s, Axis::from_zero(&s, ""));
    assert!(!plain.as_str().contains("series-overlay") && !plain.as_str().contains("chart-marks"));
}

#[test]
fn a_line_chart_can_mark_one_day_and_its_word_stays_inside() {
    let s = [series("Done", &[Some(1.0), Some(2.0), Some(3.0), Some(4.0)])];
    let l = labels(&["a", "b", "c", "d"]);
    let axis = Axis::from_zero(&s, "");
    let late = line_chart_marked(
        &text("m"),
        &l,
        &s,
        axis,
        &[],
        Some(XMark { index: 3, label: "Report date", guide: None }),
    );
    assert!(
        late.as_str().contains("text-anchor=\"end\" fill=\"currentColor\">Report date</text>"),
        "{}",
        late.as_str()
    );
    let early = line_chart_marked(
        &text("m"),
        &l,
        &s,
        axis,
        &[],
        Some(XMark { index: 0, label: "Report date", guide: None }),
    );
    assert!(early.as_str().contains("text-anchor=\"start\" fill=\"currentColor\">Report date</text>"));
    let outside = line_chart_marked(
        &text("m"),
        &l,
        &s,
        axis,
        &[],
        Some(XMark { index: 4, label: "Report date", guide: None }),
    );
    assert!(!outside.as_str().contains("chart-xmark"), "a mark off the chart is not drawn");
    assert_eq!(
        line_chart(&text("m"), &l, &s, axis, &[]),
        line_chart_marked(&text("m"), &l, &s, axis, &[], None)
    );
}

#[test]
fn a_sparkline_is_a_small_described_image_broken_by_gaps() {
    let values = [Some(0.5), Some(1.0), None, Some(0.25), None, Some(0.75), Some(0.0)];
    let out = sparkline("spark-on_time", "On time, week by week", "On time <each> week.", &values, 1.0);
    let out = out.as_str();
    assert!(out.starts_with("<figure class=\"spark-figure\"><svg class=\"spark\""), "{out}");
    assert!(out.contains("role=\"img\" aria-labelledby=\"spark-on-time-title spark-on-time-desc\""), "{out}");
    assert!(out.contains("<desc id=\"spark-on-time-desc\">On time &lt;each&gt; week.</desc>"), "{out}");
    // two runs of two or more, one lone week as a point, the last week dotted
    assert_eq!(out.matches("<polyline").count(), 2, "{out}");
    assert_eq!(out.matches("class=\"spark-point\"").count(), 1, "{out}");
    assert!(out.contains("<circle class=\"spark-dot\" cx=\"116.0\" cy=\"28.0\" r=\"3\"/>"), "{out}");
    // 0 at the bottom (y 28), `top` at the top (y 4)
    assert!(out.contains("<polyline class=\"spark-line\" points=\"4.0,16.0 22.6,4.0\"/>"), "{out}");
    assert!(!sparkline("e", "t", "d", &[None, None], 1.0).as_str().contains("spark-dot"));
}
