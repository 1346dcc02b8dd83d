//! Answering requests, each from the snapshot current when it came in.
//!
//! One handler for every path (axum is used for its HTTP/1 server and
//! graceful shutdown, not its routing: [`http::resolve`] decides what a path
//! names). Everything but the held `/__tandem/version` request is answered
//! at once from memory, so the handler is plain code; only the hold waits,
//! and it waits as a future, not a thread.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;

use super::http::{self, Internal, Target};
use super::inject;
use super::{Shared, Snapshot};

const RELOAD_JS: &[u8] = include_bytes!("reload.js");
const SERVE_CSS: &[u8] = include_bytes!("serve.css");
/// How long a `/__tandem/version` request is held when nothing changes.
const HOLD: Duration = Duration::from_secs(20);
/// Held requests at most (a tab each); more are answered 503 with
/// `Retry-After`, and their pages ask again a second later.
const MAX_HELD: usize = 64;

/// The one handler: every request, whatever its path or method.
pub(super) async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    // A bug met by one request must not take the server with it: that
    // request gets a 500, the others go on.
    let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(&request, &shared)))
        .unwrap_or_else(|_| Answer::Now(text(500, "internal error (a bug in tandem; please report it)\n")));
    match answered {
        Answer::Now(response) => response,
        Answer::Hold(held) => held.wait(&shared).await,
    }
}

/// What to send: a response now, or once the build counter moves.
enum Answer {
    Now(Response),
    Hold(Held),
}

fn answer(request: &Request, shared: &Shared) -> Answer {
    // A Host header that is not text names no machine of ours either.
    let host = request.headers().get(header::HOST).map(|h| h.to_str().unwrap_or("\0"));
    if shared.local_names_only && !host_is_local(host) {
        return Answer::Now(text(
            403,
            "refused: this preview answers only to localhost, 127.0.0.1 and [::1]; another name \
             is how a web page elsewhere could read it (--bind ADDR serves any name)\n",
        ));
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let response = text(405, "only GET and HEAD are answered here\n");
        return Answer::Now(with_header(response, header::ALLOW, "GET, HEAD"));
    }
    let target_text = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let snapshot = shared.snapshot();
    let target = match &snapshot.site {
        Some(site) => http::resolve(target_text, |p| site.files.contains_key(p)),
        None => http::resolve(target_text, |_| false),
    };
    let response = match target {
        Target::Internal(Internal::Version) => return version(target_text, &snapshot, shared),
        Target::Internal(Internal::ReloadJs) => {
            bytes(200, RELOAD_JS.to_vec(), "text/javascript; charset=utf-8")
        }
        Target::Internal(Internal::ServeCss) => bytes(200, SERVE_CSS.to_vec(), "text/css; charset=utf-8"),
        _ if snapshot.site.is_none() => {
            let page = inject::no_site_page(snapshot.version, &snapshot.problems);
            bytes(503, page.into_bytes(), "text/html; charset=utf-8")
        }
        Target::File(path) => file(&snapshot, &path, 200),
        Target::Redirect(location) => with_header(
            text(301, "moved: the folder's address ends with a slash\n"),
            header::LOCATION,
            &location,
        ),
        Target::NotFound => not_found(&snapshot),
    };
    Answer::Now(response)
}

/// `404.html` of the site, with status 404.
fn not_found(snapshot: &Snapshot) -> Response {
    match &snapshot.site {
        Some(site) if site.files.contains_key("404.html") => file(snapshot, "404.html", 404),
        _ => text(404, "not found\n"),
    }
}

/// A file of the site; a page gets serve mode's additions.
fn file(snapshot: &Snapshot, path: &str, status: u16) -> Response {
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
/// it changes (or [`HOLD`] passes, or the server stops).
fn version(target: &str, snapshot: &Snapshot, shared: &Shared) -> Answer {
    let since = target
        .split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .and_then(|v| v.parse::<u64>().ok());
    match hold_or_answer(since, snapshot.version, &shared.held) {
        Hold::Now(version) => Answer::Now(version_response(version)),
        Hold::Busy => Answer::Now(busy()),
        Hold::Held => Answer::Hold(Held { seen: snapshot.version }),
    }
}

/// A `/__tandem/version` request counted in `held`, waiting for a build
/// other than `seen`.
struct Held {
    seen: u64,
}

impl Held {
    async fn wait(self, shared: &Shared) -> Response {
        // Counted out however the wait ends, a client gone away included
        // (the future is then dropped where it waits).
        struct Release<'a>(&'a AtomicUsize);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let _release = Release(&shared.held);
        let mut versions = shared.versions.subscribe();
        let mut stop = shared.stop.subscribe();
        let seen = self.seen;
        tokio::select! {
            _ = versions.wait_for(|v| *v != seen) => {}
            _ = stop.wait_for(|stopping| *stopping) => {}
            () = tokio::time::sleep(HOLD) => {}
        }
        version_response(shared.snapshot().version)
    }
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
/// in one step so two requests never both take the last place.
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
fn busy() -> Response {
    with_header(
        text(503, "too many open pages are waiting for a rebuild; ask again in a second\n"),
        header::RETRY_AFTER,
        "1",
    )
}

/// Whether `host` (the Host header) names this machine: `localhost` or a
/// loopback address (`127.0.0.1`, `[::1]`), with any port (a tunnel such as
/// `ssh -L 8080:localhost:4000` keeps its own). Any other name is how a page
/// of another site reaches a loopback server (DNS rebinding: its own name,
/// made to resolve to 127.0.0.1), so only numbers and `localhost` pass. A
/// request without a Host header comes from no browser.
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

fn version_response(version: u64) -> Response {
    bytes(200, format!("{version}\n").into_bytes(), "text/plain; charset=utf-8")
}

fn text(status: u16, body: &str) -> Response {
    bytes(status, body.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

fn bytes(status: u16, body: Vec<u8>, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Every answer is of the build of the moment: never cache one.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Every value here is ASCII (constants, or a request path checked by
/// `http::resolve`); one that is not cannot be a header and is left out.
fn with_header(mut response: Response, name: header::HeaderName, value: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
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
            "\0",
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
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("1"));
    }
}
