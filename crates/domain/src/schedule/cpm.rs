//! The critical-path method on plain arrays, indexed by step: a forward and a backward pass
//! over the edges grouped by target, targets in a topological order, so 100,000 steps take
//! milliseconds.
//!
//! petgraph is the product's graph crate (`route` finds and reports cycles with it); this hot
//! path does without it on purpose, as building any graph costs more than the passes
//! themselves. A route that lists each step after its prerequisites gives edges that need no
//! graph at all (`route_edges` and `plan_of` group them by target, in step order): the passes
//! read them in place and check that shape as they go. Any other input is put into that shape
//! once (Kahn's algorithm, then a counting sort).

/// `(from, to)`: step `to` starts after step `from` has finished.
type Edge = (usize, usize);

/// Earliest start, earliest finish and latest start of a step, in working-day indices.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Window {
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
}

/// `L` schedules of the same graph computed together (the planned and the projected one share
/// one walk over the edges): every step's windows, each schedule's finish, and the lowest
/// index each schedule uses (its earliest start or latest start, or 0).
pub(super) struct Times<const L: usize> {
    pub steps: Vec<[Window; L]>,
    pub finish: [i64; L],
    pub lowest: [i64; L],
}

/// Forward pass with `span(step, ready)` giving each schedule's (start, finish), `ready` being
/// the latest predecessor finish (0 without predecessors); backward pass from the last finish.
/// `None` when the edges are cyclic or there are more than `u32::MAX` steps or edges; edges
/// naming a missing step are ignored.
pub(super) fn cpm<const L: usize>(
    n: usize,
    edges: &[Edge],
    mut span: impl FnMut(usize, [i64; L]) -> [(i64, i64); L],
) -> Option<Times<L>> {
    u32::try_from(n.max(edges.len())).ok()?;
    if let Some(times) = passes(n, 0..n, true, edges, &mut span) {
        return Some(times);
    }
    let (order, sorted) = grouped_by_target(n, edges)?;
    let order = order.iter().map(|&v| v as usize);
    passes(n, order, false, &sorted, &mut span)
}

/// The two passes over the steps in `order`, the edges grouped by target in that order. With
/// `in_place` (the steps' own order) edges are checked as they are read: `None` unless every
/// edge leads from an earlier step to a later one and the edges are grouped by target.
fn passes<const L: usize>(
    n: usize,
    order: impl DoubleEndedIterator<Item = usize> + Clone,
    in_place: bool,
    edges: &[Edge],
    span: &mut impl FnMut(usize, [i64; L]) -> [(i64, i64); L],
) -> Option<Times<L>> {
    // In place the windows are pushed, predecessors first; otherwise written where they go.
    let mut steps = match in_place {
        true => Vec::with_capacity(n),
        false => vec![[Window::default(); L]; n],
    };
    // Forward: each step pulls the finishes of its predecessors, the edges just before it.
    let mut finish = [i64::MIN; L];
    let mut k = 0;
    for v in order.clone() {
        let mut ready = [0i64; L];
        while let Some(&(u, _)) = edges.get(k).filter(|e| e.1 == v) {
            if in_place && u >= v {
                return None;
            }
            for (r, w) in ready.iter_mut().zip(&steps[u]) {
                *r = (*r).max(w.ef);
            }
            k += 1;
        }
        let spans = span(v, ready);
        let windows: [Window; L] = std::array::from_fn(|l| {
            let (es, f) = spans[l];
            let ef = f.max(es);
            finish[l] = finish[l].max(ef);
            // The latest finish so far, lowered by each successor in the backward pass.
            let ls = i64::MAX;
            Window { es, ef, ls }
        });
        match in_place {
            true => steps.push(windows),
            false => steps[v] = windows,
        }
    }
    if k < edges.len() {
        // Edges left over: not grouped by target in step order, or naming a missing step.
        return None;
    }
    if n == 0 {
        finish = [0; L];
    }
    // Backward: each step, its successors done, pushes its latest start to its predecessors.
    let mut lowest = [0i64; L];
    for v in order.rev() {
        let mut ls = [0i64; L];
        for l in 0..L {
            let w = &mut steps[v][l];
            w.ls = w.ls.min(finish[l]) - (w.ef - w.es);
            ls[l] = w.ls;
            lowest[l] = lowest[l].min(w.es).min(w.ls);
        }
        while let Some(&(u, _)) = k
            .checked_sub(1)
            .and_then(|i| edges.get(i))
            .filter(|e| e.1 == v)
        {
            for (w, s) in steps[u].iter_mut().zip(ls) {
                w.ls = w.ls.min(s);
            }
            k -= 1;
        }
    }
    Some(Times {
        steps,
        finish,
        lowest,
    })
}

