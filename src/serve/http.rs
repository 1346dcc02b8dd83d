//! From a request line to what to answer: the path resolved against the
//! site in memory (never the disk), the content type, the status.
//!
//! A path is looked up in the built site's map of files, so `..` could not
//! reach the disk anyway; it is still refused outright (with `.`, empty
//! segments, NUL, backslashes and encoded slashes) so that no odd spelling
//! of a path ever finds a file under another name.

/// What a request path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of `serve` itself, under `/__tandem/`.
    Internal(Internal),
    /// A file of the site, by its path in [`crate::site::Site::files`].
    File(String),
    /// A folder asked for without its slash: go to `location`.
    Redirect(String),
    /// Nothing there (or a path that is refused).
    NotFound,
}

/// `serve`'s own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Internal {
    /// The reload script.
    ReloadJs,
    /// The banner's stylesheet.
    ServeCss,
    /// The build counter, held until it changes (`?since=N`).
    Version,
}

/// The prefix of `serve`'s own paths; a site file there is shadowed.
const INTERNAL: &str = "__tandem/";

/// Resolves a request target (`/notes/?x=1`) against the files `exists` knows.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Target {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let Some(rel) = clean_path(raw) else {
        return Target::NotFound;
    };
    if let Some(name) = rel.strip_prefix(INTERNAL) {
        return match name {
            "reload.js" => Target::Internal(Internal::ReloadJs),
            "serve.css" => Target::Internal(Internal::ServeCss),
            "version" => Target::Internal(Internal::Version),
            _ => Target::NotFound,
        };
    }
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) { Target::File(index) } else { Target::NotFound };
    }
    if exists(&rel) {
        Target::File(rel)
    } else if exists(&format!("{rel}/index.html")) {
        // The raw path was checked to be plain ASCII segments, so it can go
        // back into a header as it came.
        Target::Redirect(format!("{raw}/"))
    } else {
        Target::NotFound
    }
}

/// The path relative to the site root, decoded, or `None` when it is refused.
fn clean_path(raw: &str) -> Option<String> {
    // Browsers percent-encode everything else; raw bytes beyond ASCII are refused.
    if !raw.is_ascii() {
        return None;
    }
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    // An encoded slash or backslash would make one segment look like two.
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." {
            return None;
        }
    }
    Some(decoded)
}

/// `%41` to `A`; `None` for a `%` not followed by two hex digits.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `Content-Type` of a site file, by its name.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "feed.xml" {
        return "application/atom+xml";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ if !name.contains('.') => "text/plain; charset=utf-8", // CNAME, LICENSE
        _ => "application/octet-stream",
    }
}

/// Whether a file is a page `serve` decorates (banner, reload script).
pub fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "notes/index.html", "notes/a b.html", "assets/style.css", "404.html"].contains(&path)
    }

    fn file(p: &str) -> Target {
        Target::File(p.to_string())
    }

    #[test]
    fn folders_are_their_index_and_files_are_themselves() {
        assert_eq!(resolve("/", site), file("index.html"));
        assert_eq!(resolve("/?x=1", site), file("index.html"));
        assert_eq!(resolve("/notes/", site), file("notes/index.html"));
        assert_eq!(resolve("/notes/index.html#top", site), file("notes/index.html"));
        assert_eq!(resolve("/assets/style.css", site), file("assets/style.css"));
        assert_eq!(resolve("/notes/a%20b.html", site), file("notes/a b.html"));
    }

    #[test]
    fn a_folder_without_its_slash_is_redirected() {
        assert_eq!(resolve("/notes", site), Target::Redirect("/notes/".to_string()));
        assert_eq!(resolve("/notes?x", site), Target::Redirect("/notes/".to_string()));
    }

    #[test]
    fn unknown_paths_and_folders_without_index_are_not_found() {
        assert_eq!(resolve("/nope.html", site), Target::NotFound);
        assert_eq!(resolve("/assets/", site), Target::NotFound);
        assert_eq!(resolve("/assets", site), Target::NotFound);
        assert_eq!(resolve("", site), Target::NotFound);
        assert_eq!(resolve("*", site), Target::NotFound);
    }

    #[test]
    fn every_spelling_of_a_way_out_is_refused() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/notes/..%2f..%2fCargo.toml",
            "/notes/../index.html",
            "/./index.html",
            "//etc/passwd",
            "/notes//index.html",
            "/notes%2findex.html",
            "/notes%5cindex.html",
            "/notes\\index.html",
            "/index.html%00",
            "/%zz",
            "/%e",
            "/%ff.html",
            "/caf\u{e9}/",
        ] {
            assert_eq!(resolve(target, |_| true), Target::NotFound, "{target}");
        }
    }

    #[test]
    fn serve_files_live_under_their_own_prefix() {
        assert_eq!(resolve("/__tandem/reload.js", site), Target::Internal(Internal::ReloadJs));
        assert_eq!(resolve("/__tandem/serve.css", site), Target::Internal(Internal::ServeCss));
        assert_eq!(resolve("/__tandem/version?since=3", site), Target::Internal(Internal::Version));
        assert_eq!(resolve("/__tandem/", |_| true), Target::NotFound);
    }

    #[test]
    fn content_types_follow_the_name() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("summary.md"), "text/markdown; charset=utf-8");
        assert_eq!(content_type("metrics.json"), "application/json");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("f/a.woff2"), "font/woff2");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("CNAME"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a.bin"), "application/octet-stream");
    }
}
