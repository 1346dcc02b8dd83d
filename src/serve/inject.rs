//! What `serve` adds to each HTML page on its way out, never to the built
//! site: the reload script, the banner's stylesheet, the Content-Security-
//! Policy loosened just enough for them, and the banner listing the problems
//! of the last build.

use std::fmt::Write as _;

use crate::format::escape_html as escape;

/// The policy every built page carries: no script at all.
const NO_SCRIPT: &str = "script-src 'none'";
/// In serve mode: the reload script (same origin) and its fetch of the version.
const SERVE_SCRIPT: &str = "script-src 'self'; connect-src 'self'";
const CSP_META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// One problem shown in the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// `sprints/s22.yaml:14:13`, or nothing (a template error has no place in the data).
    pub place: Option<String>,
    /// Plain words.
    pub message: String,
}

/// What the banner says above the problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Banner {
    /// The last build worked; nothing to show.
    None,
    /// The last build worked, with warnings.
    Warnings,
    /// The last build failed: an older site is shown.
    Failed,
    /// No build has worked yet: there is no site to show.
    NoSite,
}

/// The page as `serve` sends it: `version` is the build the page belongs
/// to, so the reload script knows when a newer one exists.
pub fn serve_page(html: &str, version: u64, banner: Banner, problems: &[Problem]) -> String {
    let head = format!(
        "<link rel=\"stylesheet\" href=\"/__tandem/serve.css\">\n\
         <script src=\"/__tandem/reload.js\" data-version=\"{version}\" defer></script>\n"
    );
    let mut page = allow_reload_script(html);
    match page.find("</head>") {
        Some(at) => page.insert_str(at, &head),
        // A template override without a head: the script still works at the start.
        None => page.insert_str(0, &head),
    }
    if banner != Banner::None {
        let html = banner_html(banner, problems);
        let at = body_start(&page).unwrap_or(page.len());
        page.insert_str(at, &html);
    }
    page
}

/// Rewrites `script-src 'none'` inside the page's CSP meta tag only, so
/// the same words in a note's text are never touched.
pub fn allow_reload_script(html: &str) -> String {
    let Some(start) = html.find(CSP_META_START) else {
        return html.to_string();
    };
    let content_start = start + CSP_META_START.len();
    let Some(len) = html[content_start..].find('"') else {
        return html.to_string();
    };
    let content = &html[content_start..content_start + len];
    let mut out = String::with_capacity(html.len() + 32);
    out.push_str(&html[..content_start]);
    out.push_str(&content.replace(NO_SCRIPT, SERVE_SCRIPT));
    out.push_str(&html[content_start + len..]);
    out
}

/// Just after the `<body ...>` tag.
fn body_start(html: &str) -> Option<usize> {
    let open = html.find("<body")?;
    let close = html[open..].find('>')?;
    Some(open + close + 1)
}

fn banner_html(banner: Banner, problems: &[Problem]) -> String {
    let (class, headline) = match banner {
        Banner::Failed => (
            "failed",
            "The last change could not be built; this is the last good site. \
             Fix the problems below and save: the page reloads.",
        ),
        Banner::NoSite => {
            ("failed", "The site could not be built. Fix the problems below and save: the page reloads.")
        }
        Banner::Warnings | Banner::None => ("warnings", "The site is up to date, with warnings:"),
    };
    let mut out = format!(
        "\n<aside class=\"tandem-serve-banner tandem-serve-{class}\" role=\"alert\">\n\
         <p class=\"tandem-serve-headline\"><strong>tandem serve:</strong> {headline}</p>\n<ul>\n"
    );
    for p in problems {
        let _ = write!(out, "<li><span class=\"tandem-serve-{}\">{}</span> ", p.severity, p.severity);
        if let Some(place) = &p.place {
            let _ = write!(out, "<code>{}</code> ", escape(place));
        }
        if p.message.contains('\n') {
            // A template error points at the line with a caret: keep its layout.
            let _ = writeln!(out, "<pre>{}</pre></li>", escape(p.message.trim_end()));
        } else {
            let _ = writeln!(out, "{}</li>", escape(&p.message));
        }
    }
    out.push_str("</ul>\n</aside>\n");
    out
}

/// The page served for every path while no build has worked yet.
pub fn no_site_page(version: u64, problems: &[Problem]) -> String {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         {CSP_META_START}default-src 'none'; style-src 'self'; {NO_SCRIPT}\">\n\
         <title>No site yet · tandem serve</title>\n</head>\n<body>\n</body>\n</html>\n"
    );
    serve_page(&html, version, Banner::NoSite, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact tag every built page carries.
    const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'\">";

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html><head>\n{CSP}\n<title>t</title>\n</head>\n<body class=\"x\">\n{body}</body></html>"
        )
    }

    #[test]
    fn the_policy_allows_same_origin_script_and_fetch_and_nothing_else_changes() {
        let out = allow_reload_script(&format!("<head>{CSP}</head>"));
        assert_eq!(
            out,
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; frame-src 'none'; base-uri 'none'; form-action 'none'\"></head>"
        );
    }

    #[test]
    fn the_same_words_in_a_note_are_left_alone() {
        let html = page("<p>we set script-src 'none' on the CDN</p>");
        let out = allow_reload_script(&html);
        assert!(out.contains("<p>we set script-src 'none' on the CDN</p>"));
        assert!(!out.contains(
            "content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'"
        ));
    }

    #[test]
    fn a_page_without_the_policy_is_unchanged() {
        assert_eq!(allow_reload_script("<head></head>"), "<head></head>");
    }

    #[test]
    fn the_script_and_stylesheet_go_at_the_end_of_the_head() {
        let out = serve_page(&page(""), 7, Banner::None, &[]);
        let script = "<script src=\"/__tandem/reload.js\" data-version=\"7\" defer></script>\n</head>";
        assert!(out.contains(script), "{out}");
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/__tandem/serve.css\">"));
        assert!(!out.contains("tandem-serve-banner"));
    }

    #[test]
    fn the_banner_opens_the_body_and_escapes_every_problem() {
        let problems = [Problem {
            severity: "error",
            place: Some("sprints/<s1>.yaml:3:7".to_string()),
            message: "unknown status \"<b>done</b>\" & more".to_string(),
        }];
        let out = serve_page(&page("<main></main>"), 1, Banner::Failed, &problems);
        let body = out.find("<body class=\"x\">\n<aside class=\"tandem-serve-banner tandem-serve-failed\"");
        assert!(body.is_some(), "{out}");
        assert!(out.contains("<code>sprints/&lt;s1&gt;.yaml:3:7</code>"));
        assert!(out.contains("unknown status &quot;&lt;b&gt;done&lt;/b&gt;&quot; &amp; more</li>"));
        assert!(!out.contains("<b>done"));
    }

    #[test]
    fn a_message_of_several_lines_keeps_its_layout() {
        let problems =
            [Problem { severity: "error", place: None, message: "bad\n --> 404.html:1:7\n".into() }];
        let out = serve_page(&page(""), 1, Banner::Failed, &problems);
        assert!(out.contains("<li><span class=\"tandem-serve-error\">error</span> <pre>bad\n --&gt; 404.html:1:7</pre></li>"), "{out}");
    }

    #[test]
    fn the_page_without_a_site_has_the_banner_and_the_script() {
        let out = no_site_page(3, &[Problem { severity: "error", place: None, message: "m".into() }]);
        assert!(out.contains("script-src 'self'; connect-src 'self'"));
        assert!(out.contains("data-version=\"3\""));
        assert!(out.contains("tandem-serve-failed"));
    }
}
