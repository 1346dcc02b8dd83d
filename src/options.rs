//! The settings every stage trusts, settled once, right after `load` has
//! read `tandem.yaml`: a command-line flag wins over `tandem.yaml`, which
//! wins over the default (docs/commands.md). Nothing after this step looks
//! at a flag or at `tandem.yaml`'s copy of these settings again.
//!
//! `--strict` has no `tandem.yaml` counterpart and governs the diagnostics,
//! not the pipeline: [`crate::check`] applies it to them, once.

use std::path::PathBuf;

use crate::model::{Date, Settings};

/// What the command line says, before `tandem.yaml` is read: `None` (or
/// `false`) where a flag was not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// `--as-of`: the report date.
    pub as_of: Option<Date>,
    /// `--strict`: every warning counts as an error.
    pub strict: bool,
    /// `--public` (`--public=false`): the stakeholder-facing site.
    pub public: Option<bool>,
    /// `--base-url`, validated like `base_url` in `tandem.yaml`. `serve`
    /// gives `/`: links from the root of whatever host serves the site.
    pub base_url: Option<String>,
    /// `--templates`: a folder of templates that replace built-in ones.
    pub templates_dir: Option<PathBuf>,
}

/// The settled settings of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--as-of`, else `as_of` in `tandem.yaml`, else the day the clock
    /// falls on in `tandem.yaml`'s time zone (docs/data.md). Anything dated
    /// after it is left out of everything.
    pub report_date: Date,
    /// How the site (and the summary's links) are made.
    pub site: SiteOptions,
}

/// How the site is rendered, settled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteOptions {
    /// The stakeholder-facing site, without any note text (what it leaves
    /// out: `site::Input::public`, README "Publishing for stakeholders").
    pub public: bool,
    /// The absolute URL the site is published at, for canonical links and
    /// the feed; internal links stay relative.
    pub base_url: Option<String>,
    /// Templates that replace built-in ones of the same name.
    pub templates_dir: Option<PathBuf>,
}

impl Flags {
    /// The flags over `settings` (`tandem.yaml`) over the defaults. `now` is
    /// the moment "today" is taken from: the library never reads the clock,
    /// so the same data and the same `now` give the same site.
    pub fn resolve(&self, settings: &Settings, now: jiff::Timestamp) -> Options {
        let report_date =
            self.as_of.or(settings.as_of).unwrap_or_else(|| settings.timezone.to_datetime(now).date());
        Options {
            report_date,
            site: SiteOptions {
                public: self.public.unwrap_or(settings.public),
                base_url: self.base_url.clone().or_else(|| settings.base_url.clone()),
                templates_dir: self.templates_dir.clone(),
            },
        }
    }
}

impl Options {
    /// `settings` with no flag given, as of `report_date`: where a test or a
    /// benchmark of a later stage starts.
    pub fn from_settings(settings: &Settings, report_date: Date) -> Options {
        Flags { as_of: Some(report_date), ..Flags::default() }.resolve(settings, jiff::Timestamp::UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_flag_wins_over_tandem_yaml_which_wins_over_the_default() {
        let now = jiff::Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
        let none = Flags::default().resolve(&Settings::default(), now);
        assert_eq!(none.report_date, jiff::tz::TimeZone::UTC.to_datetime(now).date(), "today, in UTC");
        assert_eq!(none.site, SiteOptions::default());

        let yaml = Settings {
            as_of: Some(day("2026-03-01")),
            public: true,
            base_url: Some("https://from.yaml/".into()),
            ..Settings::default()
        };
        let from_yaml = Flags::default().resolve(&yaml, now);
        assert_eq!(from_yaml.report_date, day("2026-03-01"));
        assert!(from_yaml.site.public);
        assert_eq!(from_yaml.site.base_url.as_deref(), Some("https://from.yaml/"));

        let flags = Flags {
            as_of: Some(day("2026-02-01")),
            strict: true,
            public: Some(false),
            base_url: Some("https://flag/".into()),
            templates_dir: Some("mine".into()),
        };
        let from_flags = flags.resolve(&yaml, now);
        assert_eq!(from_flags.report_date, day("2026-02-01"));
        assert_eq!(
            from_flags.site,
            SiteOptions {
                public: false,
                base_url: Some("https://flag/".into()),
                templates_dir: Some("mine".into())
            }
        );
    }

    #[test]
    fn today_is_read_in_tandem_yaml_s_time_zone() {
        // 2026-03-01 23:30 in UTC is already 2 March nine hours east.
        let now: jiff::Timestamp = "2026-03-01T23:30:00Z".parse().unwrap_or_else(|e| panic!("{e}"));
        let tokyo =
            Settings { timezone: jiff::tz::TimeZone::fixed(jiff::tz::offset(9)), ..Settings::default() };
        assert_eq!(Flags::default().resolve(&tokyo, now).report_date, day("2026-03-02"));
        assert_eq!(Flags::default().resolve(&Settings::default(), now).report_date, day("2026-03-01"));
    }
}
