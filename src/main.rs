//! The `tandem` command line: parses flags, runs the library, prints
//! diagnostics and maps the outcome to an exit code (docs/commands.md).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tandem::diagnostics::{self, MessageFormat};
use tandem::model::Date;
use tandem::summary;

/// Turns a scrum team's sprint records and meeting notes into a static site
/// about the team's health.
#[derive(Parser)]
#[command(name = "tandem", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the data, compute every figure and write the site.
    Build(BuildArgs),
    /// Validate the data folder and report every problem, without writing anything.
    Check(CheckCommandArgs),
    /// Print the stakeholder summary on standard output (for a chat, an e-mail or a pull request).
    Summary(SummaryArgs),
    /// Write a small, valid data folder and a GitHub Actions workflow to start from.
    Init(InitArgs),
    /// Turn a Jira or GitLab export into sprint records and a backlog snapshot.
    Import(ImportArgs),
    /// Build the site in memory and serve it on this machine, rebuilding and reloading on every save.
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// The data folder (holding team.yaml, sprints/, notes/ ...).
    #[arg(default_value = ".")]
    data_dir: PathBuf,
    /// The port to listen on (0: any free one); default: the first free one from 4000.
    #[arg(long)]
    port: Option<u16>,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Report date (YYYY-MM-DD) instead of today (or `as_of` in tandem.yaml).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Folder of templates that replace built-in ones of the same name (watched too).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Listen on this address instead of 127.0.0.1 (other machines can then see the site).
    #[arg(long, value_name = "ADDR")]
    bind: Option<std::net::IpAddr>,
    #[command(flatten)]
    public: PublicArg,
}

#[derive(Args)]
struct ImportArgs {
    /// The tracker the export comes from.
    #[arg(value_enum)]
    source: SourceArg,
    /// Export files: Jira CSV or REST search JSON; GitLab REST issue lists (one page or many).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Sprint dates for exports without them: Jira's board sprint list (JSON), or CSV/YAML of name,start,end[,goal].
    #[arg(long, value_name = "FILE")]
    sprints: Option<PathBuf>,
    /// The data folder to write into.
    #[arg(long, value_name = "DATA_DIR", default_value = ".")]
    into: PathBuf,
    /// The export's date (YYYY-MM-DD); default: the latest date in the export.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// How to print problems: `github` annotates files in GitHub Actions.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    message_format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum SourceArg {
    Jira,
    Gitlab,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CheckArgs,
    /// Where to write the site.
    #[arg(short, long, default_value = "public")]
    output_dir: PathBuf,
    /// Absolute URL the site is published at (feed, canonical links); links stay relative.
    #[arg(long, value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Folder of templates that replace built-in ones of the same name.
    #[arg(long)]
    templates: Option<PathBuf>,
    #[command(flatten)]
    public: PublicArg,
    /// Print only problems, not the closing summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct SummaryArgs {
    #[command(flatten)]
    common: CheckArgs,
    /// Absolute URL the site is published at, for the summary's links.
    #[arg(long, value_parser = parse_base_url)]
    base_url: Option<String>,
    #[command(flatten)]
    public: PublicArg,
    /// How to print the summary: markdown for a pull request or a chat, text for an e-mail, json for tools.
    #[arg(long, value_enum, default_value_t = SummaryFormatArg::Markdown)]
    format: SummaryFormatArg,
}

/// `--public`, `--public=true`, `--public=false`: absent, tandem.yaml's
/// `public` decides. The `=` is required, so `--public DATA_DIR` reads as the
/// flag and the folder.
#[derive(Args)]
struct PublicArg {
    /// For stakeholders: figures, goals, titles, dates and owners, but no note text
    /// (no note pages; no action or decision text). Wins over `public` in tandem.yaml.
    #[arg(
        long = "public",
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    public: Option<bool>,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormatArg {
    Markdown,
    Text,
    Json,
}

impl From<SummaryFormatArg> for summary::Format {
    fn from(f: SummaryFormatArg) -> Self {
        match f {
            SummaryFormatArg::Markdown => summary::Format::Markdown,
            SummaryFormatArg::Text => summary::Format::Text,
            SummaryFormatArg::Json => summary::Format::Json,
        }
    }
}

#[derive(Args)]
struct InitArgs {
    /// Where to write the starter files (created if needed).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Instead of a data folder, write the built-in templates and stylesheet
    /// into this folder, to edit and use with `tandem build --templates`.
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    templates: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// The data folder (holding team.yaml, sprints/, notes/ ...).
    #[arg(default_value = ".")]
    data_dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// How to print problems: `github` annotates files in GitHub Actions.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    message_format: FormatArg,
    /// Report date (YYYY-MM-DD) instead of today (or `as_of` in tandem.yaml).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
}

#[derive(Args)]
struct CheckCommandArgs {
    #[command(flatten)]
    common: CheckArgs,
    /// Print what was read from each note (all when none is named, after the
    /// data folder): attendees, action items, owners, due dates, decisions,
    /// and the lines not read.
    #[arg(long, value_name = "NOTE", num_args = 0..)]
    explain: Option<Vec<String>>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Github,
}

impl From<FormatArg> for MessageFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Human => MessageFormat::Human,
            FormatArg::Github => MessageFormat::Github,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    tandem::load::yaml::parse_iso_date(text)
}

