//! A `static/` folder in the data folder is copied into the site as it is
//! (`CNAME`, a logo, `robots.txt`): files put into the output folder by hand
//! would be deleted by the next build, so this is where they live.
//!
//! It is part of the data folder, so it is read with the rest of it, its
//! problems reported with the others (by `check` too), and the same rules
//! hold: links are followed only inside the data folder (`walk.rs`), and
//! since every file is held in memory until the site is written, one file is
//! copied up to 64 MiB and the whole folder up to 256 MiB (`crate::fs`).
//!
//! Every page tandem writes carries a Content-Security-Policy that lets no
//! script run. A file of `static/` is published without one (a host sends
//! no such header), so a `static/x.html` or `static/app.js` from a
//! stranger's pull request would run scripts on the team's site: files a
//! browser would run as a page or a script are not copied (a warning says
//! so), and an SVG only when nothing in it can run.

use super::walk::{Entry, Fence};
use crate::diagnostics::Diagnostics;
use crate::fs::{STATIC_FILE_LIMIT, STATIC_TOTAL_LIMIT};

/// A file of `static/`: its path relative to that folder (`/`-separated)
/// and its bytes.
pub type StaticFile = (String, Vec<u8>);

/// Every file under `static/` inside `fence`, hidden files and folders left
/// out. Nothing when there is no such folder. Problems go into `diags`: an
/// error leaves the file out.
pub fn read(fence: &Fence, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for entry in fence.walk("static", true, diags) {
        let Entry::File { disk, rel } = entry else { continue };
        if let Some(why) = refused_kind(&rel) {
            diags.warning(&rel, None, why);
            continue;
        }
        let bytes = match crate::fs::read(&disk, STATIC_FILE_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) => {
                diags.error(&rel, None, e.words("files in static/"));
                continue;
            }
        };
        if is_svg(&rel) && !svg_is_inert(&bytes) {
            diags.warning(
                &rel,
                None,
                "not copied: this SVG holds a script, an event attribute (on...=) or a link that runs one, and the site publishes none (Content-Security-Policy); remove them to publish it",
            );
            continue;
        }
        total += bytes.len() as u64;
        if total > STATIC_TOTAL_LIMIT {
            diags.error(
                &rel,
                None,
                format!(
                    "not copied: static/ holds more than {} in all, the most tandem copies (remove large files from it)",
                    crate::fs::size_words(STATIC_TOTAL_LIMIT, 0)
                ),
            );
            break;
        }
        let inside = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        files.push((inside, bytes));
    }
    files
}

/// Extensions of files a browser runs as a page or a script when it opens
/// them (compared in lower case). `.svg` is among them, but a clean SVG is
/// still copied ([`svg_is_inert`]).
const RUNNABLE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "cjs", "wasm", "xml", "xsl", "xslt", "svg", "svgz",
];

/// The extension of the last part of `rel`, in lower case.
fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

fn is_svg(rel: &str) -> bool {
    extension(rel).as_deref() == Some("svg")
}

/// Why a file of `static/` is not copied, from its name alone: a page or a
/// script. An `.svg` is looked at once read.
fn refused_kind(rel: &str) -> Option<String> {
    let ext = extension(rel)?;
    (ext != "svg" && RUNNABLE.contains(&ext.as_str())).then(|| {
        "not copied: it is a page or a script, and the site publishes none (Content-Security-Policy); tandem writes the pages".to_string()
    })
}

/// Whether an SVG image can run nothing when opened by itself: no script
/// element (`<script`, `<html:script`), no event attribute (`onload=`), no
/// `javascript:` or `data:text/html` link, no `<foreignObject` nor XHTML
/// element, and no character reference or entity declaration, which could
/// spell any of those (`&#106;avascript:`). Checked on the bytes, ignoring
/// case; a logo drawn by a program has none of them.
fn svg_is_inert(bytes: &[u8]) -> bool {
    let lower = bytes.to_ascii_lowercase();
    // A URL loses its tabs and line breaks before it is read (`java\nscript:`).
    let squeezed: Vec<u8> = lower.iter().copied().filter(|b| !matches!(b, b'\t' | b'\n' | b'\r')).collect();
    let banned: [&[u8]; 8] = [
        b"<script",
        b":script",
        b"javascript:",
        b"data:text/html",
        b"<foreignobject",
        b"http://www.w3.org/1999/xhtml",
        b"<!entity",
        b"&#",
    ];
    !banned.iter().any(|word| contains(&squeezed, word)) && !has_event_attribute(&lower)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `on` and a letter, not part of a longer name, then letters and `=`
/// (spaces allowed before it): `onload=`, `ONCLICK =`. `version=` is not one.
fn has_event_attribute(lower: &[u8]) -> bool {
    let name_part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':');
    (0..lower.len().saturating_sub(2)).any(|at| {
        if &lower[at..at + 2] != b"on" || (at > 0 && name_part(lower[at - 1])) {
            return false;
        }
        let rest = &lower[at + 2..];
        let letters = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        letters > 0 && rest[letters..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_scripts_are_refused_by_name_and_other_files_are_not() {
        for rel in [
            "static/x.html",
            "static/a/B.HTM",
            "static/app.js",
            "static/m.mjs",
            "static/f.XML",
            "static/i.svgz",
        ] {
            assert!(refused_kind(rel).is_some(), "{rel}");
        }
        for rel in [
            "static/CNAME",
            "static/robots.txt",
            "static/logo.png",
            "static/site.css",
            "static/logo.svg",
            "static/.js",
        ] {
            assert!(refused_kind(rel).is_none(), "{rel}");
        }
    }

    #[test]
    fn a_plain_svg_is_inert_and_one_that_can_run_anything_is_not() {
        let logo = br##"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 8 8"><title>Font on line</title><circle r="4" fill="#0a0"/></svg>"##;
        assert!(svg_is_inert(logo));
        for bad in [
            r#"<svg onload="alert(1)"/>"#,
            "<svg\nONLOAD = 'x'/>",
            "<svg><SCRIPT>alert(1)</SCRIPT></svg>",
            r#"<svg><h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script></svg>"#,
            r#"<svg><a href="java&#x09;script:alert(1)"><text>x</text></a></svg>"#,
            "<svg><a href=\"java\nscript:alert(1)\">x</a></svg>",
            r#"<svg><a xlink:href="data:text/html,<b>x</b>">x</a></svg>"#,
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            r#"<!DOCTYPE svg [<!ENTITY s "x">]><svg/>"#,
        ] {
            assert!(!svg_is_inert(bad.as_bytes()), "{bad}");
        }
    }
}
