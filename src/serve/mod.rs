//! `tandem serve`: the site built in memory with the same pipeline as
//! `build`, served on loopback, rebuilt when a data file or template changes,
//! with open pages reloaded.
//!
//! - [`http`]: a request path to a file of the site in memory (never the disk);
//! - `respond`: the worker threads answering requests (on loopback, only
//!   those naming this machine);
//! - [`inject`]: what serve mode adds to each page (reload script, banner);
//! - `watch`: the data folder and templates, watched with a debouncer.
//!
//! Each build becomes an immutable [`Snapshot`] behind one mutex: a request
//! takes the current one (an `Arc` clone) and answers from it, so a page
//! never mixes two builds. A failed build keeps the last good site and adds
//! the problems; a counter (`version`) lets the pages know when to reload.

pub mod http;
pub mod inject;
mod respond;
mod watch;

use std::fmt;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::site::{Site, SiteOptions};
use inject::{Banner, Problem};

/// The first port tried when none is given, and how many after it.
pub const DEFAULT_PORT: u16 = 4000;
const PORTS_TRIED: u16 = 100;
/// Threads answering requests; a held `/__tandem/version` request moves to
/// a thread of its own, so these stay free for pages.
const WORKERS: usize = 4;

/// Everything `serve` needs, settled by the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The data folder.
    pub data_dir: PathBuf,
    /// `--as-of`.
    pub as_of: Option<Date>,
    /// `--templates`: watched too.
    pub templates_dir: Option<PathBuf>,
    /// Where to listen: 127.0.0.1 unless `--bind` says otherwise.
    pub bind: IpAddr,
    /// `--port`: exactly this one (0: any free one); none: the first free from 4000.
    pub port: Option<u16>,
    /// `--public` (`--public=false`): preview the stakeholder site; absent,
    /// tandem.yaml's `public` decides, as for `build`.
    pub public: Option<bool>,
    /// The clock, read at every build (the library never reads it itself).
    pub now: fn() -> jiff::Timestamp,
}

/// What happened, for the command line to print.
#[derive(Debug)]
pub enum Event {
    /// A build finished.
    Built(BuildReport),
    /// The watcher reported a problem (the server goes on).
    WatchTrouble(String),
}

/// One build: how long it took and what it found.
#[derive(Debug)]
pub struct BuildReport {
    /// The first build, before serving starts.
    pub first: bool,
    /// Load to rendered site.
    pub took: Duration,
    /// HTML pages and all files of the new site; `None` when the build failed.
    pub built: Option<(usize, usize)>,
    /// Every problem in the data, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// A problem that is not in the data (a template error).
    pub error: Option<String>,
}

