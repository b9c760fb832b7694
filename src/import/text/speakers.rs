//! Who the labels name. Distinct labels become distinct speakers, except where the text says
//! two labels are one person: `The Leader of the House of Commons (Mr Andrew Lansley)` and
//! later `Mr Lansley` or `The Leader of the House of Commons`; `CHIEF WHITE` and `MR. WHITE`
//! (one surname, titles that do not contradict, never answering each other). Roles and
//! affiliations come from the labels (`(Gainsborough) (Con)`, `TERRY GROSS, HOST`, outlets
//! such as `China Daily`), from `Speakers:` lines and from the introduction.

use super::facts::Facts;
use super::intro;
use super::label::{Label, name_key};
use super::name::{self, FEMALE_TITLES, MALE_TITLES, Strength};
use std::collections::HashMap;

/// One person (or outlet, or office) behind one or more labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Every label name that stands for them.
    pub aliases: Vec<String>,
    /// The office they were named by (`The Leader of the House of Commons`), by key.
    office: Option<String>,
}

/// A qualifier that says the words were interpreted: `(spoke in French)`, `(through an
/// interpreter)`.
pub fn is_interpretation(q: &str) -> bool {
    let q = q.to_lowercase();
    [
        "spoke in",
        "speaking in",
        "speaks in",
        "through",
        "via interpreter",
        "interpret",
        "translat",
        "in chinese",
        "in english",
        "in french",
        "in spanish",
        "in russian",
        "in arabic",
    ]
    .iter()
    .any(|w| q.starts_with(w) || q.contains(w))
}

/// The label's person, office and affiliation.
fn person_of(l: &Label) -> (String, Option<String>, Option<String>) {
    let quals: Vec<&String> = l.qualifiers.iter().filter(|q| !is_interpretation(q)).collect();
    let office_like =
        l.name.starts_with("The ") || l.name.starts_with("THE ") || l.name.contains(" of ") || name::role_of(&l.name).is_some();
    let mut affiliation = Vec::new();
    let mut person = None;
    for q in quals {
        let is_person = name::judge(q).is_some_and(|s| s >= Strength::Medium) && !name::is_outlet(q);
        if office_like && person.is_none() && is_person {
            person = Some(q.clone());
        } else {
            affiliation.push(q.clone());
        }
    }
    let affiliation = (!affiliation.is_empty()).then(|| affiliation.join(", "));
    match person {
        Some(p) => (p, Some(l.name.clone()), affiliation),
        None => (l.name.clone(), l.comma_role.clone(), affiliation),
    }
}

/// Resolves the labels, in text order, to identities; returns them and, for each label, the
/// index of its identity.
pub fn resolve(labels: &[&Label], facts: &Facts) -> (Vec<Identity>, Vec<usize>) {
    let mut ids: Vec<Identity> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut of_label = Vec::with_capacity(labels.len());
    for l in labels {
        let (person, office, affiliation) = person_of(l);
        let key = name_key(&person);
        let at = *by_key.entry(key).or_insert_with(|| {
            ids.push(Identity { name: person.clone(), role: None, affiliation: None, aliases: vec![person.clone()], office: None });
            ids.len() - 1
        });
        let id = &mut ids[at];
        if let Some(office) = office {
            if l.comma_role.as_deref() == Some(office.as_str()) {
                id.role.get_or_insert(office.to_lowercase());
            } else {
                id.office.get_or_insert(name_key(&office));
                id.role.get_or_insert(office.clone());
            }
        }
        if let Some(a) = affiliation {
            id.affiliation.get_or_insert(a);
        }
        of_label.push(at);
    }
    // An office named alone later (`The Leader of the House of Commons:`) is its holder.
    let mut target: Vec<usize> = (0..ids.len()).collect();
    let offices: HashMap<&str, usize> = ids.iter().enumerate().rev().filter_map(|(b, id)| id.office.as_deref().map(|o| (o, b))).collect();
    for (a, t) in target.iter_mut().enumerate() {
        if let Some(&b) = offices.get(name_key(&ids[a].name).as_str())
            && b != a
        {
            *t = b;
        }
    }
    merge_surnames(&ids, &of_label, &mut target);
    // Apply the merges: aliases move to their target, labels follow.
    let root = |mut i: usize, target: &[usize]| {
        for _ in 0..target.len() {
            if target[i] == i {
                break;
            }
            i = target[i];
        }
        i
    };
    for a in 0..ids.len() {
        let r = root(a, &target);
        if r != a {
            let moved = ids[a].clone();
            let keep = &mut ids[r];
            keep.aliases.extend(moved.aliases);
            if keep.role.is_none() {
                keep.role = moved.role;
            }
            if keep.affiliation.is_none() {
                keep.affiliation = moved.affiliation;
            }
            if better_name(&moved.name, &keep.name) {
                keep.name = moved.name;
            }
        }
    }
    // Speakers in the order they first speak.
    let mut roots: Vec<usize> = (0..ids.len()).filter(|&a| root(a, &target) == a).collect();
    roots.sort_by_key(|&r| (0..ids.len()).find(|&a| root(a, &target) == r));
    let index_of = |a: usize| roots.iter().position(|&r| r == root(a, &target)).expect("every identity has a root");
    let of_label = of_label.into_iter().map(index_of).collect();
    let mut out: Vec<Identity> = roots.iter().map(|&r| ids[r].clone()).collect();
    for id in &mut out {
        enrich(id, facts, labels);
    }
    (out, of_label)
}

