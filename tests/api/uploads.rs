//! Import files are bounded before they are read whole: size (413), inflated size of an
//! XLSX (zip bombs, 413), rows and columns read cell by cell (413), and a date cell no
//! calendar has is a row error (422). Each refusal changes nothing; the service answers on.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook};

use crate::helpers::{default_now, spawn_app, spawn_app_with, Reply, TestApp, CODE_A};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER: [&str; 9] = [
    "project",
    "enterprise",
    "start_date",
    "step",
    "name",
    "agency",
    "stage",
    "statutory_days",
    "accepted_on",
];

async fn upload(app: &TestApp, body: Vec<u8>, content_type: &str) -> Reply {
    let r = app
        .client
        .post(app.url("/api/v1/imports"))
        .bearer_auth(&app.admin)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.json().await.unwrap_or(serde_json::Value::Null);
    Reply {
        status,
        headers,
        body,
    }
}

/// Refused with this status naming `file`, nothing changed, and the service still answers.
async fn refused(app: &TestApp, body: Vec<u8>, content_type: &str, status: u16) -> String {
    let before = app.snapshot().await;
    let r = upload(app, body, content_type).await;
    let p = r.problem(status).clone();
    assert_eq!(r.fields(), ["file"], "{p}");
    assert_eq!(app.snapshot().await, before, "nothing written");
    app.get("/api/v1/projects", &app.admin).await.ok(200);
    p["detail"].as_str().unwrap().to_string()
}

fn good_row() -> [String; 9] {
    [
        "硅片产线".into(),
        CODE_A.into(),
        "2026-03-02".into(),
        "filing".into(),
        "项目备案".into(),
        "区发改委".into(),
        "立项".into(),
        "0".into(),
        String::new(),
    ]
}

/// A workbook with the header, a good row, and whatever `extra` writes into the sheet.
fn workbook(extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in good_row().iter().enumerate() {
        sheet.write_string(1, c as u16, v).unwrap();
    }
    extra(sheet);
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let app = spawn_app_with(default_now(), |s| s.imports.max_file_bytes = 4096).await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let mut csv = HEADER.join(",");
    while csv.len() <= 4096 {
        csv.push('\n');
        csv.push_str(&good_row().join(","));
    }
    let detail = refused(&app, csv.into_bytes(), "text/csv", 413).await;
    // The limit as people say it, not 4096 bytes.
    assert!(
        detail.ends_with("the limit of 4 KB") || detail.ends_with("the limit is 4 KB"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_zip_bomb_is_refused_by_its_inflated_size() {
    let app = spawn_app_with(default_now(), |s| s.imports.max_inflated_bytes = 1 << 20).await;
    // 16 MiB of one byte: a few kilobytes deflated.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..16 {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let detail = refused(&app, bytes, XLSX, 413).await;
    assert!(detail.contains("inflates"), "{detail}");
}

#[tokio::test]
async fn a_sheet_declaring_a_huge_range_is_refused_not_allocated() {
    let app = spawn_app().await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    // A1 … XFD1048576: 2^34 cells if the declared range were allocated.
    let far = workbook(|s| {
        s.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let detail = refused(&app, far, XLSX, 413).await;
    assert!(detail.contains("columns"), "{detail}");
    let deep = workbook(|s| {
        s.write_string(1_048_575, 0, "x").unwrap();
    });
    let detail = refused(&app, deep, XLSX, 413).await;
    assert!(detail.contains("rows"), "{detail}");
}

#[tokio::test]
async fn too_many_csv_rows_or_columns_are_refused() {
    let app = spawn_app_with(default_now(), |s| {
        s.imports.max_rows = 3;
        s.imports.max_columns = 12;
    })
    .await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let rows = [HEADER.join(","), good_row().join(",")].join("\n");
    let many = format!("{rows}\n{0}\n{0}\n{0}\n", good_row().join(","));
    let detail = refused(&app, many.into_bytes(), "text/csv", 413).await;
    assert!(detail.contains("3 rows"), "{detail}");
    let wide = format!("{rows},a,b,c,d\n");
    let detail = refused(&app, wide.into_bytes(), "text/csv", 413).await;
    assert!(detail.contains("12 columns"), "{detail}");
}

#[tokio::test]
async fn a_date_cell_no_calendar_has_is_a_row_error() {
    let app = spawn_app().await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let book = workbook(|s| {
        s.write_number_with_format(1, 8, 1e300, &date).unwrap();
    });
    let before = app.snapshot().await;
    let r = upload(&app, book, XLSX).await;
    let p = r.problem(422);
    assert_eq!(r.fields(), ["line 2"], "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("accepted_on"),
        "{p}"
    );
    assert_eq!(app.snapshot().await, before);
}

#[test]
fn the_import_command_reads_no_further_than_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let url = crate::helpers::fresh_database(dir.path());
    // An endless file: read whole, it would never end.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["import", "projects", "/dev/zero", "--database-url", &url])
        .env("APP__IMPORTS__MAX_FILE_BYTES", "65536")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("file:") && stderr.contains("the limit is 64 KB"),
        "{stderr}"
    );
}
