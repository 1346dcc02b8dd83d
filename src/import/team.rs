//! Tracker users to team members: matched against `team.yaml` by id, name,
//! alias or `@username`, or, when the folder has no team yet, made into one
//! (and written as a first `team.yaml`, in `emit`'s YAML).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::config::Member;
use super::emit::scalar;
use super::record::User;

/// Turns tracker users into member ids.
#[derive(Debug)]
pub struct Roster {
    /// Lower-cased spelling → member id.
    lookup: HashMap<String, String>,
    /// With no team.yaml: the members import will write, by id.
    new_members: Option<BTreeMap<String, User>>,
    /// With no team.yaml: the id each user was given.
    given: BTreeMap<User, String>,
}

impl Roster {
    /// A roster over `team.yaml`'s members, or (`None`) one that collects a new team.
    pub fn new(members: Option<Vec<Member>>) -> Self {
        let Some(members) = members else {
            return Roster {
                lookup: HashMap::new(),
                new_members: Some(BTreeMap::new()),
                given: BTreeMap::new(),
            };
        };
        let mut lookup = HashMap::new();
        // Ids first, so that an alias can never take another member's id.
        for m in &members {
            lookup.insert(m.id.to_lowercase(), m.id.clone());
        }
        for m in &members {
            for spelling in m.name.iter().chain(m.aliases.iter()) {
                let key = spelling.trim().trim_start_matches('@').to_lowercase();
                lookup.entry(key).or_insert_with(|| m.id.clone());
            }
        }
        Roster { lookup, new_members: None, given: BTreeMap::new() }
    }

    /// Whether import writes `team.yaml` (there is none yet).
    pub fn writes_team(&self) -> bool {
        self.new_members.is_some()
    }

    /// The member id of a tracker user, `None` when `team.yaml` has nobody by
    /// any of the user's names.
    pub fn member(&mut self, user: &User) -> Option<String> {
        if let Some(new) = &mut self.new_members {
            if let Some(id) = self.given.get(user) {
                return Some(id.clone());
            }
            // Two people whose names fold to one id (José García, Jose Garcia)
            // stay two members: the second gets `-2`.
            let id = unique(&member_id(user), |id| new.contains_key(id));
            new.insert(id.clone(), user.clone());
            self.given.insert(user.clone(), id.clone());
            return Some(id);
        }
        let spellings = user.username.iter().chain(user.name.iter()).chain(user.account.iter());
        spellings
            .map(|s| s.trim().trim_start_matches('@').to_lowercase())
            .find_map(|s| self.lookup.get(&s).cloned())
    }

    /// The line a scrum master adds to `team.yaml` for `user`, with an id no
    /// member has yet.
    pub fn line_to_add(&self, user: &User) -> String {
        let id = unique(&member_id(user), |id| self.lookup.contains_key(id));
        member_line(user, &id)
    }

    /// The members collected for a new `team.yaml`, by id.
    pub fn new_members(&self) -> Option<&BTreeMap<String, User>> {
        self.new_members.as_ref()
    }
}

/// `base`, or `base-2`, `base-3` ... whichever is not `taken`.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The line a scrum master adds to `team.yaml` for an unknown user.
fn member_line(user: &User, id: &str) -> String {
    let mut line = format!("  - {{id: {}", scalar(id));
    if let Some(name) = &user.name {
        line.push_str(&format!(", name: {}", scalar(name)));
    }
    line.push_str(", role: developer");
    let aliases = aliases(user, id);
    if !aliases.is_empty() {
        line.push_str(&format!(", aliases: [{}]", aliases.join(", ")));
    }
    line.push('}');
    line
}

/// The spellings besides the id and name that match this user again on the
/// next import: the login and the account id.
pub fn aliases(user: &User, id: &str) -> Vec<String> {
    user.username
        .iter()
        .chain(user.account.iter())
        .filter(|a| a.to_lowercase() != id)
        .map(|a| scalar(a))
        .collect()
}