/// Why serving could not start. Every case maps to exit code 3.
#[derive(Debug)]
pub enum ServeError {
    /// `--port N` is taken.
    PortTaken(SocketAddr),
    /// Every port from 4000 on that was tried is taken.
    NoFreePort(IpAddr),
    /// Listening failed for another reason.
    Listen(SocketAddr, String),
    /// The data folder could not be watched.
    Watch(String),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortTaken(addr) => {
                write!(
                    f,
                    "port {} is taken on {} (choose another with --port, or leave it out)",
                    addr.port(),
                    addr.ip()
                )
            }
            ServeError::NoFreePort(ip) => write!(
                f,
                "ports {DEFAULT_PORT} to {} are all taken on {ip} (choose one with --port)",
                DEFAULT_PORT + PORTS_TRIED - 1
            ),
            ServeError::Listen(addr, e) => write!(f, "cannot listen on {addr}: {e}"),
            ServeError::Watch(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ServeError {}

/// One build as it is served.
#[derive(Debug)]
pub struct Snapshot {
    /// Counts builds, failed ones too (the banner changes): pages reload when it moves.
    pub version: u64,
    /// The last good site, if any build worked.
    pub site: Option<Arc<Site>>,
    /// Whether and why a banner shows.
    pub banner: Banner,
    /// The problems of the latest build.
    pub problems: Vec<Problem>,
}

/// What the request threads share with the builder.
struct Shared {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
    stopping: AtomicBool,
    held: AtomicUsize,
    /// Listening on loopback: refuse requests naming another host (see
    /// `respond::host_is_local`); any `--bind` off loopback takes all.
    local_names_only: bool,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        // A poisoned lock means a thread panicked mid-swap; the Arc inside is still whole.
        self.current.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn swap(&self, next: Snapshot) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        self.changed.notify_all();
    }
}

/// Called with each [`Event`], from whichever thread it happens on.
pub type OnEvent = Arc<dyn Fn(Event) + Send + Sync>;

/// A running server: dropping it without [`Running::stop`] leaves the
/// threads to end with the process.
pub struct Running {
    /// `http://127.0.0.1:4000/`.
    pub url: String,
    /// The team's name, when a build worked.
    pub team: Option<String>,
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
    watcher: Option<watch::Watcher>,
}

impl Running {
    /// Stops watching and accepting requests, and waits for the requests
    /// being answered.
    pub fn stop(mut self) {
        CATCHING_PANICS.store(false, Ordering::SeqCst);
        self.watcher.take();
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// Set while a server runs: its threads catch panics and report them
/// themselves (a rebuild's as a banner problem), so the command line's
/// panic hook must not end the process.
static CATCHING_PANICS: AtomicBool = AtomicBool::new(false);

/// Whether a panic now is caught by a running server (see [`start`]).
pub fn catches_panics() -> bool {
    CATCHING_PANICS.load(Ordering::SeqCst)
}

/// The base URL of every build in serve mode: root-relative, so the 404
/// page (served at any depth) and the feed work under any name the server
/// is reached by (`localhost`, `127.0.0.1`, a machine name with `--bind`).
const SERVED_BASE_URL: &str = "/";

/// Listens, starts watching, builds the site once and starts answering;
/// returns as soon as pages can be asked for. A first build that fails
/// still serves (the problems, on every path).
pub fn start(opts: ServeOptions, on_event: OnEvent) -> Result<Running, ServeError> {
    let listener = listen(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Listen(SocketAddr::new(opts.bind, 0), e.to_string()))?;
    let url = format!("http://{addr}/");
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| ServeError::Listen(addr, e.to_string()))?;
    let server = Arc::new(server);

    // Watch before the first build, so a save while it runs is not lost:
    // its change waits in the channel and the rebuild thread takes it.
    let (tx, rx) = mpsc::channel();
    let mut roots = vec![opts.data_dir.clone()];
    roots.extend(opts.templates_dir.clone());
    // Events name canonical paths; compare like with like.
    let roots: Vec<PathBuf> = roots.into_iter().map(|r| r.canonicalize().unwrap_or(r)).collect();
    let watcher = watch::watch(&roots, tx).map_err(ServeError::Watch)?;

    CATCHING_PANICS.store(true, Ordering::SeqCst);
    let builder = Builder { opts: opts.clone(), on_event };
    let (first, team) = builder.build_caught(None, 1, true);
    let shared = Arc::new(Shared {
        current: Mutex::new(Arc::new(first)),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        held: AtomicUsize::new(0),
        local_names_only: opts.bind.is_loopback(),
    });
    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || builder.rebuild_on_change(&rx, &rebuild_shared));

    let workers = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || respond::work(&server, &shared))
        })
        .collect();
    Ok(Running { url, team, shared, workers, watcher: Some(watcher) })
}

/// `port` exactly, or the first free one from 4000.
fn listen(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, ServeError> {
    if let Some(port) = port {
        let addr = SocketAddr::new(ip, port);
        return TcpListener::bind(addr).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortTaken(addr),
            _ => ServeError::Listen(addr, e.to_string()),
        });
    }
    first_free(ip, DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED)
}

fn first_free(ip: IpAddr, ports: std::ops::Range<u16>) -> Result<TcpListener, ServeError> {
    for port in ports {
        let addr = SocketAddr::new(ip, port);
        match TcpListener::bind(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(ServeError::Listen(addr, e.to_string())),
        }
    }
    Err(ServeError::NoFreePort(ip))
}

/// Builds snapshots: the pipeline of `build`, kept in memory.
struct Builder {
    opts: ServeOptions,
    on_event: OnEvent,
}

