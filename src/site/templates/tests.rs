#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use super::*;

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

fn context(title: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("title", title);
    ctx
}

#[test]
fn the_builtins_load() {
    let t = Templates::builtin().unwrap();
    assert_eq!(t.assets().map(|(n, _)| n).collect::<Vec<_>>(), vec!["assets/style.css"]);
    for (name, _) in BUILTIN {
        assert!(t.tera.contains_template(name), "{name}");
    }
}

#[test]
fn a_file_of_the_same_name_replaces_the_builtin_and_is_escaped() {
    let dir = dir_with(&[("404.html", "Lost: {{ title }}"), ("assets/style.css", "body{}")]);
    let t = Templates::load(Some(dir.path())).unwrap();
    assert_eq!(t.render("404.html", &context("<script>")).unwrap(), "Lost: &lt;script&gt;");
    assert_eq!(t.assets().next().unwrap().1, b"body{}");
}

#[test]
fn hidden_files_are_skipped() {
    let dir = dir_with(&[(".DS_Store", "x"), (".git/config", "x"), ("404.html", "ok")]);
    assert!(Templates::load(Some(dir.path())).is_ok());
}

#[test]
fn an_unknown_file_is_an_error_with_a_hint() {
    let dir = dir_with(&[("notes/index.htm", "x")]);
    let err = Templates::load(Some(dir.path())).unwrap_err();
    let expected = format!(
        "{}: no built-in template has this name (did you mean notes/index.html?)",
        dir.path().join("notes/index.htm").display()
    );
    assert_eq!(err.to_string(), expected);

    let dir = dir_with(&[("note.html", "x")]);
    let err = Templates::load(Some(dir.path())).unwrap_err().to_string();
    assert!(err.ends_with("(did you mean notes/note.html?)"), "{err}");

    let dir = dir_with(&[("dashboard-custom.html", "x")]);
    let err = Templates::load(Some(dir.path())).unwrap_err().to_string();
    assert!(err.contains("(built-in names: base.html, components.html,"), "{err}");
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let dir = dir_with(&[("base.html", "<html>\n{% block main %}\n{% endblock nope %}\n")]);
    let err = Templates::load(Some(dir.path())).unwrap_err();
    assert!(matches!(err, TemplateError::Invalid { .. }));
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}: invalid template: ", dir.path().join("base.html").display())));
    assert!(message.contains("base.html:3:"), "{message}");
}

#[test]
fn an_override_that_drops_a_needed_block_is_an_error() {
    // A page override extending a template that does not exist.
    let dir = dir_with(&[("404.html", "{% extends \"missing.html\" %}")]);
    let err = Templates::load(Some(dir.path())).unwrap_err().to_string();
    assert!(err.contains("404.html: invalid template:") && err.contains("missing.html"), "{err}");
}

#[test]
fn a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let err = Templates::load(Some(&missing)).unwrap_err();
    assert!(matches!(err, TemplateError::Read { .. }), "{err}");
    assert!(err.to_string().starts_with(&missing.display().to_string()), "{err}");
}

#[test]
fn status_badges_carry_a_word_and_a_shape() {
    let page = "{% for s in states %}{{ <ui.status state={s} /> }}\n{% endfor %}";
    let dir = dir_with(&[("404.html", page)]);
    let t = Templates::load(Some(dir.path())).unwrap();
    let mut ctx = Context::new();
    ctx.insert("states", &["healthy", "watch", "risk", "none"]);
    let out = t.render("404.html", &ctx).unwrap();
    for (shape, word) in [("●", "Healthy"), ("▲", "Watch"), ("■", "At risk"), ("○", "No data")] {
        let expected =
            format!("<span class=\"status-icon\" aria-hidden=\"true\">{shape}</span> {word}</span>");
        assert!(out.contains(&expected), "{expected} missing in {out}");
    }
}
