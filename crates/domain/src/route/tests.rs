use proptest::prelude::*;

use super::super::step::{StepKey, StepSpec};
use super::{find_cycle, route_edges, validate_route, RouteError};

fn k(s: &str) -> StepKey {
    StepKey::parse(s).unwrap()
}

fn spec(key: &str, deps: &[&str]) -> StepSpec {
    StepSpec {
        key: k(key),
        name: format!("step {key}"),
        agency: "区规划资源局".into(),
        lead: false,
        stage: "立项用地规划许可".into(),
        statutory_days: 20,
        promised_days: None,
        depends_on: deps.iter().map(|d| k(d)).collect(),
    }
}

#[test]
fn a_dag_is_accepted() {
    let route = [
        spec("filing", &[]),
        spec("land", &["filing"]),
        spec("eia", &["filing"]),
        spec("permit", &["land", "eia"]),
    ];
    assert_eq!(validate_route(&route), Ok(()));
    assert_eq!(
        route_edges(&route),
        Ok(vec![(0, 1), (0, 2), (1, 3), (2, 3)])
    );
    assert_eq!(validate_route(&[]), Ok(()));
}

#[test]
fn duplicates_unknown_self_and_blank_are_refused() {
    let dup = [spec("a", &[]), spec("b", &[]), spec("a", &[])];
    assert_eq!(validate_route(&dup), Err(RouteError::DuplicateKey(k("a"))));
    let unknown = [spec("a", &[]), spec("b", &["a", "zz"])];
    assert_eq!(
        validate_route(&unknown),
        Err(RouteError::UnknownStep {
            step: k("b"),
            missing: k("zz")
        })
    );
    let own = [spec("a", &["a"])];
    assert_eq!(
        validate_route(&own),
        Err(RouteError::SelfDependency(k("a")))
    );
    let mut blank = spec("a", &[]);
    blank.agency = "  ".into();
    assert_eq!(
        validate_route(&[blank]),
        Err(RouteError::Blank {
            step: k("a"),
            field: "agency"
        })
    );
}

#[test]
fn a_cycle_is_named_in_order() {
    // a → b → c → a (b depends on a, c on b, a on c), plus a harmless d.
    let route = [
        spec("d", &[]),
        spec("a", &["c"]),
        spec("b", &["a"]),
        spec("c", &["b", "d"]),
    ];
    let err = validate_route(&route).unwrap_err();
    assert_eq!(err, RouteError::Cycle(vec![k("a"), k("b"), k("c")]));
    assert_eq!(err.to_string(), "dependencies form a cycle: a → b → c → a");
}

#[test]
fn find_cycle_on_indices() {
    let keys = [k("x"), k("y"), k("z")];
    assert_eq!(find_cycle(&keys, &[(0, 1), (1, 2)]), None);
    assert_eq!(
        find_cycle(&keys, &[(0, 1), (1, 2), (2, 1)]),
        Some(vec![k("y"), k("z")])
    );
    assert_eq!(find_cycle(&keys, &[(2, 2)]), Some(vec![k("z")]));
    // The shortest cycle through the first step of the component.
    let edges = [(0, 1), (1, 2), (2, 0), (1, 0)];
    assert_eq!(find_cycle(&keys, &edges), Some(vec![k("x"), k("y")]));
}

proptest! {
    #[test]
    fn forward_edges_never_cycle_and_a_back_edge_always_does(
        n in 2usize..30,
        raw in proptest::collection::vec((0usize..30, 0usize..30), 0..80),
    ) {
        let keys: Vec<StepKey> = (0..n).map(|i| k(&format!("s{i}"))).collect();
        let mut edges: Vec<(usize, usize)> = raw
            .into_iter()
            .map(|(a, b)| (a % n, b % n))
            .filter(|(a, b)| a < b)
            .collect();
        prop_assert_eq!(find_cycle(&keys, &edges), None);
        edges.push((0, 1));
        edges.push((1, 0));
        let cycle = find_cycle(&keys, &edges).unwrap();
        // Consecutive steps of the reported cycle are joined by edges, closing the loop.
        let idx = |key: &StepKey| keys.iter().position(|x| x == key).unwrap();
        for (i, key) in cycle.iter().enumerate() {
            let next = &cycle[(i + 1) % cycle.len()];
            prop_assert!(edges.contains(&(idx(key), idx(next))));
        }
    }
}
