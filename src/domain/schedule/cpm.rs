//! The critical-path method on plain arrays: one topological order (Kahn), a forward and a
//! backward pass, all indexed by step, so 100,000 steps take milliseconds.

/// Successor lists in CSR form plus one topological order (u32 indices: half the memory).
pub(super) struct Dag {
    succ_start: Vec<u32>,
    succ: Vec<u32>,
    order: Vec<u32>,
}

impl Dag {
    /// `None` when the edges are cyclic (Kahn's algorithm leaves steps behind) or there are
    /// more than `u32::MAX` steps or edges.
    pub(super) fn new(n: usize, edges: &[(usize, usize)]) -> Option<Dag> {
        u32::try_from(n.max(edges.len())).ok()?;
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
        (order.len() == n).then_some(Dag {
            succ_start,
            succ,
            order,
        })
    }

    fn successors(&self, v: usize) -> &[u32] {
        &self.succ[self.succ_start[v] as usize..self.succ_start[v + 1] as usize]
    }
}

/// Earliest and latest times of every step, in working-day indices.
pub(super) struct Times {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
    pub ls: Vec<i64>,
    pub finish: i64,
}

/// Forward pass with `span(step, ready)` giving (start, finish), `ready` being the latest
/// predecessor finish (0 without predecessors); backward pass from the last finish.
pub(super) fn cpm(dag: &Dag, mut span: impl FnMut(usize, i64) -> (i64, i64)) -> Times {
    let n = dag.order.len();
    // `es` holds each step's ready time until the step itself is reached.
    let (mut es, mut ef) = (vec![0i64; n], vec![0i64; n]);
    for &v in &dag.order {
        let v = v as usize;
        let (s, f) = span(v, es[v]);
        (es[v], ef[v]) = (s, f.max(s));
        for &w in dag.successors(v) {
            let w = w as usize;
            es[w] = es[w].max(ef[v]);
        }
    }
    let finish = ef.iter().copied().max().unwrap_or(0);
    let mut ls = vec![0i64; n];
    for &v in dag.order.iter().rev() {
        let v = v as usize;
        let lf = dag
            .successors(v)
            .iter()
            .map(|&w| ls[w as usize])
            .fold(finish, i64::min);
        ls[v] = lf - (ef[v] - es[v]);
    }
    Times { es, ef, ls, finish }
}

/// The longest path through the graph when each step takes `durations[i]` working days;
/// `None` when the edges are cyclic.
pub fn critical_path_length(durations: &[u32], edges: &[(usize, usize)]) -> Option<u32> {
    let dag = Dag::new(durations.len(), edges)?;
    let times = cpm(&dag, |v, ready| (ready, ready + i64::from(durations[v])));
    Some(u32::try_from(times.finish).unwrap_or(u32::MAX))
}