fn parse_base_url(text: &str) -> Result<String, String> {
    tandem::load::settings::base_url(text).map_err(|e| format!("the URL {e}"))
}

/// The one place the clock is read: `SOURCE_DATE_EPOCH` (seconds since
/// 1970, the reproducible-builds convention) when set, else the system clock.
fn now() -> Result<jiff::Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH should be a number of seconds since 1970 (found \"{text}\")")
            }),
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

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

fn main() -> ExitCode {
    // A panic is a bug in tandem, never the user's fault: say so in plain
    // words, without a backtrace, and exit like any other failure (code 3).
    // Not while `serve` runs: its threads catch panics and report them
    // themselves (a rebuild's in the banner), and the preview goes on.
    std::panic::set_hook(Box::new(|info| {
        if tandem::serve::catches_panics() {
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        say!("error: tandem stopped on an internal error (a bug; please report it): {what}");
        std::process::exit(i32::from(EXIT_OTHER));
    }));
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Summary(args) => summary(&args),
        Command::Init(args) => init(&args),
        Command::Import(args) => import(&args),
        Command::Serve(args) => serve(&args),
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    use tandem::serve;
    if let Err(code) = usable_data_dir(&args.data_dir).and_then(|()| now().map(drop).map_err(usage_error)) {
        return code;
    }
    if let Some(dir) = args.templates.as_ref().filter(|d| !d.is_dir()) {
        say!("error: the templates folder {} is not a folder", dir.display());
        return ExitCode::from(EXIT_USAGE);
    }
    // Ctrl-C (and a plain `kill`) end the wait below; the server then stops in order.
    let (stop, stopped) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        say!("error: cannot watch for Ctrl-C: {e}");
        return ExitCode::from(EXIT_OTHER);
    }
    let options = serve::ServeOptions {
        data_dir: args.data_dir.clone(),
        as_of: args.as_of,
        templates_dir: args.templates.clone(),
        bind: args.bind.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
        port: args.port,
        public: args.public.public,
        now: clock,
    };
    let bind = options.bind;
    let running = match serve::start(options, std::sync::Arc::new(print_serve_event)) {
        Ok(running) => running,
        Err(e) => {
            say!("error: {e}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
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
    ExitCode::SUCCESS
}

/// The terminal's view of a build: the problems as `check` prints them, then one line.
fn print_serve_event(event: tandem::serve::Event) {
    use tandem::serve::Event;
    match event {
        Event::Built(report) => {
            let text = diagnostics::render(&report.diagnostics, MessageFormat::Human, "");
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            if let Some(e) = &report.error {
                say!("error: {e}");
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

/// The clock for each rebuild; `now()` was checked once at start, so its
/// error cannot come back (the environment does not change).
fn clock() -> jiff::Timestamp {
    now().unwrap_or_else(|_| jiff::Timestamp::now())
}

fn import(args: &ImportArgs) -> ExitCode {
    use tandem::import::{self, plan::Change, record::Source};
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
    };
    let outcome = import::run(&options);
    // Paths in import's messages are the files as given, not data-folder paths.
    let text = diagnostics::render(&outcome.diagnostics.sorted(), args.message_format.into(), "");
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    match outcome.result {
        Ok(done) => {
            let verb = if done.dry_run { "Would import" } else { "Imported" };
            out!(
                "{verb} {} issues as of {} into {}: {} sprints, {} backlog items",
                done.issues,
                done.as_of,
                args.into.display(),
                done.sprints,
                done.backlog_items
            );
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
            ExitCode::SUCCESS
        }
        Err(import::ImportError::InvalidInput) => ExitCode::from(EXIT_INVALID_DATA),
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

fn init(args: &InitArgs) -> ExitCode {
    let (dir, written, next) = match &args.templates {
        Some(dir) => {
            (dir, tandem::init::export_templates(dir), "edit them, then run `tandem build --templates")
        }
        None => {
            // The starter sprint begins this week.
            let today = match now() {
                // In UTC, like the default report date, so the starter notes are never
                // dated after it.
                Ok(t) => jiff::tz::TimeZone::UTC.to_datetime(t).date(),
                Err(e) => {
                    say!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            (&args.dir, tandem::init::init(&args.dir, today), "edit team.yaml, then run `tandem check")
        }
    };
    match written {
        Ok(files) => {
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let common = &args.common;
    let now = match start(common) {
        Ok(now) => now,
        Err(code) => return code,
    };
    let options = tandem::BuildOptions {
        data_dir: common.data_dir.clone(),
        output_dir: args.output_dir.clone(),
        as_of: common.as_of,
        now,
        site: tandem::site::SiteOptions {
            base_url: args.base_url.clone(),
            templates_dir: args.templates.clone(),
            public: args.public.public,
        },
        strict: common.strict,
    };
    let outcome = tandem::build(&options);
    print_diagnostics(outcome.diagnostics, common);
    match outcome.result {
        Ok(built) => {
            if !args.quiet {
                let ms = started.elapsed().as_millis();
                say!(
                    "Built {} pages ({} files) in {} in {ms} ms",
                    built.pages,
                    built.files,
                    args.output_dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(tandem::BuildError::InvalidData) => ExitCode::from(EXIT_INVALID_DATA),
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

/// Prints the diagnostics and the count line; returns whether any is an error.
fn print_diagnostics(diags: tandem::diagnostics::Diagnostics, args: &CheckArgs) -> bool {
    let failed = diags.has_errors();
    let list = diags.sorted();
    let prefix = args.data_dir.to_string_lossy();
    let text = diagnostics::render(&list, args.message_format.into(), &prefix);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    failed
}

fn check(command: &CheckCommandArgs) -> ExitCode {
    let args = &command.common;
    let now = match start(args) {
        Ok(now) => now,
        Err(code) => return code,
    };
    let checked = tandem::check(&args.data_dir, args.as_of, now);
    if let (Some(names), Some((project, _))) = (&command.explain, &checked.project) {
        match tandem::load::notes::explain::select(project, &args.data_dir, names) {
            // A closed pipe (`tandem check --explain | head`) is not worth a panic.
            Ok(notes) => {
                let text = tandem::load::notes::explain::explain(project, &notes);
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            Err(e) => return usage_error(e),
        }
    }
    let mut diags = checked.diagnostics;
    if let Some((project, date)) = &checked.project {
        tandem::load::notes::explain::hints(project, *date, &mut diags);
    }
    if args.strict {
        diags.make_strict();
    }
    // With no problem, the count line is this one, and the hints follow it.
    if diags.is_empty() {
        say!("Checked {} files in {}: no problems", checked.files_read, args.data_dir.display());
    }
    if print_diagnostics(diags, args) {
        return ExitCode::from(EXIT_INVALID_DATA);
    }
    ExitCode::SUCCESS
}

fn summary(args: &SummaryArgs) -> ExitCode {
    let common = &args.common;
    let now = match start(common) {
        Ok(now) => now,
        Err(code) => return code,
    };
    let options = summary::SummaryOptions {
        data_dir: common.data_dir.clone(),
        as_of: common.as_of,
        now,
        base_url: args.base_url.clone(),
        public: args.public.public,
        format: args.format.into(),
        strict: common.strict,
    };
    let outcome = summary::run(&options);
    print_diagnostics(outcome.diagnostics, common);
    match outcome.result {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`tandem summary | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    say!("error: could not print the summary: {e}");
                    ExitCode::from(EXIT_OTHER)
                }
            }
        }
        Err(summary::SummaryError::InvalidData) => ExitCode::from(EXIT_INVALID_DATA),
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

/// The clock and the data folder, or the usage error (exit 2) that stops the command.
fn start(args: &CheckArgs) -> Result<jiff::Timestamp, ExitCode> {
    usable_data_dir(&args.data_dir)?;
    now().map_err(usage_error)
}

fn usable_data_dir(dir: &std::path::Path) -> Result<(), ExitCode> {
    if !dir.is_dir() {
        let what = if dir.exists() { "is not a folder" } else { "does not exist" };
        say!("error: the data folder {} {what} (give the folder holding team.yaml)", dir.display());
        return Err(ExitCode::from(EXIT_USAGE));
    }
    Ok(())
}

fn usage_error(e: String) -> ExitCode {
    say!("error: {e}");
    ExitCode::from(EXIT_USAGE)
}
