//! Helpers shared by the integration tests; each test file uses some of them.
//! Every test that runs the binary does it through [`run`]; every comparison
//! with a golden or expected file goes through [`golden`] (`TANDEM_BLESS=1`).
#![allow(dead_code)]

pub mod golden;
pub mod run;

// Each test file uses some of these.
#[allow(unused_imports)]
pub use run::{Ran, Sandbox, Tandem, repo, tandem};

/// A fixed-seed generator: the same mutations on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// `tandem build sample-data` into `CARGO_TARGET_TMPDIR/<name>`, and the
/// site's `metrics.json`. Each test file builds once and keeps it (a `OnceLock`).
pub fn build_sample_site(name: &str) -> (std::path::PathBuf, serde_json::Value) {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    Tandem::new(repo()).args(["build", "sample-data", "-o"]).arg(&out).run().ok();
    let text = std::fs::read_to_string(out.join("metrics.json")).unwrap_or_default();
    let metrics = serde_json::from_str(&text).unwrap_or_else(|e| panic!("metrics.json: {e}"));
    (out, metrics)
}

/// Copies the folder `from` (files and folders) into `to`, made as needed.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let target = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// Every file under `dir` (links not followed): path relative to it,
/// `/`-separated, to bytes.
pub fn files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.file_type().is_file() {
            let rel =
                entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            found.insert(rel, std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}")));
        }
    }
    found
}

/// [`files`] as text (invalid UTF-8 replaced).
pub fn texts(dir: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    files(dir).into_iter().map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned())).collect()
}