/// A member id (`[a-z0-9][a-z0-9_.-]*`) for a user: the login when it is
/// one already, else the display name folded to ASCII (`José García` →
/// `jose-garcia`).
pub fn member_id(user: &User) -> String {
    if let Some(u) = &user.username {
        let lower = u.to_lowercase();
        let valid = lower.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && lower.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c));
        if valid {
            return lower;
        }
    }
    let source = user.name.as_deref().or(user.username.as_deref()).unwrap_or("member");
    let folded: String = source.chars().map(fold).collect();
    // A name with no Latin letter at all (李雷) keeps a plain id.
    if folded.chars().any(|c| c.is_ascii_alphanumeric()) {
        crate::slug::slug(&folded)
    } else {
        "member".into()
    }
}

/// Latin letters with accents to their base letter, so names keep their shape in ids.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => 's',
        other => other,
    }
}

/// A first `team.yaml`: every assignee a developer, with a comment saying what to do next.
pub fn team_yaml(files: &[String], name: &str, members: &[(String, User)]) -> String {
    let mut out = format!(
        "# Written by tandem import from {}: every assignee, each as a developer.\n\
         # Mark the product owner (role: product-owner) and the scrum master (role: scrum-master),\n\
         # add anyone missing, then run `tandem check`. Import never changes this file again.\n",
        files.join(", ")
    );
    let _ = writeln!(out, "name: {}\nmembers:", scalar(name));
    for (id, user) in members {
        let _ = writeln!(out, "  - id: {}", scalar(id));
        if let Some(n) = &user.name {
            let _ = writeln!(out, "    name: {}", scalar(n));
        }
        out.push_str("    role: developer\n");
        let aliases = aliases(user, id);
        if !aliases.is_empty() {
            let _ = writeln!(out, "    aliases: [{}]", aliases.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(username: Option<&str>, name: Option<&str>) -> User {
        User { username: username.map(str::to_string), name: name.map(str::to_string), account: None }
    }

    #[test]
    fn ids_from_logins_or_folded_names() {
        assert_eq!(member_id(&user(Some("jdoe"), Some("Jane Doe"))), "jdoe");
        assert_eq!(member_id(&user(None, Some("José García"))), "jose-garcia");
        assert_eq!(member_id(&user(Some("Jane Doe"), None)), "jane-doe");
    }

    #[test]
    fn matches_by_id_name_alias_or_at_username() {
        let members = vec![
            Member { id: "ana".into(), name: Some("Ana Lima".into()), aliases: vec!["@alima".into()] },
            Member { id: "bo".into(), name: None, aliases: vec!["ana".into()] },
        ];
        let mut roster = Roster::new(Some(members));
        assert_eq!(roster.member(&user(None, Some("ana lima"))), Some("ana".into()));
        assert_eq!(roster.member(&user(Some("alima"), None)), Some("ana".into()));
        assert_eq!(roster.member(&user(Some("ANA"), None)), Some("ana".into()), "an id wins over an alias");
        assert_eq!(roster.member(&user(Some("zed"), Some("Zed"))), None);
        assert_eq!(
            roster.line_to_add(&user(Some("zed"), Some("Zed Q"))),
            "  - {id: zed, name: Zed Q, role: developer}"
        );
        assert_eq!(
            roster.line_to_add(&user(Some("ana"), Some("Ana B"))),
            "  - {id: ana-2, name: Ana B, role: developer, aliases: [ana]}"
        );
    }

    #[test]
    fn a_new_team_keeps_people_whose_names_fold_alike_apart() {
        let mut roster = Roster::new(None);
        let jose = user(None, Some("José García"));
        let other = user(None, Some("Jose Garcia"));
        assert_eq!(roster.member(&jose), Some("jose-garcia".into()));
        assert_eq!(roster.member(&other), Some("jose-garcia-2".into()));
        assert_eq!(roster.member(&jose), Some("jose-garcia".into()));
        assert_eq!(roster.member(&user(None, Some("李雷"))), Some("member".into()));
        assert_eq!(roster.member(&user(None, Some("韩梅梅"))), Some("member-2".into()));
    }
}
