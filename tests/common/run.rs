//! The one way the integration tests run the real binary: `CARGO_BIN_EXE_tandem`
//! with a scrubbed environment (nothing of the developer's shell leaks in: no
//! `RUST_BACKTRACE`, no `HOME`, no `PATH`), the clock pinned by
//! `SOURCE_DATE_EPOCH`, and stdout and stderr captured as text with the
//! sandbox's path redacted (mdBook's `tests/testsuite/book_test.rs` shape).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};

/// 2026-09-21T14:13:20Z: "today" for every run unless a test says otherwise.
pub const EPOCH: &str = "1790000000";

/// One run of `tandem` to be: arguments, environment, working folder.
pub struct Tandem {
    command: Command,
    /// Paths replaced in stdout and stderr, longest first when applied.
    redact: Vec<(String, String)>,
}

impl Tandem {
    /// `tandem` in `cwd`, with the environment scrubbed and the clock pinned.
    pub fn new(cwd: impl AsRef<Path>) -> Tandem {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
        command.current_dir(cwd).env_clear().env("SOURCE_DATE_EPOCH", EPOCH).stdin(Stdio::null());
        Tandem { command, redact: Vec::new() }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Tandem {
        self.command.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Tandem {
        self.command.args(args);
        self
    }

    /// One more variable in the otherwise empty environment.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Tandem {
        self.command.env(key, value);
        self
    }

    /// "Today" as seconds since 1970 (or anything else, to test a bad value).
    pub fn epoch(self, epoch: &str) -> Tandem {
        self.env("SOURCE_DATE_EPOCH", epoch)
    }

    /// Shows `path` (and its canonical form) as `name` in stdout and stderr.
    pub fn redact(mut self, path: &Path, name: &str) -> Tandem {
        let mut forms = vec![path.to_path_buf()];
        if let Ok(canonical) = path.canonicalize() {
            forms.push(canonical);
        }
        for form in forms {
            let text = form.to_string_lossy().into_owned();
            if !text.is_empty() && !self.redact.iter().any(|(from, _)| *from == text) {
                self.redact.push((text, name.to_string()));
            }
        }
        self
    }

    /// Runs to the end; what it printed, redacted.
    pub fn run(mut self) -> Ran {
        let output = self.command.output().unwrap_or_else(|e| panic!("cannot run tandem: {e}"));
        let redact = |bytes: &[u8]| {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            let mut pairs = self.redact.clone();
            pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
            for (from, to) in pairs {
                text = text.replace(&from, &to);
            }
            text
        };
        Ran { status: output.status, stdout: redact(&output.stdout), stderr: redact(&output.stderr) }
    }

    /// Starts it and returns at once, for a test that watches or stops the
    /// process (`serve`, a killed build); nothing is redacted there.
    pub fn spawn(mut self, stdout: impl Into<Stdio>, stderr: impl Into<Stdio>) -> Child {
        self.command
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run tandem: {e}"))
    }
}

/// What one finished run printed, as text (invalid UTF-8 replaced).
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn success(&self) -> bool {
        self.status.success()
    }

    /// Itself, after a panic that shows stderr unless the run exited 0.
    #[track_caller]
    pub fn ok(self) -> Ran {
        assert!(self.success(), "tandem exited with {}:\n{}", self.status, self.stderr);
        self
    }
}

/// `tandem ARGS` in `cwd`, the common case.
pub fn tandem<S: AsRef<OsStr>>(args: &[S], cwd: &Path) -> Ran {
    Tandem::new(cwd).args(args).run()
}

/// A fresh temporary folder, removed when dropped, whose path `tandem`'s
/// output shows as `[ROOT]`, and optionally a copy of a fixture in it.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn empty() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}")) }
    }

    /// A sandbox holding a copy of `from` (relative to the crate's root, say
    /// `sample-data` or `tests/fixtures/check/valid-minimal`) as `to`.
    pub fn with(from: &str, to: &str) -> Sandbox {
        let sandbox = Sandbox::empty();
        let source = repo().join(from);
        assert!(source.is_dir(), "{} is not a folder", source.display());
        super::copy_dir(&source, &sandbox.path().join(to));
        sandbox
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `self.path().join(rel)`.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.path().join(rel)
    }

    /// `tandem` run in the sandbox, its path redacted as `[ROOT]`.
    pub fn command(&self) -> Tandem {
        Tandem::new(self.path()).redact(self.path(), "[ROOT]")
    }

    /// `tandem ARGS` run in the sandbox.
    pub fn tandem<S: AsRef<OsStr>>(&self, args: &[S]) -> Ran {
        self.command().args(args).run()
    }
}

/// The crate's root (`CARGO_MANIFEST_DIR`).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