/// A topological order of the steps and the edges between existing steps grouped by target
/// in that order; `None` when the edges are cyclic.
fn grouped_by_target(n: usize, edges: &[Edge]) -> Option<(Vec<u32>, Vec<Edge>)> {
    let valid = |&&(from, to): &&Edge| from < n && to < n;
    let order = match edges.iter().filter(valid).all(|&(from, to)| from < to) {
        true => (0..n as u32).collect(),
        false => topological_order(n, edges)?,
    };
    // Counting sort of the valid edges by their target's position in `order`.
    let mut position = vec![0u32; n];
    for (p, &v) in order.iter().enumerate() {
        position[v as usize] = p as u32;
    }
    let mut start = vec![0u32; n + 1];
    for &(_, to) in edges.iter().filter(valid) {
        start[position[to] as usize + 1] += 1;
    }
    for p in 0..n {
        start[p + 1] += start[p];
    }
    let mut sorted = vec![(0, 0); start[n] as usize];
    for &(from, to) in edges.iter().filter(valid) {
        let slot = &mut start[position[to] as usize];
        sorted[*slot as usize] = (from, to);
        *slot += 1;
    }
    Some((order, sorted))
}

/// Kahn's algorithm over the edges between existing steps; `None` when some are cyclic.
fn topological_order(n: usize, edges: &[Edge]) -> Option<Vec<u32>> {
    let mut succ_start = vec![0u32; n + 1];
    let mut indegree = vec![0u32; n];
    for &(from, to) in edges {
        if from < n && to < n {
            succ_start[from + 1] += 1;
            indegree[to] += 1;
        }
    }
    for i in 0..n {
        succ_start[i + 1] += succ_start[i];
    }
    let mut fill = succ_start.clone();
    let mut succ = vec![0u32; succ_start[n] as usize];
    for &(from, to) in edges {
        if from < n && to < n {
            succ[fill[from] as usize] = to as u32;
            fill[from] += 1;
        }
    }
    let mut order: Vec<u32> = Vec::with_capacity(n);
    order.extend((0..n as u32).filter(|&v| indegree[v as usize] == 0));
    let mut head = 0;
    while let Some(&v) = order.get(head) {
        head += 1;
        let v = v as usize;
        for &w in &succ[succ_start[v] as usize..succ_start[v + 1] as usize] {
            indegree[w as usize] -= 1;
            if indegree[w as usize] == 0 {
                order.push(w);
            }
        }
    }
    (order.len() == n).then_some(order)
}

/// The longest path through the graph when each step takes `durations[i]` working days;
/// `None` when the edges are cyclic.
pub fn critical_path_length(durations: &[u32], edges: &[(usize, usize)]) -> Option<u32> {
    let times = cpm(durations.len(), edges, |v, [ready]| {
        [(ready, ready + i64::from(durations[v]))]
    })?;
    Some(u32::try_from(times.finish[0]).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{cpm, Times};

    fn windows(durations: &[u32], edges: &[(usize, usize)]) -> Option<Times<1>> {
        cpm(durations.len(), edges, |v, [ready]| {
            [(ready, ready + i64::from(durations[v]))]
        })
    }

    fn flat(times: &Times<1>) -> Vec<(i64, i64, i64)> {
        times.steps.iter().map(|[w]| (w.es, w.ef, w.ls)).collect()
    }

    proptest! {
        /// Edges read in place and edges that must be regrouped first give the same windows.
        #[test]
        fn every_edge_order_gives_the_same_windows(
            durations in proptest::collection::vec(0u32..30, 1..40),
            pairs in proptest::collection::vec((0usize..40, 0usize..40), 0..120),
            seed in any::<u64>(),
        ) {
            let n = durations.len();
            let mut edges: Vec<(usize, usize)> = pairs
                .into_iter()
                .map(|(a, b)| (a % n, b % n))
                .filter(|(a, b)| a < b)
                .collect();
            edges.sort_by_key(|e| e.1);
            let in_place = flat(&windows(&durations, &edges).unwrap());
            // Shuffled, and with edges naming missing steps: regrouped, same windows.
            let mut x = seed | 1;
            let mut shuffled = edges.clone();
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            shuffled.push((0, n + 3));
            prop_assert_eq!(flat(&windows(&durations, &shuffled).unwrap()), in_place.clone());
            // Steps listed in reverse: a topological order must be found first.
            let reversed: Vec<(usize, usize)> =
                edges.iter().map(|&(a, b)| (n - 1 - a, n - 1 - b)).collect();
            let backwards: Vec<u32> = durations.iter().rev().copied().collect();
            let mut turned = flat(&windows(&backwards, &reversed).unwrap());
            turned.reverse();
            prop_assert_eq!(turned, in_place);
            // A cycle is refused whichever way the edges come.
            if let Some(&(a, b)) = edges.first() {
                let mut cyclic = edges.clone();
                cyclic.push((b, a));
                prop_assert!(windows(&durations, &cyclic).is_none());
            }
        }
    }
}
