//! The import page: a file with bad rows comes back with a table of every bad line and its
//! reason in Chinese and nothing is written; the fixed file imports and what was created is
//! shown; a file over the limit is refused beside the file field (413).

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use crate::helpers::{default_now, spawn_app_with, TestApp, CODE_A, CODE_B};

const HEADER: &str = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on";

fn csv(rows: &[String]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    s.push_str(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

/// Sends the upload form as a browser does (multipart, with the page's CSRF token).
pub async fn upload(
    app: &TestApp,
    c: &PageClient,
    csrf: &str,
    name: &str,
    file: &[u8],
) -> (u16, String) {
    let boundary = "----recordsBoundary7MA4YWxk";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let cookie = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/imports/new"))
        .header("Cookie", cookie)
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

/// The rows of the error table: line, column, reason.
fn error_rows(body: &str) -> Vec<(String, String, String)> {
    let at = body.find("id=\"import-errors\"").expect("an error table");
    let table = &body[at..at + body[at..].find("</table>").unwrap()];
    let cells = |row: &str| -> Vec<String> {
        row.split("<td>")
            .skip(1)
            .map(|c| c[..c.find("</td>").unwrap()].to_string())
            .collect()
    };
    table
        .split("<tr>")
        .skip(2)
        .map(|r| {
            let c = cells(r);
            (c[0].clone(), c[1].clone(), c[2].clone())
        })
        .collect()
}

#[tokio::test]
async fn bad_rows_are_listed_and_nothing_written_then_the_fixed_file_imports() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let form = c.get("/imports/new").await;
    assert_eq!(form.status, 200);
    check_page("/imports/new", &form.body);
    assert!(form.body.contains("statutory_days") && form.body.contains("/imports/example.csv"));
    let csrf = csrf_in(&form.body);
    let example = c.get("/imports/example.csv").await;
    assert_eq!(example.status, 200);
    assert!(example.body.contains(HEADER.split(',').next().unwrap()));

    let row = |project: &str, code: &str, rest: &str| {
        format!("{project},{code},2026-03-02,xiaoer,{rest}")
    };
    let bad = csv(&[
        row(
            "新厂房",
            CODE_A,
            "filing,项目备案,区发改委,立项,0,,,2026-03-02,,,2026-03-02,,",
        ),
        row(
            "新厂房",
            CODE_A,
            "eia,环评审批,区生态环境局,工程建设许可,thirty,,filing,2026-03-03,,,,,",
        ),
        row(
            "丙",
            "91310117MA1J3P0Z99",
            "filing,项目备案,区发改委,立项,0,,,,,,,,",
        ),
        row(
            "丁",
            CODE_B,
            "filing,项目备案,区发改委,立项,0,,,2026-03-03,,,2026-03-04,2026-03-05,",
        ),
    ]);
    let before = z.app.snapshot().await;
    let (status, body) = upload(&z.app, &c, &csrf, "projects.csv", &bad).await;
    assert_eq!(status, 422, "{body}");
    check_page("/imports/new (bad rows)", &body);
    assert!(body.contains("文件中有 3 处问题，未导入任何内容"), "{body}");
    assert_eq!(
        body.matches("未导入任何内容").count(),
        1,
        "said once: {body}"
    );
    let rows = error_rows(&body);
    assert_eq!(
        rows,
        [
            (
                "3".into(),
                "statutory_days".into(),
                "应为整数个工作日，而不是 &quot;thirty&quot;".into()
            ),
            (
                "4".into(),
                "enterprise".into(),
                "没有统一社会信用代码为 &quot;91310117MA1J3P0Z99&quot; 的企业".into()
            ),
            (
                "5".into(),
                "approved_on, rejected_on".into(),
                "只能填写其中一个".into()
            ),
        ],
        "{body}"
    );
    assert_eq!(z.app.snapshot().await, before, "nothing written");

    // Fixed: every row imports; the page names the projects and counts steps and events.
    let fixed = csv(&[
        row(
            "新厂房",
            CODE_A,
            "filing,项目备案,区发改委,立项,0,,,2026-03-02,,,2026-03-02,,",
        ),
        row(
            "新厂房",
            CODE_A,
            "eia,环评审批,区生态环境局,工程建设许可,30,,filing,2026-03-03,,,,,",
        ),
        row("丙", CODE_B, "filing,项目备案,区发改委,立项,0,,,,,,,,"),
        row(
            "丁",
            CODE_B,
            "filing,项目备案,区发改委,立项,0,,,2026-03-03,,,2026-03-04,,",
        ),
    ]);
    let (status, body) = upload(&z.app, &c, &csrf, "projects.csv", &fixed).await;
    assert_eq!(status, 200, "{body}");
    check_page("/imports/new (imported)", &body);
    assert!(body.contains("导入完成。"), "{body}");
    // Events: accept + approve, accept, none, accept + approve.
    assert!(
        body.contains("<span id=\"import-steps\">4</span>"),
        "{body}"
    );
    assert!(
        body.contains("<span id=\"import-events\">5</span>"),
        "{body}"
    );
    let list = z
        .app
        .get("/api/v1/projects?per_page=500", &z.app.admin)
        .await
        .ok(200)
        .clone();
    for name in ["新厂房", "丙", "丁"] {
        let p = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap();
        let link = format!("<a href=\"/projects/{}\">{name}</a>", p["id"]);
        assert!(body.contains(&link), "{link}: {body}");
    }
    // The same file again: the projects exist; every project's first line is named.
    let (status, body) = upload(&z.app, &c, &csrf, "projects.csv", &fixed).await;
    assert_eq!(status, 422);
    let rows = error_rows(&body);
    assert_eq!(
        rows[0],
        (
            "2".into(),
            "project".into(),
            "该企业已有项目“新厂房”".into()
        )
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
}

#[tokio::test]
async fn an_upload_is_refused_beside_the_file_field() {
    let app = spawn_app_with(default_now(), |s| s.imports.max_file_bytes = 300).await;
    app.add_user("xiaoer", "liaison", None).await;
    app.add_user(
        "ent",
        "enterprise",
        Some(app.add_enterprise("松江晶圆制造有限公司", CODE_A).await),
    )
    .await;
    let mut c = PageClient::new(&app);
    c.login("xiaoer", USER_PASSWORD).await;
    let csrf = csrf_in(&c.get("/imports/new").await.body);
    let before = app.snapshot().await;
    // Over the limit, within the form's room: the service counts the file.
    let big = vec![b'a'; 400];
    let (status, body) = upload(&app, &c, &csrf, "big.csv", &big).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(
        field_error(&body, "file").as_deref(),
        Some("文件有 400 B，上限为 300 B")
    );
    // Far over: the body is not read past the limit.
    let huge = vec![b'a'; 40_000];
    let (status, body) = upload(&app, &c, &csrf, "huge.csv", &huge).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(
        field_error(&body, "file").as_deref(),
        Some("文件超过了 300 B 的上限")
    );
    // No file chosen; a file that is no spreadsheet; no header.
    let (status, body) = upload(&app, &c, &csrf, "", b"").await;
    assert_eq!(status, 422);
    assert_eq!(
        field_error(&body, "file").as_deref(),
        Some("请选择要上传的文件")
    );
    let (status, body) = upload(&app, &c, &csrf, "a.csv", b"project,enterprise\n").await;
    assert_eq!(status, 422, "{body}");
    let missing = "缺少列：start_date, step, name, agency, stage, statutory_days";
    assert_eq!(error_rows(&body), [("1".into(), "".into(), missing.into())]);
    // A wrong token, an enterprise user, and nobody signed in.
    let (status, _) = upload(&app, &c, "0000", "a.csv", b"x").await;
    assert_eq!(status, 403);
    let mut firm = PageClient::new(&app);
    firm.login("ent", USER_PASSWORD).await;
    let firm_csrf = csrf_in(&firm.get("/settings").await.body);
    let (status, _) = upload(&app, &firm, &firm_csrf, "a.csv", b"x").await;
    assert_eq!(status, 403);
    let (status, _) = upload(&app, &PageClient::new(&app), "", "a.csv", b"x").await;
    assert_eq!(status, 303);
    assert_eq!(app.snapshot().await, before, "nothing written");
}

/// A spreadsheet of text cells, as someone types one (the importer reads dates as text too).
fn xlsx(rows: &[String]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in std::iter::once(HEADER)
        .chain(rows.iter().map(String::as_str))
        .enumerate()
    {
        for (c, cell) in row.split(',').enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_spreadsheet_uploads_like_a_csv_file() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let csrf = csrf_in(&c.get("/imports/new").await.body);
    let row = |rest: &str| format!("表格项目,{CODE_A},2026-03-02,xiaoer,{rest}");
    let bad = xlsx(&[row(
        "filing,项目备案,区发改委,立项,0,,,2026-03-02,,,2026-03-01,,",
    )]);
    let (status, body) = upload(&z.app, &c, &csrf, "表格.xlsx", &bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_rows(&body)[0].0, "2", "{body}");
    let good = xlsx(&[row(
        "filing,项目备案,区发改委,立项,0,,,2026-03-02,,,2026-03-02,,",
    )]);
    let (status, body) = upload(&z.app, &c, &csrf, "表格.xlsx", &good).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("表格项目") && body.contains("<span id=\"import-events\">2</span>"));
}
