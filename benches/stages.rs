//! In-process timings of tandem's stages, on sample-data and on a synthetic
//! folder (`examples/synthetic.rs`, 2,000 notes over 90 sprints with weekly
//! backlog snapshots, written once under cargo's bench temp folder):
//!
//! - `check`: load and validate the data folder;
//! - `analyse`: every figure, the weekly history and the attention lists;
//! - `render`: every page of the site, in memory;
//! - `build`: the whole `tandem build`, writing into a folder (from the
//!   second run on, bringing the previous site up to date).
//!
//! `cargo bench --bench stages`. Figures, not assertions; whole-process
//! figures at 1k to 50k notes come from `bench/scale.sh`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tandem::analysis::{self, History};
use tandem::model::Project;
use tandem::options::{Flags, Options};
use tandem::site;

#[allow(dead_code)]
#[path = "../examples/synthetic.rs"]
mod synthetic;

fn main() {
    divan::main();
}

const FOLDERS: [&str; 2] = ["sample-data", "synthetic-2k"];

/// The data folder named `name`; the synthetic one is written on first use.
fn folder(name: &str) -> PathBuf {
    static SYNTHETIC: OnceLock<PathBuf> = OnceLock::new();
    match name {
        "synthetic-2k" => SYNTHETIC
            .get_or_init(|| {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stages-synthetic-2k");
                if let Err(e) = synthetic::generate(&dir, 90, 2000, true) {
                    panic!("could not write the synthetic folder {}: {e}", dir.display());
                }
                dir
            })
            .clone(),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join(name),
    }
}

/// A fixed "now": the figures never depend on the day the benchmark runs.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_790_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn project(name: &str) -> (Project, Options) {
    match tandem::check(&folder(name), &Flags::default(), now()).project {
        Some(found) => found,
        None => panic!("{name} has errors"),
    }
}

#[divan::bench(args = FOLDERS, sample_count = 10, sample_size = 1)]
fn check(bencher: divan::Bencher, name: &str) {
    let dir = folder(name);
    bencher.bench(|| tandem::check(&dir, &Flags::default(), now()));
}

#[divan::bench(args = FOLDERS, sample_count = 10, sample_size = 1)]
fn analyse(bencher: divan::Bencher, name: &str) {
    let (project, options) = project(name);
    bencher.bench(|| analysis::analyse(&project, options.report_date, History::Full));
}

#[divan::bench(args = FOLDERS, sample_count = 10, sample_size = 1)]
fn render(bencher: divan::Bencher, name: &str) {
    let (project, options) = project(name);
    let analysis = analysis::analyse(&project, options.report_date, History::Full);
    bencher.bench(|| site::render(&project, &analysis, &options.site).map(|s| s.files.len()));
}

#[divan::bench(args = FOLDERS, sample_count = 10, sample_size = 1)]
fn build(bencher: divan::Bencher, name: &str) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("stages-site-{name}"));
    let data = folder(name);
    let flags = Flags::default();
    bencher.bench(|| {
        tandem::build(&data, &out, &flags, now()).result.map(|b| b.files).map_err(|e| e.to_string())
    });
}
