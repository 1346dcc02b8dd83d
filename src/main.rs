//! The `tandem` command line: parses flags, runs the library, prints
//! diagnostics and maps the outcome to an exit code (docs/commands.md).
//!
//! The shape is ripgrep's: [`run`] returns the exit code or a [`Failure`],
//! and `main` is the one place a failure (or a panic, which is a bug) is
//! printed. Data problems are not failures: they are diagnostics, printed
//! as they are found, with exit code 1.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use cli::{
    BuildArgs, CheckArgs, Cli, Command, DataArgs, ImportArgs, InitArgs, ServeArgs, SourceArg, SummaryArgs,
};
use tandem::diagnostics::{self, MessageFormat};
use tandem::summary;

mod cli;

/// A line on standard error. A closed stream (`tandem check 2>&-`) is not
/// worth a panic, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A line on standard output, likewise (`tandem init | head -1`).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Exit codes (docs/commands.md).
const EXIT_INVALID_DATA: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_OTHER: u8 = 3;

/// Why a command stopped, printed once by `main` as `error: ...`. Invalid
/// data is not one: its diagnostics say everything, and the code is 1.
#[derive(Debug, thiserror::Error)]
enum Failure {
    /// The command line is wrong (exit 2): a folder, a clock, a flag's value.
    #[error("{0}")]
    Usage(String),
    /// A bug in tandem (a panic), said in plain words, without a backtrace.
    #[error("tandem stopped on an internal error (a bug; please report it): {0}")]
    Panic(String),
    /// Ctrl-C cannot be watched for, so `serve` could not stop in order.
    #[error("cannot watch for Ctrl-C: {0}")]
    CtrlC(#[from] ctrlc::Error),
    /// The summary could not be printed.
    #[error("could not print the summary: {0}")]
    Print(#[source] std::io::Error),
    #[error(transparent)]
    Build(#[from] tandem::BuildError),
    #[error(transparent)]
    Summary(#[from] summary::SummaryError),
    #[error(transparent)]
    Import(#[from] tandem::import::ImportError),
    #[error(transparent)]
    Init(#[from] tandem::init::InitError),
    #[error(transparent)]
    Serve(#[from] tandem::serve::ServeError),
}

impl Failure {
    fn exit_code(&self) -> ExitCode {
        ExitCode::from(if matches!(self, Failure::Usage(_)) { EXIT_USAGE } else { EXIT_OTHER })
    }
}

fn main() -> ExitCode {
    // A panic is a bug in tandem, never the user's fault: the default hook's
    // message and backtrace are not for users, so the hook says nothing, and
    // the panic unwinds to here (or to whoever catches it: a `serve` rebuild
    // reports its own in the banner, and the preview goes on).
    std::panic::set_hook(Box::new(|_| {}));
    let failure = match std::panic::catch_unwind(run) {
        Ok(Ok(code)) => return code,
        Ok(Err(failure)) => failure,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Failure::Panic(what)
        }
    };
    print_error(&failure);
    failure.exit_code()
}

/// The one way an error reaches the terminal.
fn print_error(e: &dyn std::fmt::Display) {
    say!("error: {e}");
}

fn run() -> Result<ExitCode, Failure> {
    match Cli::parse().command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Summary(args) => summary(&args),
        Command::Init(args) => init(&args),
        Command::Import(args) => import(&args),
        Command::Serve(args) => serve(&args),
    }
}

impl DataArgs {
    /// The data folder and the clock, or the usage error that stops the command.
    fn start(&self) -> Result<jiff::Timestamp, Failure> {
        usable_data_dir(&self.data_dir)?;
        now()
    }

    /// Prints the diagnostics, the count line (or `closing`, when there is
    /// no problem), then the hints; returns whether any is an error.
    fn print(&self, diags: diagnostics::Diagnostics, closing: Option<&str>) -> bool {
        let failed = diags.has_errors();
        let prefix = self.data_dir.to_string_lossy();
        let text = diagnostics::render_closed(&diags.sorted(), self.message_format.into(), &prefix, closing);
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        failed
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let common = &args.common;
    let now = common.start()?;
    let mut checked = tandem::check(&common.data_dir, &common.flags(), now);
    if let Some((project, options)) = &checked.project {
        if let Some(names) = &args.explain {
            let notes = tandem::load::notes::explain::select(project, &common.data_dir, names)
                .map_err(Failure::Usage)?;
            let text = tandem::load::notes::explain::explain(project, &notes);
            // A closed pipe (`tandem check --explain | head`) is not an error.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        tandem::hints(project, options.report_date, &mut checked.diagnostics);
    }
    let closing =
        format!("Checked {} files in {}: no problems", checked.files_read, common.data_dir.display());
    Ok(exit_for(common.print(checked.diagnostics, Some(&closing))))
}

fn build(args: &BuildArgs) -> Result<ExitCode, Failure> {
    let started = std::time::Instant::now();
    let common = &args.common;
    let now = common.start()?;
    let outcome = tandem::build(&common.data_dir, &args.output_dir, &args.flags(), now);
    common.print(outcome.diagnostics, None);
    match outcome.result {
        Ok(built) => {
            if !args.quiet {
                let ms = started.elapsed().as_millis();
                let (pages, files, out) = (built.pages, built.files, args.output_dir.display());
                say!("Built {pages} pages ({files} files) in {out} in {ms} ms");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(tandem::BuildError::InvalidData) => Ok(exit_for(true)),
        Err(e) => Err(e.into()),
    }
}

fn summary(args: &SummaryArgs) -> Result<ExitCode, Failure> {
    let common = &args.common;
    let now = common.start()?;
    let outcome = summary::run(&common.data_dir, &args.flags(), now, args.format.into());
    common.print(outcome.diagnostics, None);
    let text = match outcome.result {
        Ok(text) => text,
        Err(summary::SummaryError::InvalidData) => return Ok(exit_for(true)),
        Err(e) => return Err(e.into()),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`tandem summary | head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Print(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Exit code 1 when the data has errors (they were printed), else 0.
fn exit_for(invalid: bool) -> ExitCode {
    if invalid { ExitCode::from(EXIT_INVALID_DATA) } else { ExitCode::SUCCESS }
}

fn init(args: &InitArgs) -> Result<ExitCode, Failure> {
    let (dir, written, next) = match &args.templates {
        Some(dir) => {
            (dir, tandem::init::export_templates(dir), "edit them, then run `tandem build --templates")
        }
        None => {
            // The starter sprint begins this week, in UTC like the default
            // report date, so the starter notes are never dated after it.
            let today = jiff::tz::TimeZone::UTC.to_datetime(now()?).date();
            (&args.dir, tandem::init::init(&args.dir, today), "edit team.yaml, then run `tandem check")
        }
    };
    let files = written?;
    out!("Wrote {} files in {}:", files.len(), dir.display());
    for file in files {
        out!("  {}", file.display());
    }
    out!("Next: {next} {}`", dir.display());
    if args.templates.is_none() && tandem::init::tandem_repository().is_empty() {
        out!(
            "Before you push: set TANDEM_REPOSITORY in {} to the GitHub repository \
             tandem comes from (owner/name)",
            dir.join(".github/workflows/tandem.yml").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import(args: &ImportArgs) -> Result<ExitCode, Failure> {
    use tandem::import::{self, plan::Change, record::Source};
    let now = now()?;
    let options = import::ImportOptions {
        source: match args.source {
            SourceArg::Jira => Source::Jira,
            SourceArg::Gitlab => Source::Gitlab,
        },
        files: args.files.clone(),
        sprints: args.sprints.clone(),
        into: args.into.clone(),
        as_of: args.as_of,
        dry_run: args.dry_run,
        now,
    };
    let outcome = import::run(&options);
    // Paths in import's messages are the files as given, not data-folder paths.
    let text = diagnostics::render(&outcome.diagnostics.sorted(), args.message_format.into(), "");
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    let done = match outcome.result {
        Ok(done) => done,
        Err(import::ImportError::InvalidInput) => return Ok(exit_for(true)),
        Err(e) => return Err(e.into()),
    };
    let verb = if done.dry_run { "Would import" } else { "Imported" };
    out!(
        "{verb} {} issues as of {} into {}: {} sprints, {} backlog items",
        done.issues,
        done.as_of,
        args.into.display(),
        done.sprints,
        done.backlog_items
    );
    for note in &done.notes {
        out!("  {note}");
    }
    for (path, change, summary) in &done.changes {
        let word = match (change, done.dry_run) {
            (Change::Unchanged, _) => "unchanged",
            (Change::Written, false) => "wrote",
            (Change::Written, true) => "would write",
            (Change::Removed, false) => "removed",
            (Change::Removed, true) => "would remove",
        };
        let detail = if summary.is_empty() { String::new() } else { format!(" ({summary})") };
        out!("  {word:<12} {path}{detail}");
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(args: &ServeArgs) -> Result<ExitCode, Failure> {
    use tandem::serve;
    usable_data_dir(&args.data_dir)?;
    now()?;
    if let Some(dir) = args.templates.as_ref().filter(|d| !d.is_dir()) {
        return Err(Failure::Usage(format!("the templates folder {} is not a folder", dir.display())));
    }
    // Ctrl-C (and a plain `kill`) end the wait below; the server then stops in order.
    let (stop, stopped) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })?;
    let bind = args.bind.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    let options = serve::ServeOptions {
        data_dir: args.data_dir.clone(),
        flags: args.flags(),
        bind,
        port: args.port,
        // Checked once above; the environment does not change.
        now: || now().unwrap_or_else(|_| jiff::Timestamp::now()),
    };
    let running = serve::start(options, std::sync::Arc::new(print_serve_event))?;
    if !bind.is_loopback() {
        say!("warning: listening on {bind}: other machines that can reach this one can see the site");
    }
    let name = running.team.clone().unwrap_or_else(|| args.data_dir.display().to_string());
    out!("Serving {name} at {} (Ctrl-C to stop)", running.url);
    if args.open {
        open_browser(&running.url);
    }
    let _ = stopped.recv();
    running.stop();
    out!("Stopped serving {name}");
    Ok(ExitCode::SUCCESS)
}

/// The terminal's view of a build: the problems as `check` prints them, then one line.
fn print_serve_event(event: tandem::serve::Event) {
    use tandem::serve::Event;
    match event {
        Event::Built(report) => {
            let text = diagnostics::render(&report.diagnostics, MessageFormat::Human, "");
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            if let Some(e) = &report.error {
                print_error(e);
            }
            let secs = report.took.as_secs_f64();
            match (report.built, report.first) {
                (Some((pages, _)), true) => say!("Built {pages} pages in {secs:.2} s"),
                (Some((pages, _)), false) => say!("rebuilt in {secs:.2} s ({pages} pages)"),
                (None, _) => {
                    say!("the build failed in {secs:.2} s: pages show the problems until they are fixed")
                }
            }
        }
        Event::WatchTrouble(e) => say!("warning: watching for changes: {e}"),
    }
}

/// The system's "open this" command; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        say!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

/// The one place the clock is read: `SOURCE_DATE_EPOCH` (seconds since
/// 1970, the reproducible-builds convention) when set, else the system clock.
fn now() -> Result<jiff::Timestamp, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "SOURCE_DATE_EPOCH should be a number of seconds since 1970 (found \"{text}\")"
                ))
            }),
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

fn usable_data_dir(dir: &Path) -> Result<(), Failure> {
    if dir.is_dir() {
        return Ok(());
    }
    let what = if dir.exists() { "is not a folder" } else { "does not exist" };
    Err(Failure::Usage(format!(
        "the data folder {} {what} (give the folder holding team.yaml)",
        dir.display()
    )))
}
