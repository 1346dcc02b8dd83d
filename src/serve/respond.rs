//! The threads that answer requests, each from the snapshot current when
//! the request came in.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response};

use super::http::{self, Internal, Target};
use super::inject;
use super::{Shared, Snapshot};

const RELOAD_JS: &[u8] = include_bytes!("reload.js");
const SERVE_CSS: &[u8] = include_bytes!("serve.css");
/// How often a worker looks up from waiting to see whether to stop.
const TICK: Duration = Duration::from_millis(200);
/// How long a `/__tandem/version` request is held when nothing changes.
const HOLD: Duration = Duration::from_secs(20);
/// Held requests at most (a tab each); more are answered at once, and
/// their pages simply ask again.
const MAX_HELD: usize = 64;

/// Answers requests until the server stops.
pub(super) fn work(server: &Arc<tiny_http::Server>, shared: &Arc<Shared>) {
    while !shared.stopping.load(Ordering::SeqCst) {
        // A failed accept is the client's trouble, not the server's: go on.
        if let Ok(Some(request)) = server.recv_timeout(TICK) {
            answer(request, shared);
        }
    }
}

fn answer(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_header(text(405, "only GET and HEAD are answered here\n"), "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return;
    }
    let snapshot = shared.snapshot();
    let target = match &snapshot.site {
        Some(site) => http::resolve(request.url(), |p| site.files.contains_key(p)),
        None => http::resolve(request.url(), |_| false),
    };
    let response = match target {
        Target::Internal(Internal::Version) => return version(request, &snapshot, shared),
        Target::Internal(Internal::ReloadJs) => {
            bytes(200, RELOAD_JS.to_vec(), "text/javascript; charset=utf-8")
        }
        Target::Internal(Internal::ServeCss) => bytes(200, SERVE_CSS.to_vec(), "text/css; charset=utf-8"),
        _ if snapshot.site.is_none() => {
            let page = inject::no_site_page(snapshot.version, &snapshot.problems);
            bytes(503, page.into_bytes(), "text/html; charset=utf-8")
        }
        Target::File(path) => file(&snapshot, &path, 200),
        Target::Redirect(location) => {
            with_header(text(301, "moved: the folder's address ends with a slash\n"), "Location", &location)
        }
        Target::NotFound => not_found(&snapshot),
    };
    let _ = request.respond(response);
}

/// `404.html` of the site, with status 404.
fn not_found(snapshot: &Snapshot) -> Answer {
    match &snapshot.site {
        Some(site) if site.files.contains_key("404.html") => file(snapshot, "404.html", 404),
        _ => text(404, "not found\n"),
    }
}

/// A file of the site; a page gets serve mode's additions.
fn file(snapshot: &Snapshot, path: &str, status: u16) -> Answer {
    let Some(body) = snapshot.site.as_ref().and_then(|s| s.files.get(path)) else {
        return text(404, "not found\n");
    };
    let body = if http::is_page(path) {
        let html = String::from_utf8_lossy(body);
        inject::serve_page(&html, snapshot.version, snapshot.banner, &snapshot.problems).into_bytes()
    } else {
        body.clone()
    };
    bytes(status, body, http::content_type(path))
}

/// The build counter, at once when it differs from `?since=`, else when
/// it changes (on a thread of its own, so pages are never kept waiting).
fn version(request: Request, snapshot: &Snapshot, shared: &Arc<Shared>) {
    let since = request
        .url()
        .split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .and_then(|v| v.parse::<u64>().ok());
    let hold = since == Some(snapshot.version) && shared.held.load(Ordering::SeqCst) < MAX_HELD;
    if !hold {
        let _ = request.respond(version_response(snapshot.version));
        return;
    }
    shared.held.fetch_add(1, Ordering::SeqCst);
    let shared = Arc::clone(shared);
    let seen = snapshot.version;
    std::thread::spawn(move || {
        let deadline = Instant::now() + HOLD;
        let mut current = shared.current.lock().unwrap_or_else(|p| p.into_inner());
        while current.version == seen && !shared.stopping.load(Ordering::SeqCst) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            current = shared.changed.wait_timeout(current, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        let now = current.version;
        drop(current);
        let _ = request.respond(version_response(now));
        shared.held.fetch_sub(1, Ordering::SeqCst);
    });
}

fn version_response(version: u64) -> Answer {
    bytes(200, format!("{version}\n").into_bytes(), "text/plain; charset=utf-8")
}

fn text(status: u16, body: &str) -> Answer {
    bytes(status, body.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

fn bytes(status: u16, body: Vec<u8>, content_type: &str) -> Answer {
    let response = Response::from_data(body).with_status_code(status);
    let response = with_header(response, "Content-Type", content_type);
    // Every answer is of the build of the moment: never cache one.
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

/// tiny_http refuses only non-ASCII header text; every value here is ASCII
/// (constants, or a request path checked by `http::resolve`).
fn with_header(response: Answer, name: &str, value: &str) -> Answer {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}
