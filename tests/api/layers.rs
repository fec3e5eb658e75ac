//! What the compiler cannot see of the layers. The crates of the workspace depend one way
//! (cargo refuses a loop between crates); within a crate, no module names one that names it
//! back, directly or round a longer cycle (read from the sources, see `scan`); and each
//! crate's dependency list keeps to its layer: the domain holds no I/O crate, and the web
//! and the jobs reach the store only through the service.

mod lex;
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The source folders: each crate's `src`, and the binary's.
fn sources() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![("approval_tracker".to_string(), root.join("src"))];
    for entry in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push((name, entry.path().join("src")));
    }
    out.sort();
    out
}

/// One crate's modules and what each names within the crate, prefixed with its name.
fn graph() -> Graph {
    let mut out = Graph::new();
    let mut read = 0;
    for (krate, src) in sources() {
        let all = scan::modules(&src);
        read += all.len();
        for (me, text) in &all {
            let named = scan::named(me, text, &all);
            let prefixed = |m: &str| {
                if m.is_empty() {
                    krate.clone()
                } else {
                    format!("{krate}::{m}")
                }
            };
            out.insert(
                prefixed(me),
                named
                    .into_iter()
                    .filter(|t| !kin(me, t))
                    .map(|t| prefixed(&t))
                    .collect(),
            );
        }
    }
    assert!(read > 50, "read only {read} modules");
    out
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
        names(
            "service::imports::import_rows",
            "service::imports::import_plan"
        ),
        "use super::import_plan::.."
    );
    assert!(
        names("web::pages::answer", "web::problem"),
        "use crate::problem::.."
    );
    assert!(
        !names("web::pages::words::forms", "web::pages::words"),
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

/// The packages a crate depends on, directly or not (normal dependencies, from the lock file).
fn dependencies(krate: &str, depth: Option<u32>) -> BTreeSet<String> {
    let mut tree = std::process::Command::new(env!("CARGO"));
    tree.args([
        "tree",
        "--offline",
        "--locked",
        "-e",
        "normal",
        "--prefix",
        "none",
        "-p",
        krate,
    ])
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(depth) = depth {
        tree.args(["--depth", &depth.to_string()]);
    }
    let out = tree.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != krate)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_domain_depends_on_no_io_crate() {
    let all = dependencies("domain", None);
    assert!(all.contains("petgraph"), "read the tree: {all:?}");
    let io: Vec<_> = all
        .iter()
        .filter(|d| {
            [
                "actix",
                "diesel",
                "lettre",
                "ureq",
                "tokio",
                "libsqlite3",
                "pq-sys",
                "minijinja",
            ]
            .iter()
            .any(|io| d.starts_with(io))
        })
        .collect();
    assert!(io.is_empty(), "the domain depends on {io:?}");
}

#[test]
fn the_web_and_the_jobs_reach_the_store_only_through_the_service() {
    for krate in ["web", "jobs"] {
        let direct = dependencies(krate, Some(1));
        assert!(direct.contains("service"), "read the tree: {direct:?}");
        for below in ["store", "diesel"] {
            assert!(!direct.contains(below), "{krate} depends on {below}");
        }
    }
}