/// Whether `a` is the better name to print for one person: more words (a full name), then
/// a specific title over `Mr`/`Ms`.
fn better_name(a: &str, b: &str) -> bool {
    // An office (`The Leader of the House`) never replaces its holder's name.
    if a.starts_with("The ") || a.starts_with("THE ") || a.contains(" of ") {
        return false;
    }
    let words = |s: &str| s.split_whitespace().count();
    let plain = |s: &str| {
        s.split_whitespace().next().is_some_and(|w| MALE_TITLES.contains(&key(w).as_str()) || FEMALE_TITLES.contains(&key(w).as_str()))
    };
    words(a) > words(b) || (words(a) == words(b) && plain(b) && !plain(a) && name::is_title(a.split_whitespace().next().unwrap_or("")))
}

fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// Title, given names and surname of a personal name (`Mr Andrew Lansley`).
fn parts(name: &str) -> Option<(Option<String>, Vec<String>, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || words.iter().any(|w| w.chars().any(name::is_cjk)) || key(words[0]) == "the" {
        return None;
    }
    let surname = key(words[words.len() - 1]);
    if name::role_of(&surname).is_some() || name::is_outlet(name) || surname.chars().any(|c| !c.is_alphabetic() && c != '-' && c != '\'') {
        return None;
    }
    let mut titles = 0;
    while titles < words.len() - 1 && name::is_title(words[titles]) {
        titles += 1;
    }
    let title = (titles > 0).then(|| key(words[titles - 1]));
    let given = words[titles..words.len() - 1].iter().map(|w| key(w)).collect();
    Some((title, given, surname))
}

fn gender(title: &Option<String>) -> Option<bool> {
    let t = title.as_deref()?;
    if MALE_TITLES.contains(&t) {
        Some(true)
    } else if FEMALE_TITLES.contains(&t) {
        Some(false)
    } else {
        None
    }
}

/// Joins identities that share a surname when nothing contradicts it: titles of one gender,
/// the same given names where both have them, at least one title, and never one answering
/// the other. A surname alone (`GROSS:` after `TERRY GROSS, HOST:`) is the one person
/// named in full with it.
fn merge_surnames(ids: &[Identity], of_label: &[usize], target: &mut [usize]) {
    let mut neighbours: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for w in of_label.windows(2) {
        neighbours.insert((w[0].min(w[1]), w[0].max(w[1])));
    }
    let adjacent = |a: usize, b: usize| neighbours.contains(&(a.min(b), a.max(b)));
    let p: Vec<_> = ids.iter().map(|id| parts(&id.name)).collect();
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, part) in p.iter().enumerate() {
        if let Some((_, _, surname)) = part {
            by_surname.entry(surname.as_str()).or_default().push(i);
        }
    }
    for a in 0..ids.len() {
        let alone = &ids[a].name;
        if alone.split_whitespace().count() != 1 || name::role_of(alone).is_some() || name::is_outlet(alone) || alone.chars().count() < 3 {
            continue;
        }
        let surname = key(alone);
        let full: Vec<usize> = by_surname
            .get(surname.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&b| b != a && target[b] == b && p[b].as_ref().is_some_and(|(_, given, _)| !given.is_empty()))
            .collect();
        if let [b] = full[..] {
            target[a] = b;
        }
    }
    for a in 0..ids.len() {
        if target[a] != a {
            continue;
        }
        let Some((ta, ga, sa)) = &p[a] else { continue };
        let candidates: Vec<usize> = by_surname
            .get(sa.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&b| b != a && target[b] == b)
            .filter(|&b| {
                let Some((tb, gb, sb)) = &p[b] else { return false };
                sb == sa
                    && (ta.is_some() || tb.is_some())
                    && !(gender(ta).is_some() && gender(tb).is_some() && gender(ta) != gender(tb))
                    && (ga.is_empty() || gb.is_empty() || ga == gb)
                    && !adjacent(a, b)
            })
            .collect();
        // Only when the surname points at one person.
        if let [b] = candidates[..] {
            let full_a = !ga.is_empty();
            let (from, to) = if full_a { (b, a) } else { (a, b) };
            target[from] = to;
        }
    }
}

