//! Just enough `multipart/form-data` for the upload form: the parts of a body already read
//! (and capped) whole, by name, with the file's name. The pages take one small form with
//! one file, so a streaming parser would buy nothing.

/// A part of the form: its field name, the file name if it is a file, and its bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub filename: Option<String>,
    pub body: &'a [u8],
}

/// The boundary named by a `Content-Type: multipart/form-data; boundary=…` header.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A `name="…"` parameter of a Content-Disposition header.
fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts of a body; `None` when it is not a well-formed multipart body.
pub fn parts<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut out = Vec::new();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Some(out);
        }
        at = find(body, b"\r\n", at)? + 2;
        let head_end = find(body, b"\r\n\r\n", at)?;
        let head = std::str::from_utf8(&body[at..head_end]).ok()?;
        let disposition = head.split("\r\n").find(|l| {
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
        })?;
        let start = head_end + 4;
        let mut next = Vec::with_capacity(delimiter.len() + 2);
        next.extend_from_slice(b"\r\n");
        next.extend_from_slice(&delimiter);
        let end = find(body, &next, start)?;
        out.push(Part {
            name: param(disposition, "name")?,
            filename: param(disposition, "filename"),
            body: &body[start..end],
        });
        at = end + next.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_with_a_file_is_read_by_name() {
        let ct = "multipart/form-data; boundary=XyZ";
        let b = boundary(ct).unwrap();
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
Content-Type: text/csv\r\n\r\nproject,step\r\nx,y\r\n\r\n--XyZ--\r\n";
        let got = parts(body, &b).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "csrf");
        assert_eq!(got[0].body, b"abc");
        assert_eq!(got[1].filename.as_deref(), Some("a.csv"));
        assert_eq!(got[1].body, b"project,step\r\nx,y\r\n");
    }

    #[test]
    fn a_broken_body_is_refused() {
        assert_eq!(boundary("text/plain"), None);
        assert_eq!(boundary("multipart/form-data"), None);
        assert!(parts(b"--XyZ\r\nno headers end", "XyZ").is_none());
        assert!(parts(b"nothing at all", "XyZ").is_none());
    }
}
