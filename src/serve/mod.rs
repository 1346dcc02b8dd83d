//! `tandem serve`: the site built in memory with the same pipeline as
//! `build`, served on loopback, rebuilt when a data file or template changes,
//! with open pages reloaded.
//!
//! - [`http`]: a request path to a file of the site in memory (never the disk);
//! - `respond`: the worker threads answering requests;
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
        self.watcher.take();
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// Listens, builds the site once, starts watching and answering; returns
/// as soon as pages can be asked for. A first build that fails still serves
/// (the problems, on every path).
pub fn start(opts: ServeOptions, on_event: OnEvent) -> Result<Running, ServeError> {
    let listener = listen(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Listen(SocketAddr::new(opts.bind, 0), e.to_string()))?;
    let url = format!("http://{addr}/");
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| ServeError::Listen(addr, e.to_string()))?;
    let server = Arc::new(server);

    let builder = Builder { opts: opts.clone(), base_url: url.clone(), on_event };
    let (first, team) = builder.build(None, 1, true);
    let shared = Arc::new(Shared {
        current: Mutex::new(Arc::new(first)),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        held: AtomicUsize::new(0),
    });

    let (tx, rx) = mpsc::channel();
    let mut roots = vec![opts.data_dir.clone()];
    roots.extend(opts.templates_dir.clone());
    // Events name canonical paths; compare like with like.
    let roots: Vec<PathBuf> = roots.into_iter().map(|r| r.canonicalize().unwrap_or(r)).collect();
    let watcher = watch::watch(&roots, tx).map_err(ServeError::Watch)?;
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
    base_url: String,
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
            let (next, _) = self.build(Some(&previous), previous.version + 1, false);
            shared.swap(next);
        }
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
                base_url: Some(self.base_url.clone()),
                templates_dir: opts.templates_dir.clone(),
                public: opts.public,
            };
            match crate::render_site(&project, date, &site_opts, &opts.data_dir, &mut diagnostics) {
                Ok(built) => site = Some(Arc::new(built)),
                Err(e) => error = Some(e.to_string()),
            }
        }
        let diagnostics = diagnostics.sorted();
        let mut problems: Vec<Problem> = diagnostics.iter().map(problem).collect();
        problems.extend(error.iter().map(|e| Problem { severity: "error", place: None, message: e.clone() }));
        (self.on_event)(Event::Built(BuildReport {
            first,
            took: started.elapsed(),
            built: site.as_ref().map(|s| (s.page_count(), s.files.len())),
            diagnostics,
            error,
        }));
        let snapshot = match site {
            Some(site) => {
                let banner = if problems.is_empty() { Banner::None } else { Banner::Warnings };
                Snapshot { version, site: Some(site), banner, problems }
            }
            None => match previous.and_then(|p| p.site.clone()) {
                Some(last_good) => {
                    Snapshot { version, site: Some(last_good), banner: Banner::Failed, problems }
                }
                None => Snapshot { version, site: None, banner: Banner::NoSite, problems },
            },
        };
        (snapshot, team)
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
mod tests {
    use super::*;

    const LOCAL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn port_of(listener: &TcpListener) -> u16 {
        listener.local_addr().map(|a| a.port()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_taken_port_is_skipped_unless_it_was_asked_for() {
        let taken = TcpListener::bind((LOCAL, 0)).unwrap_or_else(|e| panic!("{e}"));
        let port = port_of(&taken);
        let next = first_free(LOCAL, port..port.saturating_add(50)).unwrap_or_else(|e| panic!("{e}"));
        assert!(port_of(&next) > port);
        match listen(LOCAL, Some(port)) {
            Err(e @ ServeError::PortTaken(_)) => {
                assert_eq!(
                    e.to_string(),
                    format!(
                        "port {port} is taken on 127.0.0.1 (choose another with --port, or leave it out)"
                    )
                );
            }
            other => panic!("{:?}", other.map(|l| port_of(&l))),
        }
        assert!(matches!(first_free(LOCAL, port..port + 1), Err(ServeError::NoFreePort(_))));
    }
}