/// Roles and affiliations the names, the `Speakers:` lines and the introduction state.
fn enrich(id: &mut Identity, facts: &Facts, labels: &[&Label]) {
    let aliases = id.aliases.clone();
    for alias in &aliases {
        let bare = strip_title(alias);
        for participants in &facts.participants {
            let names = intro::participant_names(participants);
            if names.iter().any(|n| name_key(n) == name_key(alias) || name_key(strip_title(n)) == name_key(bare))
                && let Some(role) = intro::key_role(participants)
            {
                id.role.get_or_insert(role.to_string());
            }
        }
        if id.role.is_none() {
            id.role = intro::role_of(alias, &facts.intro_text)
                .or_else(|| (bare != alias).then(|| intro::role_of(bare, &facts.intro_text)).flatten());
        }
        if id.role.is_none() && (intro::presides(alias, &facts.intro_text) || intro::presides(bare, &facts.intro_text)) {
            id.role = Some("moderator".to_string());
        }
    }
    if id.role.is_none()
        && let Some(role) = name::role_of(&id.name)
    {
        id.role = Some(role.to_string());
    }
    if name::is_outlet(&id.name) {
        id.role.get_or_insert("reporter".to_string());
        id.affiliation.get_or_insert(id.name.clone());
    } else if let Some(outlet) = id.name.strip_suffix("记者").filter(|o| !o.is_empty()) {
        id.role.get_or_insert("reporter".to_string());
        id.affiliation.get_or_insert(outlet.to_string());
    }
    let _ = labels;
    match id.name.as_str() {
        "Q" => {
            let court = facts.has_answers && facts.census.keys().any(|k| k.contains("court") || k.contains("witness"));
            let role = if court {
                "examining attorney"
            } else if facts.has_answers {
                "interviewer"
            } else {
                "reporter"
            };
            id.role.get_or_insert(role.to_string());
        }
        "A" => {
            let court = facts.census.keys().any(|k| k.contains("court"));
            id.role.get_or_insert(if court { "witness" } else { "interviewee" }.to_string());
        }
        _ => {}
    }
}

/// `Mr. Huang Libin` → `Huang Libin`.
fn strip_title(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some((first, after)) = rest.split_once(' ') {
        if name::is_title(first) && after.split_whitespace().count() >= 1 {
            rest = after.trim();
        } else {
            break;
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::label::parse;

    fn names(lines: &[&str]) -> (Vec<String>, Vec<usize>) {
        let labels: Vec<Label> = lines.iter().map(|l| parse(l).unwrap()).collect();
        let refs: Vec<&Label> = labels.iter().collect();
        let (ids, of) = resolve(&refs, &Facts::default());
        (ids.into_iter().map(|i| i.name).collect(), of)
    }

    #[test]
    fn offices_and_surnames_merge() {
        let (n, of) = names(&[
            "The Leader of the House of Commons (Mr Andrew Lansley): I beg to move.",
            "Angela Eagle (Wallasey) (Lab): Will he?",
            "Mr Lansley: I will.",
            "The Leader of the House of Commons: Indeed.",
        ]);
        assert_eq!(n, ["Mr Andrew Lansley", "Angela Eagle"]);
        assert_eq!(of, [0, 1, 0, 0]);
        let (n, of) = names(&["CHIEF WHITE: Yes.", "MAYOR GRAY: And?", "MR. WHITE: No.", "MAYOR GRAY: Ok."]);
        assert_eq!(n, ["CHIEF WHITE", "MAYOR GRAY"]);
        assert_eq!(of, [0, 1, 0, 1]);
    }

    #[test]
    fn distinct_people_stay_distinct() {
        let (n, _) = names(&["MR. SMITH: Yes.", "MS. SMITH: No.", "MR. SMITH: Yes."]);
        assert_eq!(n, ["MR. SMITH", "MS. SMITH"]);
        let (n, _) = names(&["SENATOR HALE: Yes.", "MR. HALE: Yes, Senator."]);
        assert_eq!(n.len(), 2, "they answer each other");
        let (n, of) = names(&["TERRY GROSS, HOST: Hi.", "ANN PATCHETT: Hello.", "GROSS: So.", "PATCHETT: Yes."]);
        assert_eq!((n, of), (vec!["TERRY GROSS".to_string(), "ANN PATCHETT".to_string()], vec![0, 1, 0, 1]));
        let (n, _) = names(&["John White: Yes.", "Mary White: No."]);
        assert_eq!(n.len(), 2);
    }

    #[test]
    fn roles_and_affiliations() {
        let labels: Vec<Label> =
            ["China Daily: Hi.", "TERRY GROSS, HOST: Hello.", "Mr Edward Leigh (Gainsborough) (Con): Yes.", "主持人：好。"]
                .iter()
                .map(|l| parse(l).unwrap())
                .collect();
        let refs: Vec<&Label> = labels.iter().collect();
        let (ids, _) = resolve(&refs, &Facts::default());
        assert_eq!((ids[0].role.as_deref(), ids[0].affiliation.as_deref()), (Some("reporter"), Some("China Daily")));
        assert_eq!(ids[1].role.as_deref(), Some("host"));
        assert_eq!(ids[2].affiliation.as_deref(), Some("Gainsborough, Con"));
        assert_eq!(ids[3].role.as_deref(), Some("moderator"));
    }
}
