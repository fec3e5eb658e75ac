//! Reading and checking an import file (everything before the database), from 1,000 to
//! 100,000 rows: in projects of 15 steps, and as one project whose rows were once each
//! compared with every other. Time per row should stay flat.
//! `cargo bench --bench import`; figures in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use approval_tracker::report::import::read_csv;
use approval_tracker::report::import_limits::ImportLimits;
use approval_tracker::service::imports::import_rows::plan;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const HEADER: &str = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on";

/// `rows` rows in projects of `per_project` chained steps, the first three approved.
fn file(rows: usize, per_project: usize) -> Vec<u8> {
    let mut s = String::from(HEADER);
    for r in 0..rows {
        let (p, i) = (r / per_project, r % per_project);
        let dep = if i == 0 {
            String::new()
        } else {
            format!("s{}", i - 1)
        };
        let dates = if i < 3 {
            "2026-03-02,,,2026-03-02,,"
        } else {
            ",,,,,"
        };
        s.push_str(&format!(
            "\n项目{p:06},91310117MA1J3P0A05,2026-03-02,liaison1,s{i},环节{i},区发改委,工程建设许可,20,10,{dep},{dates}"
        ));
    }
    s.push('\n');
    s.into_bytes()
}

fn import_rows(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let limits = ImportLimits {
        max_file_bytes: u64::MAX,
        max_rows: usize::MAX,
        ..ImportLimits::default()
    };
    for (shape, per_project) in [("projects of 15 steps", 15), ("one project", usize::MAX)] {
        let mut group = c.benchmark_group(format!("import {shape}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        for rows in [1_000, 10_000, 100_000] {
            let bytes = file(rows, per_project);
            group.throughput(Throughput::Elements(rows as u64));
            group.bench_with_input(BenchmarkId::from_parameter(rows), &bytes, |b, bytes| {
                b.iter(|| {
                    let sheet = read_csv(black_box(bytes), &limits).unwrap();
                    plan(&sheet, today)
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, import_rows);
criterion_main!(benches);
