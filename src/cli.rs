//! The command line's flags, as clap reads them (docs/commands.md), and
//! what they say as the library's [`Flags`]. Part of the binary only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tandem::diagnostics::MessageFormat;
use tandem::model::Date;
use tandem::options::Flags;
use tandem::summary;

/// Turns a scrum team's sprint records and meeting notes into a static site
/// about the team's health.
#[derive(Parser)]
#[command(name = "tandem", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Validate the data, compute every figure and write the site.
    Build(BuildArgs),
    /// Validate the data folder and report every problem, without writing anything.
    Check(CheckArgs),
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
pub struct ServeArgs {
    /// The data folder (holding team.yaml, sprints/, notes/ ...).
    #[arg(default_value = ".")]
    pub data_dir: PathBuf,
    /// The port to listen on (0: any free one); default: the first free one from 4000.
    #[arg(long)]
    pub port: Option<u16>,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Folder of templates that replace built-in ones of the same name (watched too).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Listen on this address instead of 127.0.0.1 (other machines can then see the site).
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<std::net::IpAddr>,
    #[command(flatten)]
    pub public: PublicArg,
}

#[derive(Args)]
pub struct ImportArgs {
    /// The tracker the export comes from.
    #[arg(value_enum)]
    pub source: SourceArg,
    /// Export files: Jira CSV or REST search JSON; GitLab REST issue lists (one page or many).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Sprint dates for exports without them: Jira's board sprint list (JSON), or CSV/YAML of name,start,end[,goal[,goal_met]].
    #[arg(long, value_name = "FILE")]
    pub sprints: Option<PathBuf>,
    /// The data folder to write into.
    #[arg(long, value_name = "DATA_DIR", default_value = ".")]
    pub into: PathBuf,
    // Not the report date of `AsOfArg`: an export's date, which an import settles itself.
    /// The export's date (YYYY-MM-DD); default: the latest date in the export.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print problems: `github` annotates files in GitHub Actions.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub message_format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SourceArg {
    Jira,
    Gitlab,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: DataArgs,
    /// Where to write the site.
    #[arg(short, long, default_value = "public")]
    pub output_dir: PathBuf,
    /// Absolute URL the site is published at (feed, canonical links); links stay relative.
    #[arg(long, value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Folder of templates that replace built-in ones of the same name.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub public: PublicArg,
    /// Print only problems, not the closing summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub common: DataArgs,
    /// Absolute URL the site is published at, for the summary's links.
    #[arg(long, value_parser = parse_base_url)]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub public: PublicArg,
    /// How to print the summary: markdown for a pull request or a chat, text for an e-mail, json for
    /// tools, slack or teams for a webhook (a Block Kit message, an Adaptive Card).
    #[arg(long, value_enum, default_value_t = SummaryFormatArg::Markdown)]
    pub format: SummaryFormatArg,
}

/// `--public`, `--public=true`, `--public=false`: absent, tandem.yaml's
/// `public` decides. The `=` is required, so `--public DATA_DIR` reads as the
/// flag and the folder.
#[derive(Args)]
pub struct PublicArg {
    /// For stakeholders: figures, goals, titles, dates and owners, but no note text
    /// (no note pages; no action or decision text). Wins over `public` in tandem.yaml.
    #[arg(
        long = "public",
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    pub public: Option<bool>,
}

/// `--as-of`: the report date, for every command that reads a data folder.
#[derive(Args)]
pub struct AsOfArg {
    /// Report date (YYYY-MM-DD) instead of today (or `as_of` in tandem.yaml).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SummaryFormatArg {
    Markdown,
    Text,
    Json,
    Slack,
    Teams,
}

impl From<SummaryFormatArg> for summary::Format {
    fn from(f: SummaryFormatArg) -> Self {
        match f {
            SummaryFormatArg::Markdown => summary::Format::Markdown,
            SummaryFormatArg::Text => summary::Format::Text,
            SummaryFormatArg::Json => summary::Format::Json,
            SummaryFormatArg::Slack => summary::Format::Slack,
            SummaryFormatArg::Teams => summary::Format::Teams,
        }
    }
}

#[derive(Args)]
pub struct InitArgs {
    /// Where to write the starter files (created if needed).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Instead of a data folder, write the built-in templates and stylesheet
    /// into this folder, to edit and use with `tandem build --templates`.
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub templates: Option<PathBuf>,
}

/// `tandem check`'s own flags, after those it shares with `build` and `summary`.
#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: DataArgs,
    /// Print what was read from each note (all when none is named, after the
    /// data folder): attendees, action items, owners, due dates, decisions,
    /// and the lines not read.
    #[arg(long, value_name = "NOTE", num_args = 0..)]
    pub explain: Option<Vec<String>>,
}

/// What `check`, `build` and `summary` share: the data folder and how its
/// problems count and print.
#[derive(Args)]
pub struct DataArgs {
    /// The data folder (holding team.yaml, sprints/, notes/ ...).
    #[arg(default_value = ".")]
    pub data_dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print problems: `github` annotates files in GitHub Actions.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub message_format: FormatArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
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

pub fn parse_date(text: &str) -> Result<Date, String> {
    tandem::load::yaml::parse_iso_date(text)
}

pub fn parse_base_url(text: &str) -> Result<String, String> {
    tandem::load::settings::base_url(text).map_err(|e| format!("the URL {e}"))
}

impl DataArgs {
    /// The flags every command shares; each adds its own.
    pub fn flags(&self) -> Flags {
        Flags { as_of: self.as_of.as_of, strict: self.strict, ..Flags::default() }
    }
}

impl BuildArgs {
    /// Everything `build` says about the data folder's settings.
    pub fn flags(&self) -> Flags {
        Flags {
            public: self.public.public,
            base_url: self.base_url.clone(),
            templates_dir: self.templates.clone(),
            ..self.common.flags()
        }
    }
}

impl SummaryArgs {
    /// Everything `summary` says about the data folder's settings.
    pub fn flags(&self) -> Flags {
        Flags { public: self.public.public, base_url: self.base_url.clone(), ..self.common.flags() }
    }
}

impl ServeArgs {
    /// Everything `serve` says about the data folder's settings (it has no
    /// `--strict`, and its base URL is always `/`).
    pub fn flags(&self) -> Flags {
        Flags {
            as_of: self.as_of.as_of,
            public: self.public.public,
            templates_dir: self.templates.clone(),
            ..Flags::default()
        }
    }
}
