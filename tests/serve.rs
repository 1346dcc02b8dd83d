//! `tandem serve` through the real binary, on a copy of sample-data and a
//! port the system picks (`--port 0`, so parallel tests never race for one):
//! what is served, what is refused, rebuilds after a save, the banner for
//! broken data, and a clean stop on Ctrl-C.

mod common;

use common::Tandem;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The machine is shared and a debug build is slow: wait generously.
const START: Duration = Duration::from_secs(30);
const REBUILD: Duration = Duration::from_secs(5);

/// A running `tandem serve`, killed when dropped so a failing test never
/// leaves one behind.
struct Served {
    child: Child,
    url: String,
    data: PathBuf,
    stderr: PathBuf,
    /// The lines printed on stdout after the URL.
    lines: Option<mpsc::Receiver<String>>,
    _tmp: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `tandem serve` on a fresh copy of sample-data; returns once it printed its URL.
fn serve() -> Served {
    serve_with(|_| {}, &[])
}

/// Likewise, after `prepare` changed the folder holding the copy (`data/`),
/// with more flags (paths relative to that folder).
fn serve_with(prepare: impl FnOnce(&Path), flags: &[&str]) -> Served {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path().join("data");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"), &data);
    prepare(tmp.path());
    let stderr = tmp.path().join("stderr.txt");
    let mut child = Tandem::new(tmp.path())
        .args(["serve", "data", "--port", "0"])
        .args(flags)
        .spawn(Stdio::piped(), fs::File::create(&stderr).unwrap_or_else(|e| panic!("{e}")));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut served = Served { child, url: String::new(), data, stderr, lines: None, _tmp: tmp };
    let line = rx.recv_timeout(START).unwrap_or_else(|e| panic!("no URL printed ({e}): {}", served.log()));
    let bind =
        flags.iter().position(|f| *f == "--bind").and_then(|i| flags.get(i + 1)).unwrap_or(&"127.0.0.1");
    assert!(line.starts_with("Serving ") && line.contains(&format!(" at http://{bind}:")), "{line}");
    assert!(line.ends_with("/ (Ctrl-C to stop)"), "{line}");
    let url = line.split(' ').find(|w| w.starts_with("http://")).unwrap_or_default();
    // Asked for on loopback, whatever the address listened on.
    let port = url.trim_end_matches('/').rsplit(':').next().unwrap_or_default();
    served.url = format!("http://127.0.0.1:{port}/");
    served.lines = Some(rx);
    served
}

/// One HTTP/1.0 exchange (no chunked bodies, the connection closes after it).
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Served {
    /// `127.0.0.1:PORT`, where it is asked.
    fn addr(&self) -> &str {
        self.url.trim_start_matches("http://").trim_end_matches('/')
    }

    fn port(&self) -> &str {
        self.addr().rsplit(':').next().unwrap_or_default()
    }

    fn request(&self, method: &str, path: &str) -> Reply {
        self.request_as(method, path, self.addr())
    }

    /// A request naming `host` in its Host header.
    fn request_as(&self, method: &str, path: &str, host: &str) -> Reply {
        let addr = self.addr();
        let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
        let _ = stream.set_read_timeout(Some(START));
        write!(stream, "{method} {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap_or_else(|e| panic!("{e}"));
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap_or_else(|e| panic!("read {path}: {e}"));
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        Reply { status, headers, body: body.to_string() }
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Asks for `path` until `done` holds for the reply; the last reply otherwise.
    fn wait_for(&self, path: &str, within: Duration, done: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if done(&reply) || start.elapsed() > within {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

const RELOAD: &str = "<script src=\"/__tandem/reload.js\"";
const SERVE_CSP: &str = "content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; \
script-src 'self'; connect-src 'self'; frame-src 'none'; base-uri 'none'; form-action 'none'\">";

#[test]
fn the_site_is_served_with_its_types_and_serve_mode_additions() {
    let s = serve();
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(home.body.contains("Team health this week"), "{}", home.body);
    assert!(home.body.contains(RELOAD));
    assert!(!home.body.contains("tandem-serve-banner"), "sample-data has no problem");
    // The page's Content-Security-Policy lets the reload script (and its
    // polling) in, in serve mode only; the built site allows no script.
    assert!(home.body.contains(SERVE_CSP), "{}", home.body);
    assert!(!home.body.contains("script-src 'none'"), "{}", home.body);

    for (path, kind) in [
        ("/feed.xml", "application/atom+xml"),
        ("/summary.md", "text/markdown; charset=utf-8"),
        ("/metrics.json", "application/json"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/__tandem/reload.js", "text/javascript; charset=utf-8"),
        ("/__tandem/serve.css", "text/css; charset=utf-8"),
        ("/decisions/", "text/html; charset=utf-8"),
    ] {
        let reply = s.get(path);
        assert_eq!((reply.status, reply.header("Content-Type")), (200, Some(kind)), "{path}");
    }
    let folder = s.get("/notes");
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/notes/")));

    let head = s.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(head.body.is_empty(), "{}", head.body);

    let missing = s.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    assert!(missing.body.contains(RELOAD));
    assert_eq!(s.get("/assets/").status, 404, "no folder listings");
    assert_eq!(s.request("POST", "/").status, 405);
}

#[test]
fn paths_outside_the_site_are_not_found() {
    let s = serve();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/notes/..%2f..%2fCargo.toml",
        "/notes/../../Cargo.toml",
        "//etc/passwd",
        "/..%5cCargo.toml",
        "/index.html%00.txt",
    ] {
        let reply = s.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.body.contains("Page not found"), "{path}: {}", reply.body);
        assert!(!reply.body.contains("[package]"), "{path}");
    }
}

#[test]
fn an_edited_note_shows_on_the_decisions_page() {
    let s = serve();
    let sentence = "We pair on every Klarna callback fix from now on (serve test 7f3a)";
    assert!(!s.get("/decisions/").body.contains(sentence));
    let note = s.data.join("notes/2026/sprint-22/retro.md");
    let mut text = fs::read_to_string(&note).unwrap_or_else(|e| panic!("{e}"));
    text.push_str(&format!("\nDecision: {sentence}.\n"));
    fs::write(&note, text).unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/decisions/", REBUILD, |r| r.body.contains(sentence));
    assert!(page.body.contains(sentence), "not on the decisions page after 5 s: {}", s.log());
    assert!(s.log().contains("rebuilt in "), "{}", s.log());
}

/// The reload channel: a page that asks with the version it has is held
/// until a rebuild, then told the new version (and reloads).
#[test]
fn a_held_version_request_is_answered_by_the_rebuild() {
    let s = serve();
    let now = s.get("/__tandem/version");
    assert_eq!((now.status, now.header("Content-Type")), (200, Some("text/plain; charset=utf-8")));
    let version: u64 = now.body.trim().parse().unwrap_or_else(|e| panic!("{e}: {}", now.body));
    let behind = s.get(&format!("/__tandem/version?since={}", version + 7));
    assert_eq!(behind.body.trim(), version.to_string(), "a page behind is answered at once");

    let (tx, rx) = mpsc::channel();
    let addr = s.addr().to_string();
    std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
        let _ = stream.set_read_timeout(Some(START));
        let asked = format!("GET /__tandem/version?since={version} HTTP/1.0\r\nHost: {addr}\r\n\r\n");
        stream.write_all(asked.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        let _ = tx.send(raw);
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(rx.try_recv().is_err(), "answered before anything changed");
    let note = s.data.join("notes/2026/sprint-22/retro.md");
    let mut text = fs::read_to_string(&note).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\nOne more line.\n");
    fs::write(&note, text).unwrap_or_else(|e| panic!("{e}"));
    let raw =
        rx.recv_timeout(REBUILD).unwrap_or_else(|e| panic!("not answered after a save ({e}): {}", s.log()));
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let after: u64 = body.trim().parse().unwrap_or_else(|e| panic!("{e}: {raw}"));
    assert!(after > version, "{raw}");
}

#[test]
fn a_new_check_in_shows_beside_its_practice_on_the_dashboard() {
    let s = serve();
    let sentence = "Scrum master rates communication 1/5;";
    assert!(!s.get("/").body.contains(sentence));
    let checkin = s.data.join("checkins/2026-11-20-marco.yaml");
    fs::write(&checkin, "by: marco\nratings:\n  communication: 1\n").unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/", REBUILD, |r| r.body.contains(sentence));
    assert!(page.body.contains(sentence), "not on the dashboard after 5 s: {}", s.log());
}

#[test]
fn a_broken_sprint_file_shows_in_a_banner_until_it_is_fixed() {
    let s = serve();
    let sprint = s.data.join("sprints/s22.yaml");
    let good = fs::read_to_string(&sprint).unwrap_or_else(|e| panic!("{e}"));
    // The first item's status, on line 13, column 13.
    let broken = good.replacen("status: done", "status: finished", 1);
    assert_ne!(good, broken);
    fs::write(&sprint, &broken).unwrap_or_else(|e| panic!("{e}"));

    let place = "<code>sprints/s22.yaml:13:13</code>";
    let page = s.wait_for("/", REBUILD, |r| r.body.contains(place));
    assert!(page.body.contains(place), "no banner after 5 s: {}\n{}", s.log(), page.body);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("unknown status &quot;finished&quot;"), "{}", page.body);
    assert!(page.body.contains("Team health this week"), "the last good site stays under the banner");
    assert!(page.body.contains("<link rel=\"stylesheet\" href=\"/__tandem/serve.css\">"));
    assert!(s.log().contains("error: sprints/s22.yaml:13:13: unknown status \"finished\""), "{}", s.log());
    let other = s.get("/sprints/s21/");
    assert_eq!(other.status, 200);
    assert!(other.body.contains(place), "every page has the banner");

    fs::write(&sprint, &good).unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/", REBUILD, |r| !r.body.contains("tandem-serve-banner"));
    assert!(!page.body.contains("tandem-serve-banner"), "the banner stayed after the fix: {}", s.log());
    assert_eq!(page.status, 200);
}

#[test]
fn data_that_never_built_is_a_banner_on_every_path_until_fixed() {
    let s = serve_with(
        |tmp| {
            let team = tmp.join("data/team.yaml");
            let text = fs::read_to_string(&team).unwrap_or_else(|e| panic!("{e}"));
            fs::write(&team, format!("{text}\nnot a key: [\n")).unwrap_or_else(|e| panic!("{e}"));
        },
        &[],
    );
    for path in ["/", "/notes/", "/nope"] {
        let reply = s.get(path);
        assert_eq!(reply.status, 503, "{path}");
        assert!(reply.body.contains("tandem-serve-banner"), "{path}: {}", reply.body);
        assert!(reply.body.contains("<code>team.yaml:"), "{path}: {}", reply.body);
        assert!(reply.body.contains(RELOAD), "{path}");
    }
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/team.yaml");
    fs::copy(good, s.data.join("team.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/", REBUILD, |r| r.status == 200);
    assert_eq!(page.status, 200, "{}", s.log());
    assert!(page.body.contains("Team health this week"));
    assert!(!page.body.contains("tandem-serve-banner"));
}

#[test]
fn a_broken_template_shows_in_the_banner_until_it_is_fixed() {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/404.html");
    let good = fs::read_to_string(&builtin).unwrap_or_else(|e| panic!("{e}"));
    let s = serve_with(
        |tmp| {
            fs::create_dir_all(tmp.join("my-templates")).unwrap_or_else(|e| panic!("{e}"));
            fs::write(tmp.join("my-templates/404.html"), &good).unwrap_or_else(|e| panic!("{e}"));
        },
        &["--templates", "my-templates"],
    );
    assert!(!s.get("/").body.contains("tandem-serve-banner"));
    let template = s.data.with_file_name("my-templates").join("404.html");
    fs::write(&template, "{% if %}broken").unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/", REBUILD, |r| r.body.contains("tandem-serve-banner"));
    assert!(page.body.contains("404.html: invalid template"), "{}\n{}", s.log(), page.body);
    assert!(page.body.contains("Team health this week"), "the last good site stays");
    fs::write(&template, &good).unwrap_or_else(|e| panic!("{e}"));
    let page = s.wait_for("/", REBUILD, |r| !r.body.contains("tandem-serve-banner"));
    assert!(!page.body.contains("tandem-serve-banner"), "{}", s.log());
}

#[test]
fn the_reload_script_is_served_but_never_built() {
    let s = serve();
    assert!(s.get("/sprints/").body.contains(RELOAD));
    let (site, _) = common::build_sample_site("serve-build");
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.file_type().is_file() {
            files += 1;
            let bytes = fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("__tandem"), "{} mentions serve mode", entry.path().display());
            assert!(!text.contains("reload.js"), "{}", entry.path().display());
        }
    }
    assert!(files > 50, "{files} files built");
    let home = fs::read_to_string(site.join("index.html")).unwrap_or_else(|e| panic!("{e}"));
    assert!(home.contains("script-src 'none'"), "the built site allows no script");
}

#[test]
fn public_previews_the_stakeholder_site() {
    let s = serve_with(|_| {}, &["--public"]);
    let home = s.get("/");
    assert_eq!(home.status, 200, "{}", s.log());
    assert!(home.body.contains(RELOAD));
    let decisions = s.get("/decisions/");
    // The stakeholder site counts decisions by meeting instead of listing them.
    assert!(decisions.body.contains("class=\"decision-counts\""), "{}", decisions.body);
    for page in [&home, &decisions] {
        assert_eq!(note_page_links(&page.body), 0, "no link to a note page: {}", page.body);
    }
    assert_eq!(s.get("/notes/").status, 200, "the notes index is kept");

    let team = serve();
    assert!(note_page_links(&team.get("/decisions/").body) > 3, "the team's site links its notes");
}

/// Links to a note's own page (`notes/<slug>/index.html`), not to the notes index.
fn note_page_links(html: &str) -> usize {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| {
            href.contains("notes/") && !href.ends_with("notes/index.html") && !href.ends_with("notes/")
        })
        .count()
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_exit_0() {
    let mut s = serve();
    assert_eq!(s.get("/").status, 200);
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap_or_else(|e| panic!("kill: {e}"));
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            break status;
        }
        assert!(start.elapsed() < START, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", s.log());
    let rest: Vec<String> = s.lines.take().map(|rx| rx.try_iter().collect()).unwrap_or_default();
    assert!(rest.iter().any(|l| l.starts_with("Stopped serving Phoenix")), "{rest:?}");
}

#[test]
fn a_port_given_and_taken_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken.local_addr().unwrap_or_else(|e| panic!("{e}")).port().to_string();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out =
        common::tandem(&["serve".as_ref(), sample.as_os_str(), "--port".as_ref(), port.as_ref()], &sample);
    assert_eq!(out.code(), Some(3));
    assert!(out.stderr.contains(&format!("error: port {port} is taken on 127.0.0.1")), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_data_folder_is_not_watched() {
    let s = serve_with(
        |tmp| {
            let outside = tmp.join("outside");
            for i in 0..20 {
                fs::create_dir_all(outside.join(format!("deep/{i}"))).unwrap_or_else(|e| panic!("{e}"));
            }
            fs::write(outside.join("deep/old.md"), "# Old\n").unwrap_or_else(|e| panic!("{e}"));
            std::os::unix::fs::symlink(&outside, tmp.join("data/notes/outside"))
                .unwrap_or_else(|e| panic!("{e}"));
        },
        &[],
    );
    let home = s.get("/");
    assert_eq!(home.status, 200, "{}", s.log());
    assert!(home.body.contains("Team health this week"), "{}", home.body);
    assert!(s.log().contains("warning: notes/outside: link not followed"), "{}", s.log());
    #[cfg(target_os = "linux")]
    {
        // One inotify watch per folder of the data folder, none out there.
        let folders =
            walkdir::WalkDir::new(&s.data).into_iter().flatten().filter(|e| e.file_type().is_dir()).count();
        assert_eq!(inotify_watches(s.child.id()), folders);
    }

    // A save out there changes nothing the site is built from.
    let outside = s.data.with_file_name("outside");
    fs::write(outside.join("deep/new.md"), "# New\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(outside.join("deep/old.md"), "# Changed\n").unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!s.log().contains("rebuilt in "), "a save outside the data folder rebuilt: {}", s.log());

    let note = s.data.join("notes/2026/sprint-22/retro.md");
    let mut text = fs::read_to_string(&note).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\nOne more line.\n");
    fs::write(&note, text).unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    while !s.log().contains("rebuilt in ") && start.elapsed() < REBUILD {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(s.log().contains("rebuilt in "), "a note saved did not rebuild: {}", s.log());
}

#[test]
fn only_names_of_this_machine_are_answered_on_loopback() {
    let s = serve();
    let port = s.port().to_string();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".into(),
    ] {
        let reply = s.request_as("GET", "/", &host);
        assert_eq!(reply.status, 200, "{host}");
    }
    // A page of evil.example whose name now resolves to 127.0.0.1 (DNS rebinding).
    for path in ["/", "/metrics.json", "/__tandem/version"] {
        let reply = s.request_as("GET", path, &format!("evil.example:{port}"));
        assert_eq!(reply.status, 403, "{path}");
        assert!(reply.body.starts_with("refused: "), "{}", reply.body);
        assert!(!reply.body.contains("Phoenix"), "{}", reply.body);
    }
}

#[test]
fn bind_serves_any_host_name_and_the_404_page_works_under_each() {
    let s = serve_with(|_| {}, &["--bind", "0.0.0.0"]);
    assert!(s.log().contains("warning: listening on 0.0.0.0"), "{}", s.log());
    let port = s.port().to_string();
    for host in [format!("my-laptop.lan:{port}"), format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(s.request_as("GET", "/", &host).status, 200, "{host}");
        let missing = s.request_as("GET", "/a/b/c", &host);
        assert_eq!(missing.status, 404, "{host}");
        assert_404_links_from_the_root(&missing.body);
    }
}

#[test]
fn the_404_page_links_from_the_root_at_any_depth() {
    let s = serve();
    for path in ["/nope", "/a/b/c", "/notes/2026/nope/"] {
        let missing = s.get(path);
        assert_eq!(missing.status, 404, "{path}");
        assert_404_links_from_the_root(&missing.body);
    }
    let feed = s.get("/feed.xml").body;
    assert!(!feed.contains("127.0.0.1"), "{feed}");
}

/// Links of the 404 page start at `/` (same host, any depth), never at an
/// address the server listens on (`0.0.0.0`, or 127.0.0.1 for a page opened
/// as localhost, which the CSP's `style-src 'self'` blocks).
fn assert_404_links_from_the_root(page: &str) {
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"), "{page}");
    assert!(page.contains("href=\"/notes/index.html\""), "{page}");
    assert!(!page.contains("href=\"//"), "{page}");
    assert!(!page.contains("http://"), "{page}");
}

/// How many inotify watches process `pid` holds (`inotify wd:` lines of its
/// inotify descriptors' fdinfo).
#[cfg(target_os = "linux")]
fn inotify_watches(pid: u32) -> usize {
    let mut watches = 0;
    for fd in fs::read_dir(format!("/proc/{pid}/fd")).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let is_inotify = fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy().contains("inotify"));
        if is_inotify {
            let info = fs::read_to_string(format!("/proc/{pid}/fdinfo/{}", fd.file_name().to_string_lossy()))
                .unwrap_or_default();
            watches += info.lines().filter(|l| l.starts_with("inotify wd:")).count();
        }
    }
    watches
}