impl Builder {
    /// Waits for changes; one rebuild per burst, however many arrived meanwhile.
    fn rebuild_on_change(&self, rx: &mpsc::Receiver<watch::Change>, shared: &Shared) {
        while let Ok(change) = rx.recv() {
            let mut files = false;
            for change in std::iter::once(change).chain(rx.try_iter()) {
                match change {
                    watch::Change::Files => files = true,
                    watch::Change::Trouble(e) => (self.on_event)(Event::WatchTrouble(e)),
                }
            }
            if !files || shared.stopping.load(Ordering::SeqCst) {
                continue;
            }
            let previous = shared.snapshot();
            let (next, _) = self.build_caught(Some(&previous), previous.version + 1, false);
            shared.swap(next);
        }
    }

    /// [`Builder::build`], a panic in it (a bug) becoming the build's error:
    /// the last good site stays, and the server and its rebuilds go on.
    fn build_caught(
        &self,
        previous: Option<&Snapshot>,
        version: u64,
        first: bool,
    ) -> (Snapshot, Option<String>) {
        let started = Instant::now();
        let payload =
            match std::panic::catch_unwind(AssertUnwindSafe(|| self.build(previous, version, first))) {
                Ok(built) => return built,
                Err(payload) => payload,
            };
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message = format!("internal error while building: {what}; please report it");
        (self.on_event)(Event::Built(BuildReport {
            first,
            took: started.elapsed(),
            built: None,
            diagnostics: Vec::new(),
            error: Some(message.clone()),
        }));
        let problems = vec![Problem { severity: "error", place: None, message }];
        (snapshot(None, previous, version, problems), None)
    }

    /// One build; on failure the previous snapshot's site stays.
    fn build(&self, previous: Option<&Snapshot>, version: u64, first: bool) -> (Snapshot, Option<String>) {
        let started = Instant::now();
        let opts = &self.opts;
        let checked = crate::check(&opts.data_dir, opts.as_of, (opts.now)());
        let mut diagnostics = checked.diagnostics;
        let mut team = None;
        let mut error = None;
        let mut site = None;
        if let Some((project, date)) = checked.project.filter(|_| !diagnostics.has_errors()) {
            team = Some(project.team.name.clone());
            let site_opts = SiteOptions {
                base_url: Some(SERVED_BASE_URL.to_string()),
                templates_dir: opts.templates_dir.clone(),
                public: opts.public,
            };
            match crate::render_site(&project, date, &site_opts, &opts.data_dir, &mut diagnostics) {
                Ok(built) => site = Some(Arc::new(built)),
                Err(e) => error = Some(e.to_string()),
            }
        }
        let diagnostics = diagnostics.sorted();
        // Hints are words on the figures, not problems: no banner for them.
        let mut problems: Vec<Problem> = diagnostics
            .iter()
            .filter(|d| d.severity != crate::diagnostics::Severity::Hint)
            .map(problem)
            .collect();
        problems.extend(error.iter().map(|e| Problem { severity: "error", place: None, message: e.clone() }));
        (self.on_event)(Event::Built(BuildReport {
            first,
            took: started.elapsed(),
            built: site.as_ref().map(|s| (s.page_count(), s.files.len())),
            diagnostics,
            error,
        }));
        (snapshot(site, previous, version, problems), team)
    }
}

/// The snapshot of a build that made `site` (or none) and found `problems`.
fn snapshot(
    site: Option<Arc<Site>>,
    previous: Option<&Snapshot>,
    version: u64,
    problems: Vec<Problem>,
) -> Snapshot {
    match site {
        Some(site) => {
            let banner = if problems.is_empty() { Banner::None } else { Banner::Warnings };
            Snapshot { version, site: Some(site), banner, problems }
        }
        None => match previous.and_then(|p| p.site.clone()) {
            Some(last_good) => Snapshot { version, site: Some(last_good), banner: Banner::Failed, problems },
            None => Snapshot { version, site: None, banner: Banner::NoSite, problems },
        },
    }
}

fn problem(d: &Diagnostic) -> Problem {
    let place = match d.position {
        Some((line, col)) => format!("{}:{line}:{col}", d.path),
        None => d.path.clone(),
    };
    Problem { severity: d.severity.label(), place: Some(place), message: d.message.clone() }
}

#[cfg(test)]
mod tests;
