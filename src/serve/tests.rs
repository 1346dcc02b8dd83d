//! `serve`'s own tests: ports, and builds as the rebuild thread meets them
//! (a save during the first build, a panic in a rebuild).

use super::*;
use std::sync::atomic::{AtomicBool, Ordering};

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
                format!("port {port} is taken on 127.0.0.1 (choose another with --port, or leave it out)")
            );
        }
        other => panic!("{:?}", other.map(|l| port_of(&l))),
    }
    assert!(matches!(first_free(LOCAL, port..port + 1), Err(ServeError::NoFreePort(_))));
}

/// The events of a server, as they come.
fn recorder() -> (OnEvent, mpsc::Receiver<Event>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let on_event: OnEvent = Arc::new(move |event| {
        let _ = tx.lock().unwrap_or_else(|p| p.into_inner()).send(event);
    });
    (on_event, rx)
}

fn options(data_dir: &std::path::Path, now: fn() -> jiff::Timestamp) -> ServeOptions {
    ServeOptions {
        data_dir: data_dir.to_path_buf(),
        flags: Flags::default(),
        bind: LOCAL,
        port: Some(0),
        now,
    }
}

fn pinned() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"))
}

/// The next build reported within 20 s (a slow, shared machine).
fn next_build(rx: &mpsc::Receiver<Event>) -> BuildReport {
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(Event::Built(report)) => report,
        Ok(Event::WatchTrouble(e)) => panic!("watch trouble: {e}"),
        Err(e) => panic!("no build reported: {e}"),
    }
}

/// The snapshot served once the build numbered `version` (or a later one)
/// is: a build is reported just before it is served.
fn served(running: &Running, version: u64) -> Arc<Snapshot> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = running.shared.snapshot();
        if now.version >= version || Instant::now() > deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A file to write when the first build starts (as if saved then).
static SAVE_AT_FIRST_BUILD: Mutex<Option<PathBuf>> = Mutex::new(None);

fn clock_that_saves() -> jiff::Timestamp {
    if let Some(path) = SAVE_AT_FIRST_BUILD.lock().unwrap_or_else(|p| p.into_inner()).take() {
        std::fs::write(path, "name: Phoenix\n").unwrap_or_else(|e| panic!("{e}"));
    }
    pinned()
}

#[test]
fn a_save_while_the_first_build_runs_starts_a_rebuild() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    *SAVE_AT_FIRST_BUILD.lock().unwrap_or_else(|p| p.into_inner()) = Some(dir.path().join("team.yaml"));
    let (on_event, rx) = recorder();
    let running = start(options(dir.path(), clock_that_saves), on_event).unwrap_or_else(|e| panic!("{e}"));
    assert!(next_build(&rx).first);
    let second = next_build(&rx);
    assert!(!second.first, "the save during the first build was seen");
    running.stop();
}

/// Set: the next build panics (a bug, as the rebuild thread meets it).
static CLOCK_PANICS: AtomicBool = AtomicBool::new(false);

fn clock_that_may_panic() -> jiff::Timestamp {
    if CLOCK_PANICS.load(Ordering::SeqCst) {
        panic!("the clock broke");
    }
    pinned()
}

#[test]
fn a_panic_in_a_rebuild_is_a_banner_over_the_last_good_site_and_rebuilds_go_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in walkdir::WalkDir::new(&sample) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let to = dir.path().join(entry.path().strip_prefix(&sample).unwrap_or_else(|e| panic!("{e}")));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap_or_else(|e| panic!("{e}"));
        } else {
            std::fs::copy(entry.path(), &to).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let team = dir.path().join("team.yaml");
    let team_text = std::fs::read_to_string(&team).unwrap_or_else(|e| panic!("{e}"));
    let (on_event, rx) = recorder();
    let running =
        start(options(dir.path(), clock_that_may_panic), on_event).unwrap_or_else(|e| panic!("{e}"));
    assert!(next_build(&rx).built.is_some());

    CLOCK_PANICS.store(true, Ordering::SeqCst);
    std::fs::write(&team, &team_text).unwrap_or_else(|e| panic!("{e}"));
    let failed = next_build(&rx);
    CLOCK_PANICS.store(false, Ordering::SeqCst);
    let message = "internal error while building: the clock broke; please report it";
    assert_eq!(failed.error.as_deref(), Some(message));
    assert!(failed.built.is_none());
    let now = served(&running, 2);
    assert_eq!(now.banner, Banner::Failed);
    assert!(now.site.as_ref().is_some_and(|s| s.files.contains_key("index.html")), "the last good site");
    assert_eq!(now.problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>(), [message]);

    std::fs::write(&team, &team_text).unwrap_or_else(|e| panic!("{e}"));
    // One save may come as two bursts of events: the first may still have panicked.
    let mut again = next_build(&rx);
    let mut builds = 3;
    if again.built.is_none() {
        again = next_build(&rx);
        builds += 1;
    }
    assert!(again.built.is_some(), "the rebuild thread lives on: {:?}", again.error);
    assert_eq!(served(&running, builds).banner, Banner::None);
    running.stop();
}
