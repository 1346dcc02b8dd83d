//! The threads that answer requests, each from the snapshot current when
//! the request came in.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
/// Held requests at most (a tab each, each a thread); more are answered
/// 503 with `Retry-After`, and their pages ask again a second later.
const MAX_HELD: usize = 64;

/// Answers requests until the server stops.
pub(super) fn work(server: &Arc<tiny_http::Server>, shared: &Arc<Shared>) {
    while !shared.stopping.load(Ordering::SeqCst) {
        // A failed accept is the client's trouble, not the server's: go on.
        if let Ok(Some(request)) = server.recv_timeout(TICK) {
            // A bug met by one request must not take a worker with it: the
            // request, dropped unanswered, gets tiny_http's empty 500.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(request, shared)));
        }
    }
}

fn answer(request: Request, shared: &Arc<Shared>) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
    if shared.local_names_only && !host_is_local(host) {
        let response = text(
            403,
            "refused: this preview answers only to localhost, 127.0.0.1 and [::1]; another name \
             is how a web page elsewhere could read it (--bind ADDR serves any name)\n",
        );
        let _ = request.respond(response);
        return;
    }
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
    match hold_or_answer(since, snapshot.version, &shared.held) {
        Hold::Now(version) => {
            let _ = request.respond(version_response(version));
            return;
        }
        Hold::Busy => {
            let _ = request.respond(busy());
            return;
        }
        Hold::Held => {}
    }
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

/// What to do with a `/__tandem/version` request.
#[derive(Debug, PartialEq, Eq)]
enum Hold {
    /// The page is behind (or did not say): the version, at once.
    Now(u64),
    /// Hold it; counted in `held` (the holder takes it off when done).
    Held,
    /// `MAX_HELD` are held already.
    Busy,
}

/// Counts the request in `held` when it is to be held and there is room,
/// in one step so two workers never both take the last place.
fn hold_or_answer(since: Option<u64>, current: u64, held: &AtomicUsize) -> Hold {
    if since != Some(current) {
        return Hold::Now(current);
    }
    match held.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < MAX_HELD).then_some(n + 1)) {
        Ok(_) => Hold::Held,
        Err(_) => Hold::Busy,
    }
}

/// No room to hold another request: answered at once, the page asking
/// again only after `Retry-After` (an answer with the same version would
/// have it ask again at once, round and round).
fn busy() -> Answer {
    with_header(
        text(503, "too many open pages are waiting for a rebuild; ask again in a second\n"),
        "Retry-After",
        "1",
    )
}

/// Whether `host` (the Host header) names this machine: `localhost` or a
/// loopback address (`127.0.0.1`, `[::1]`), with any port (a tunnel such as
/// `ssh -L 8080:localhost:4000` keeps its own). Any other name is how a page of another site reaches a loopback server (DNS
/// rebinding: its own name, made to resolve to 127.0.0.1), so only numbers
/// and `localhost` pass. A request without a Host header comes from no browser.
fn host_is_local(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some(parts) => parts,
            None => return false,
        },
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port_ok = match port.strip_prefix(':') {
        Some(port) => port.parse::<u16>().is_ok(),
        None => port.is_empty(),
    };
    let name_ok =
        name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    port_ok && name_ok
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_machine_are_answered() {
        for host in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LocalHost",
            "[::1]:4000",
            "[::1]",
            "127.0.0.1",
            "127.0.0.2:80",
        ] {
            assert!(host_is_local(Some(host)), "{host}");
        }
        assert!(host_is_local(None), "no browser leaves it out");
        for host in [
            "evil.example:4000",
            "evil.example",
            "localhost.evil.example:4000",
            "127.0.0.1.nip.io:4000",
            "10.0.0.5:4000",
            "[::1",
            "[::1]x",
            "localhost:http",
            "::1",
            "",
        ] {
            assert!(!host_is_local(Some(host)), "{host}");
        }
    }

    #[test]
    fn a_full_house_of_held_requests_answers_503_with_retry_after() {
        let held = AtomicUsize::new(MAX_HELD - 1);
        assert_eq!(hold_or_answer(Some(3), 4, &held), Hold::Now(4), "a page behind is answered at once");
        assert_eq!(hold_or_answer(None, 4, &held), Hold::Now(4));
        assert_eq!(held.load(Ordering::SeqCst), MAX_HELD - 1);
        assert_eq!(hold_or_answer(Some(4), 4, &held), Hold::Held);
        assert_eq!(held.load(Ordering::SeqCst), MAX_HELD);
        assert_eq!(hold_or_answer(Some(4), 4, &held), Hold::Busy);
        assert_eq!(held.load(Ordering::SeqCst), MAX_HELD, "a busy answer holds nothing");
        let response = busy();
        assert_eq!(response.status_code().0, 503);
        let retry =
            response.headers().iter().find(|h| h.field.equiv("Retry-After")).map(|h| h.value.as_str());
        assert_eq!(retry, Some("1"));
    }
}
