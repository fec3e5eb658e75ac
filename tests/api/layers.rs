//! The layers have no loops: no module of `src/` names one that names it back, directly or
//! round a longer cycle, and `http` and `jobs` reach the store only through `service`.
//! Read from the sources (see `scan`), so a new loop fails here, naming its modules.

mod lex;
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = scan::modules(&src);
    assert!(
        all.len() > 50,
        "read only {} modules from {}",
        all.len(),
        src.display()
    );
    all.iter()
        .map(|(me, text)| {
            let named = scan::named(me, text, &all);
            (
                me.clone(),
                named.into_iter().filter(|t| !kin(me, t)).collect(),
            )
        })
        .collect()
}

/// A module and its own descendants may name each other: `mod.rs` declares, wires and
/// re-exports its children, and children use what their parent shares with them. Between
/// any other two modules the rule holds.
fn kin(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| outer.is_empty() || in_layer(inner, outer);
    within(a, b) || within(b, a)
}

fn name(module: &str) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.to_string()
    }
}

/// Every cycle, as one loop per strongly connected component (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}

fn pairs(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (a, targets) in graph {
        for b in targets {
            if a < b && graph.get(b).is_some_and(|t| t.contains(a)) {
                out.push(format!("{} <-> {}", name(a), name(b)));
            }
        }
    }
    out
}

fn in_layer(module: &str, layer: &str) -> bool {
    module == layer || module.starts_with(&format!("{layer}::"))
}

/// The reading itself: `use` trees, `super::` and inline `crate::` paths are all seen, so a
/// pass below is not a scanner that sees nothing.
#[test]
fn the_graph_sees_imports_of_every_form() {
    let graph = graph();
    let names = |m: &str, t: &str| graph.get(m).is_some_and(|ts| ts.contains(t));
    assert!(
        names("jobs::dispatch", "service::delivery"),
        "use crate::service::{{delivery, ..}}"
    );
    assert!(
        names("service::import_rows", "service::import_plan"),
        "use super::import_plan::.."
    );
    assert!(
        names("service::import_rows", "report::import"),
        "use crate::report::import::.."
    );
    assert!(
        names("http::pages::answer", "http::problem"),
        "use crate::http::problem::.."
    );
    assert!(
        !names("http::pages::words::forms", "http::pages::words"),
        "kin are not edges"
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    let pairs = pairs(&graph);
    let cycles = cycles(&graph);
    assert!(
        pairs.is_empty() && cycles.is_empty(),
        "modules importing each other:\n  {}\ncycles (each a set of modules that reach each other):\n  {}",
        pairs.join("\n  "),
        cycles.iter().map(|c| c.join(", ")).collect::<Vec<_>>().join("\n  "),
    );
}

/// The layers below the application's edges, and what each may name: domain <- store,
/// report, mail, chat <- service <- http, jobs, cli (which are not listed: they may name any of
/// these, except the store, below).
const BELOW: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("store", &["domain"]),
    ("report", &["domain"]),
    ("mail", &["domain", "config"]),
    ("chat", &["domain", "config", "mail"]),
    ("config", &["domain", "store", "report"]),
    (
        "service",
        &["domain", "store", "report", "mail", "chat", "config"],
    ),
];

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn no_layer_names_one_above_it() {
    let graph = graph();
    let mut upward = Vec::new();
    for (module, targets) in &graph {
        let Some((layer, allowed)) = BELOW.iter().find(|(l, _)| in_layer(module, l)) else {
            continue;
        };
        for target in targets {
            let to = top(target);
            if !target.is_empty() && to != *layer && !allowed.contains(&to) {
                upward.push(format!("{module} -> {target}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "a layer naming one above it:\n  {}",
        upward.join("\n  ")
    );
}

#[test]
fn http_and_jobs_reach_the_store_only_through_service() {
    let graph = graph();
    let mut around = Vec::new();
    for (module, targets) in &graph {
        if !(in_layer(module, "http") || in_layer(module, "jobs")) {
            continue;
        }
        for target in targets.iter().filter(|t| in_layer(t, "store")) {
            around.push(format!("{module} -> {target}"));
        }
    }
    assert!(
        around.is_empty(),
        "reaching the store around the service:\n  {}",
        around.join("\n  ")
    );
}
