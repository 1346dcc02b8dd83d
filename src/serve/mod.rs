//! `tandem serve`: the site built in memory with the same pipeline as
//! `build`, served on loopback, rebuilt when a data file or template changes,
//! with open pages reloaded.
//!
//! - [`http`]: a request path to a file of the site in memory (never the disk);
//! - `respond`: the one handler answering requests (on loopback, only
//!   those naming this machine), on axum's HTTP/1 server;
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

pub use watch::WatchError;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::watch as signal;

use crate::diagnostics::Diagnostic;
use crate::options::Flags;
use crate::site::Site;
use inject::{Banner, Problem};

/// The first port tried when none is given, and how many after it.
pub const DEFAULT_PORT: u16 = 4000;
const PORTS_TRIED: u16 = 100;
/// Threads answering requests (a held `/__tandem/version` request waits
/// as a future and takes none).
const WORKERS: usize = 2;
/// After a stop, how long requests being answered may still take.
const GRACE: Duration = Duration::from_secs(2);

/// Everything `serve` needs from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The data folder.
    pub data_dir: PathBuf,
    /// `--as-of`, `--public`, `--templates` (watched too): settled with
    /// `tandem.yaml` at every build, as `build` does once. The base URL is
    /// always `/`, whatever is given.
    pub flags: Flags,
    /// Where to listen: 127.0.0.1 unless `--bind` says otherwise.
    pub bind: IpAddr,
    /// `--port`: exactly this one (0: any free one); none: the first free from 4000.
    pub port: Option<u16>,
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
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// `--port N` is taken.
    #[error("port {} is taken on {} (choose another with --port, or leave it out)", .0.port(), .0.ip())]
    PortTaken(SocketAddr),
    /// Every port from 4000 on that was tried is taken.
    #[error("ports {DEFAULT_PORT} to {last} are all taken on {ip} (choose one with --port)", ip = .0, last = DEFAULT_PORT + PORTS_TRIED - 1)]
    NoFreePort(IpAddr),
    /// Listening failed for another reason.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: io::Error,
    },
    /// The threads that answer requests could not be started.
    #[error("cannot start the server: {0}")]
    Runtime(#[source] io::Error),
    /// The data folder or the templates could not be watched.
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
}

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

/// What the request handler shares with the builder.
struct Shared {
    current: Mutex<Arc<Snapshot>>,
    /// The version of `current`, for held requests to wait on.
    versions: signal::Sender<u64>,
    /// Set once, when the server stops.
    stop: signal::Sender<bool>,
    /// `/__tandem/version` requests being held.
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
        let version = next.version;
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        self.versions.send_replace(version);
    }

    fn stopping(&self) -> bool {
        *self.stop.borrow()
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
    server: Option<JoinHandle<()>>,
    watcher: Option<watch::Watcher>,
}

impl Running {
    /// Stops watching and accepting requests, and waits (up to a grace
    /// period) for the requests being answered; held ones are answered now.
    pub fn stop(mut self) {
        self.watcher.take();
        self.shared.stop.send_replace(true);
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
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
        .map_err(|source| ServeError::Listen { addr: SocketAddr::new(opts.bind, 0), source })?;
    listener.set_nonblocking(true).map_err(|source| ServeError::Listen { addr, source })?;
    let url = format!("http://{addr}/");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .thread_name("tandem-serve")
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;

    // Watch before the first build, so a save while it runs is not lost:
    // its change waits in the channel and the rebuild thread takes it.
    let (tx, rx) = mpsc::channel();
    let mut roots = vec![opts.data_dir.clone()];
    roots.extend(opts.flags.templates_dir.clone());
    // Events name canonical paths; compare like with like.
    let roots: Vec<PathBuf> = roots.into_iter().map(|r| r.canonicalize().unwrap_or(r)).collect();
    let watcher = watch::watch(&roots, tx)?;

    let mut flags = opts.flags.clone();
    flags.base_url = Some(SERVED_BASE_URL.to_string());
    let builder = Builder { data_dir: opts.data_dir.clone(), flags, now: opts.now, on_event };
    let (first, team) = builder.build_caught(None, 1, true);
    let shared = Arc::new(Shared {
        versions: signal::Sender::new(first.version),
        current: Mutex::new(Arc::new(first)),
        stop: signal::Sender::new(false),
        held: AtomicUsize::new(0),
        local_names_only: opts.bind.is_loopback(),
    });
    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || builder.rebuild_on_change(&rx, &rebuild_shared));

    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(|source| ServeError::Listen { addr, source })?
    };
    let served = Arc::clone(&shared);
    let server = std::thread::spawn(move || runtime.block_on(answer(listener, served)));
    Ok(Running { url, team, shared, server: Some(server), watcher: Some(watcher) })
}

/// Answers requests until the server stops, then lets the requests being
/// answered finish, for [`GRACE`] at most.
async fn answer(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let app = axum::Router::new().fallback(respond::handle).with_state(Arc::clone(&shared));
    let mut stop = shared.stop.subscribe();
    let mut stopped = shared.stop.subscribe();
    let serving = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = stop.wait_for(|stopping| *stopping).await;
    });
    let grace_over = async move {
        let _ = stopped.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(GRACE).await;
    };
    // An error accepting a connection is the client's trouble, and axum
    // goes on by itself; `serve` itself only ends when told to.
    tokio::select! {
        _ = serving => {}
        () = grace_over => {}
    }
}

/// `port` exactly, or the first free one from 4000.
fn listen(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, ServeError> {
    if let Some(port) = port {
        let addr = SocketAddr::new(ip, port);
        return TcpListener::bind(addr).map_err(|source| match source.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortTaken(addr),
            _ => ServeError::Listen { addr, source },
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
            Err(source) => return Err(ServeError::Listen { addr, source }),
        }
    }
    Err(ServeError::NoFreePort(ip))
}

/// Builds snapshots: the pipeline of `build`, kept in memory.
struct Builder {
    data_dir: PathBuf,
    /// The command line's, with the served base URL.
    flags: Flags,
    now: fn() -> jiff::Timestamp,
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
            if !files || shared.stopping() {
                continue;
            }
            let previous = shared.snapshot();
            let (next, _) = self.build_caught(Some(&previous), previous.version + 1, false);
            shared.swap(next);
        }
    }

    /// [`Builder::build`], a panic in it (a bug) becoming the build's error:
    /// the last good site stays, and the server and its rebuilds go on. The
    /// panic is caught here, where it happens; the command line's panic
    /// hook prints nothing of its own, so nobody needs to know a server runs.
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
        let checked = crate::check(&self.data_dir, &self.flags, (self.now)());
        let mut diagnostics = checked.diagnostics;
        let mut team = None;
        let mut error = None;
        let mut site = None;
        if let Some((project, options)) = checked.project.filter(|_| !diagnostics.has_errors()) {
            team = Some(project.team.name.clone());
            match crate::render_site(&project, &options, &checked.static_files, &mut diagnostics) {
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
