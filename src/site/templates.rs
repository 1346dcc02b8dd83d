//! Templates and assets: built into the binary, each replaceable by a file of
//! the same name in a `--templates DIR`.
//!
//! Built-ins are registered under the prefix `builtin/`, with Tera's fallback
//! prefixes pointing there, so `notes.html` means the user's file when there is
//! one and the built-in otherwise, for rendering, `extends` and `include` alike.
//! An override can therefore extend its own built-in and change one block:
//!
//! ```text
//! {% extends "builtin/base.html" %}
//! {% block footer %}Made by the Phoenix team{% endblock footer %}
//! ```
//!
//! Rules for the folder (decided here, reported as errors, exit code 3):
//! - a file whose relative path is a built-in template name replaces that
//!   template; `assets/style.css` replaces the stylesheet (copied as is);
//! - any other file is an error naming it, with a "did you mean" hint: a typo
//!   in a file name must not be silently ignored. Hidden files and folders
//!   (`.DS_Store`, `.git`) are skipped;
//! - a template that does not parse, or does not fit with the others, is an
//!   error naming the file and, where known, the line and column.
//!
//! Autoescape is on for `.html` and `.xml` templates.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};

/// Every built-in template: `(name, source)`. The name is what a file in
/// `--templates DIR` must be called to replace it.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("components.html", include_str!("../../templates/components.html")),
    ("checkins.html", include_str!("../../templates/checkins.html")),
    ("public.html", include_str!("../../templates/public.html")),
    ("notes/index.html", include_str!("../../templates/notes/index.html")),
    ("notes/note.html", include_str!("../../templates/notes/note.html")),
    ("weeks/index.html", include_str!("../../templates/weeks/index.html")),
    ("weeks/week.html", include_str!("../../templates/weeks/week.html")),
    ("sprints/index.html", include_str!("../../templates/sprints/index.html")),
    ("sprints/sprint.html", include_str!("../../templates/sprints/sprint.html")),
    ("flow/index.html", include_str!("../../templates/flow/index.html")),
    ("flow/components.html", include_str!("../../templates/flow/components.html")),
    ("backlog/index.html", include_str!("../../templates/backlog/index.html")),
    ("actions/index.html", include_str!("../../templates/actions/index.html")),
    ("actions/components.html", include_str!("../../templates/actions/components.html")),
    ("decisions/index.html", include_str!("../../templates/decisions/index.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("summary/index.html", include_str!("../../templates/summary/index.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// Every built-in asset: `(path in the site, bytes)`. Replaceable like a
/// template, but copied without rendering.
pub const ASSETS: &[(&str, &[u8])] =
    &[("assets/style.css", include_bytes!("../../templates/assets/style.css"))];

/// Prefix under which built-in templates live inside Tera.
const PREFIX: &str = "builtin/";

/// The templates and assets for one build.
pub struct Templates {
    tera: Tera,
    assets: BTreeMap<&'static str, Vec<u8>>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Templates")
            .field("assets", &self.assets.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A problem with templates: loading an override or rendering a page.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A file in the templates folder matches no built-in name.
    #[error("{}: no built-in template has this name ({})", path.display(), match suggestion {
        Some(name) => format!("did you mean {name}?"),
        None => format!("built-in names: {}", builtin_names().join(", ")),
    })]
    Unknown {
        /// The file.
        path: PathBuf,
        /// The closest built-in name, if any is close.
        suggestion: Option<&'static str>,
    },
    /// A template (an override, or a built-in) is invalid.
    #[error("{}: invalid template: {message}", path.display())]
    Invalid {
        /// The file, or the built-in name.
        path: PathBuf,
        /// Tera's report, with line and column where known.
        message: String,
    },
    /// A file or folder could not be read.
    #[error("{}: could not read: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Rendering failed (for instance an override uses a missing variable).
    #[error("could not render template {template}: {message}")]
    Render {
        /// The template name.
        template: String,
        /// Tera's report.
        message: String,
    },
}

fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).chain(ASSETS.iter().map(|(n, _)| *n)).collect()
}

/// Tera's report without its leading `error: ` (ours adds the file).
fn report(error: &tera::Error) -> String {
    let text = error.to_string();
    text.strip_prefix("error: ").unwrap_or(&text).to_string()
}

impl Templates {
    /// The built-in templates and assets only.
    pub fn builtin() -> Result<Templates, TemplateError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // Filters, tests and functions are registered here, before any
        // template is added (Tera checks that every filter used exists).
        let invalid = |e: tera::Error| TemplateError::Invalid {
            path: PathBuf::from("(built-in templates)"),
            message: report(&e),
        };
        tera.set_fallback_prefixes([PREFIX]).map_err(invalid)?;
        tera.add_raw_templates(BUILTIN.iter().map(|(name, src)| (format!("{PREFIX}{name}"), *src)))
            .map_err(invalid)?;
        let assets = ASSETS.iter().map(|(n, b)| (*n, b.to_vec())).collect();
        Ok(Templates { tera, assets })
    }

    /// The built-ins, with every file of `dir` (if given) replacing the
    /// built-in of the same name; see the module documentation for the rules.
    pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut templates = Templates::builtin()?;
        if let Some(dir) = dir {
            for (name, path) in override_files(dir)? {
                templates.replace(&name, &path)?;
            }
        }
        Ok(templates)
    }

    fn replace(&mut self, name: &str, path: &Path) -> Result<(), TemplateError> {
        let read_error = |source| TemplateError::Read { path: path.to_path_buf(), source };
        if let Some((asset, _)) = ASSETS.iter().find(|(n, _)| *n == name) {
            let bytes = std::fs::read(path).map_err(read_error)?;
            self.assets.insert(asset, bytes);
            return Ok(());
        }
        let source = std::fs::read_to_string(path).map_err(read_error)?;
        // One file at a time, in name order, so an error belongs to this file.
        self.tera
            .add_raw_template(name, &source)
            .map_err(|e| TemplateError::Invalid { path: path.to_path_buf(), message: report(&e) })
    }

    /// Renders the template `name` (an override if there is one).
    pub fn render(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        self.tera
            .render(name, context)
            .map_err(|e| TemplateError::Render { template: name.to_string(), message: report(&e) })
    }

    /// The assets to copy into the site: `(path, bytes)` in path order.
    pub fn assets(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
        self.assets.iter().map(|(n, b)| (*n, b.as_slice()))
    }
}

/// The files of `dir` as `(built-in name, path)`, sorted by name; an error for
/// the first file (in name order) that matches no built-in.
fn override_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>, TemplateError> {
    let mut found = BTreeMap::new();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| TemplateError::Read {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into_io_error().unwrap_or_else(|| io::Error::other("folder loop")),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let name = path
            .strip_prefix(dir)
            .ok()
            .and_then(|rel| {
                let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
                parts.map(|p| p.join("/"))
            })
            .unwrap_or_default();
        if !builtin_names().contains(&name.as_str()) {
            return Err(TemplateError::Unknown { suggestion: closest(&name), path });
        }
        found.insert(name, path);
    }
    Ok(found)
}

/// The built-in name closest to `name`, if it is close enough to be a typo or
/// the right file in the wrong folder (`note.html` for `notes/note.html`).
fn closest(name: &str) -> Option<&'static str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let misplaced = builtin_names().into_iter().find(|n| n.rsplit('/').next() == Some(file));
    misplaced.or_else(|| {
        builtin_names()
            .into_iter()
            .map(|candidate| (strsim::levenshtein(name, candidate), candidate))
            .filter(|(distance, _)| *distance <= 3)
            .min()
            .map(|(_, candidate)| candidate)
    })
}

#[cfg(test)]
mod tests;
