//! Reads the crate's sources into a graph: file module -> the file modules it names.
//!
//! A module "names" another by a `use` path or a path in its code (`crate::a::b`,
//! `super::x`, `self::x`, or a child module's name). `mod x;` declarations are not edges:
//! declaring a child is not depending on it. Each path goes to the longest prefix that is a
//! file module (`crate::store::outbox::due` -> `store::outbox`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::lex::{blank, is_ident, tokenize};

/// Module path ("" for the crate root, "http::pages") -> its source, comments and strings blanked.
pub fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        // main.rs is the binary crate: it reaches the library by its name, not `crate::`.
        if parts == ["main"] {
            continue;
        }
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        out.insert(parts.join("::"), blank(&text));
    }
}

/// Every module path named in `text` (written in module `me`), resolved to file modules.
pub fn named(me: &str, text: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for path in paths(text) {
        if let Some(target) = resolve(me, &path, all) {
            if target != me {
                found.insert(target);
            }
        }
    }
    found
}

/// Paths as segment lists: `use` trees expanded, plus every `a::b::c` run in the code.
fn paths(text: &str) -> Vec<Vec<String>> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let after_colons = i > 0 && tokens[i - 1] == "::";
        let after_dollar = i > 0 && tokens[i - 1] == "$";
        if tokens[i] == "use" {
            let end = tokens[i..]
                .iter()
                .position(|t| t == ";")
                .map_or(tokens.len(), |p| i + p);
            expand(&tokens[i + 1..end], Vec::new(), &mut out);
            i = end;
        } else if is_ident(&tokens[i])
            && !after_colons
            && !after_dollar
            && tokens.get(i + 1).is_some_and(|t| t == "::")
        {
            let mut path = vec![tokens[i].clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t == "::")
                && tokens.get(j + 1).is_some_and(|t| is_ident(t))
            {
                path.push(tokens[j + 1].clone());
                j += 2;
            }
            if tokens.get(j).is_some_and(|t| t == "::")
                && tokens.get(j + 1).is_some_and(|t| t == "{")
            {
                let close = matching(&tokens, j + 1);
                expand(&tokens[j + 1..=close.min(tokens.len() - 1)], path, &mut out);
                i = close;
            } else {
                out.push(path);
                i = j;
            }
        }
        i += 1;
    }
    out
}

/// Expands a use tree (`a::{b, c::{d}}`) under `prefix`.
fn expand(tokens: &[String], prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix.clone();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "{" => {
                let close = matching(tokens, i);
                let inner = &tokens[i + 1..close.min(tokens.len())];
                let mut depth = 0;
                let mut start = 0;
                for (k, t) in inner.iter().enumerate() {
                    match t.as_str() {
                        "{" => depth += 1,
                        "}" => depth -= 1,
                        "," if depth == 0 => {
                            expand(&inner[start..k], path.clone(), out);
                            start = k + 1;
                        }
                        _ => {}
                    }
                }
                expand(&inner[start..], path.clone(), out);
                return;
            }
            "as" => break,
            "::" | "pub" | "(" | ")" => {}
            "self" if !path.is_empty() => {}
            t if is_ident(t) || t == "*" => path.push(t.to_string()),
            _ => {}
        }
        i += 1;
    }
    if path.len() > prefix.len() || !path.is_empty() {
        out.push(path);
    }
}

fn matching(tokens: &[String], open: usize) -> usize {
    let mut depth = 0;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        match t.as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The file module a path written in `me` lands in, if it lands in this crate.
fn resolve(me: &str, path: &[String], all: &BTreeMap<String, String>) -> Option<String> {
    let mut base: Vec<&str> = if me.is_empty() {
        vec![]
    } else {
        me.split("::").collect()
    };
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some("self") => rest = &rest[1..],
        Some(first) => {
            // A bare name is a child module of `me` (or something outside this crate).
            let child = join(&base, &[first]);
            if !all.contains_key(&child) {
                return None;
            }
        }
        None => return None,
    }
    let mut best = join(&base, &[]);
    let mut cur = base.clone();
    for seg in rest {
        cur.push(seg);
        let name = join(&cur, &[]);
        if all.contains_key(&name) {
            best = name;
        } else {
            break;
        }
    }
    Some(best)
}

fn join(base: &[&str], more: &[&str]) -> String {
    base.iter()
        .chain(more)
        .copied()
        .collect::<Vec<_>>()
        .join("::")
}
