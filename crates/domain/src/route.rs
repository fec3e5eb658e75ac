//! Validating a route: the steps of a project and their dependencies must form a DAG of
//! uniquely keyed steps, or planning and the lifecycle's predecessor rule make no sense.

use std::collections::{HashMap, VecDeque};
use std::fmt;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::step::{StepKey, StepSpec};

/// Why a route is refused; variants carry what the HTTP layer needs for field errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RouteError {
    #[error("step key {0} is used more than once")]
    DuplicateKey(StepKey),
    #[error("step {step} depends on {missing}, which is not a step of this route")]
    UnknownStep { step: StepKey, missing: StepKey },
    #[error("step {0} depends on itself")]
    SelfDependency(StepKey),
    /// The steps in order around the cycle, each one a prerequisite of the next.
    #[error("dependencies form a cycle: {}", CycleText(.0))]
    Cycle(Vec<StepKey>),
    #[error("a project has at most {max} steps, not {0}", max = super::limits::MAX_STEPS)]
    TooManySteps(usize),
    #[error("step {step} has a blank {field}")]
    Blank { step: StepKey, field: &'static str },
}

struct CycleText<'a>(&'a [StepKey]);

impl fmt::Display for CycleText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for key in self.0 {
            write!(f, "{key} → ")?;
        }
        match self.0.first() {
            Some(first) => write!(f, "{first}"),
            None => Ok(()),
        }
    }
}

/// Checks blanks, duplicates, unknown and self dependencies, then cycles, reporting the first
/// problem in step order.
pub fn validate_route(steps: &[StepSpec]) -> Result<(), RouteError> {
    route_edges(steps).map(|_| ())
}

/// Validates like [`validate_route`] and gives the dependencies as `(from, to)` indices into
/// `steps` (`to` depends on `from`), in step order: the edges of a schedule `Plan`.
pub fn route_edges(steps: &[StepSpec]) -> Result<Vec<(usize, usize)>, RouteError> {
    if steps.len() > super::limits::MAX_STEPS {
        return Err(RouteError::TooManySteps(steps.len()));
    }
    let mut index: HashMap<&StepKey, usize> = HashMap::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        for (field, value) in [("name", &step.name), ("agency", &step.agency)] {
            if value.trim().is_empty() {
                let step = step.key.clone();
                return Err(RouteError::Blank { step, field });
            }
        }
        if index.insert(&step.key, i).is_some() {
            return Err(RouteError::DuplicateKey(step.key.clone()));
        }
    }
    let mut edges = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        for dep in &step.depends_on {
            if *dep == step.key {
                return Err(RouteError::SelfDependency(step.key.clone()));
            }
            match index.get(dep) {
                Some(&from) => edges.push((from, i)),
                None => {
                    let (step, missing) = (step.key.clone(), dep.clone());
                    return Err(RouteError::UnknownStep { step, missing });
                }
            }
        }
    }
    let keys: Vec<StepKey> = steps.iter().map(|s| s.key.clone()).collect();
    match find_cycle(&keys, &edges) {
        Some(cycle) => Err(RouteError::Cycle(cycle)),
        None => Ok(edges),
    }
}

/// A cycle among `edges` (`from → to`, indices into `keys`), if any: the shortest one through
/// the lowest-indexed step of the first cyclic component, starting at that step. A self-loop
/// is a one-step cycle. Edges naming an index out of range are ignored.
pub fn find_cycle(keys: &[StepKey], edges: &[(usize, usize)]) -> Option<Vec<StepKey>> {
    let n = keys.len();
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(from, to) in edges.iter().filter(|(f, t)| *f < n && *t < n) {
        if from == to {
            return Some(vec![keys[from].clone()]);
        }
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
    }
    // The cyclic component holding the lowest index; a cycle through that index lies in it.
    let component = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .min_by_key(|scc| scc.iter().map(|v| v.index()).min())?;
    let start = component.iter().map(|v| v.index()).min()?;
    let mut inside = vec![false; n];
    for v in &component {
        inside[v.index()] = true;
    }
    // Breadth-first from `start` inside the component until an edge leads back to it.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        let mut next: Vec<usize> = graph
            .neighbors(NodeIndex::new(v))
            .map(|w| w.index())
            .collect();
        next.sort_unstable();
        for w in next {
            if w == start {
                let mut path = vec![v];
                let mut cur = v;
                while let Some(p) = parent[cur] {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return Some(path.into_iter().map(|i| keys[i].clone()).collect());
            }
            if inside[w] && parent[w].is_none() {
                parent[w] = Some(v);
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
