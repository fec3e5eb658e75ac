//! A minimal MIME reader for what lettre sends: unfolded headers, RFC 2047 words, base64,
//! quoted-printable, multipart, RFC 2231 file names.

use super::{ReceivedAttachment, ReceivedMail};

pub fn parse(raw: String) -> ReceivedMail {
    let raw = raw.replace("\r\n", "\n");
    let (headers, _) = split_entity(&raw);
    let get = |name: &str| header(&headers, name).map(decode_words).unwrap_or_default();
    let mut mail = ReceivedMail {
        to: get("to"),
        subject: get("subject"),
        message_id: get("message-id").trim_matches(['<', '>']).to_string(),
        ..ReceivedMail::default()
    };
    walk(&raw, &mut mail);
    mail.raw = raw;
    mail
}

type Headers = Vec<(String, String)>;

/// Headers (unfolded) and body of one MIME entity.
fn split_entity(s: &str) -> (Headers, &str) {
    let (head, body) = s.split_once("\n\n").unwrap_or((s, ""));
    let mut headers: Headers = Vec::new();
    for line in head.lines() {
        match headers.last_mut() {
            Some(last) if line.starts_with([' ', '\t']) => last.1.push_str(line),
            _ => {
                if let Some((k, v)) = line.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.to_string()));
                }
            }
        }
    }
    for h in &mut headers {
        h.1 = h.1.trim().to_string();
    }
    (headers, body)
}

fn header<'a>(headers: &'a Headers, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn walk(entity: &str, mail: &mut ReceivedMail) {
    let (headers, body) = split_entity(entity);
    let ctype = header(&headers, "content-type")
        .unwrap_or("text/plain")
        .to_string();
    let mime = ctype
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime.starts_with("multipart/") {
        let boundary = param(&ctype, "boundary").expect("multipart without boundary");
        let delimiter = format!("--{boundary}");
        for part in body.split(delimiter.as_str()).skip(1) {
            if part.starts_with("--") {
                break;
            }
            let part = part.strip_prefix('\n').unwrap_or(part);
            walk(part.strip_suffix('\n').unwrap_or(part), mail);
        }
        return;
    }
    let bytes = match header(&headers, "content-transfer-encoding").map(str::to_ascii_lowercase) {
        Some(e) if e == "base64" => base64(body),
        Some(e) if e == "quoted-printable" => quoted_printable(body),
        _ => body.as_bytes().to_vec(),
    };
    let disposition = header(&headers, "content-disposition").unwrap_or("");
    if disposition.to_ascii_lowercase().starts_with("attachment") {
        mail.attachments.push(ReceivedAttachment {
            filename: filename(disposition),
            content_type: mime,
            bytes,
        });
    } else if mime == "text/plain" && mail.text_body.is_empty() {
        mail.text_body = text(&bytes);
    } else if mime == "text/html" && mail.html_body.is_empty() {
        mail.html_body = text(&bytes);
    }
}

/// Text travels with CRLF line ends (MIME canonical form); tests compare with LF.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// `filename="…"`, or RFC 2231 `filename*0*=utf-8''%E5…; filename*1*=…` as lettre writes
/// non-ASCII names.
fn filename(disposition: &str) -> String {
    if let Some(name) = param(disposition, "filename") {
        return decode_words(&name);
    }
    let mut pieces: Vec<(u32, Vec<u8>)> = Vec::new();
    for p in disposition.split(';') {
        let Some((k, v)) = p.trim().split_once('=') else {
            continue;
        };
        let Some(rest) = k.trim().strip_prefix("filename*") else {
            continue;
        };
        let v = v.trim().trim_matches('"');
        let bytes = if rest.is_empty() || rest.ends_with('*') {
            percent_decode(v.split_once("''").map_or(v, |(_, text)| text))
        } else {
            v.as_bytes().to_vec()
        };
        pieces.push((rest.trim_end_matches('*').parse().unwrap_or(0), bytes));
    }
    pieces.sort_by_key(|p| p.0);
    let bytes: Vec<u8> = pieces.into_iter().flat_map(|p| p.1).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// RFC 2047: `=?utf-8?b?…?=` and `=?utf-8?q?…?=` words; adjacent words are joined as bytes
/// first, since an encoder may split one character across two words.
fn decode_words(s: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut rest = s;
    while let Some((before, bytes, after)) = next_word(rest) {
        if pending.is_empty() || !before.trim().is_empty() {
            out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut pending)));
            out.push_str(before);
        }
        pending.extend(bytes);
        rest = after;
    }
    out.push_str(&String::from_utf8_lossy(&pending));
    out.push_str(rest);
    out
}

fn next_word(s: &str) -> Option<(&str, Vec<u8>, &str)> {
    let start = s.find("=?")?;
    let inner = &s[start + 2..];
    let (_charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let end = inner.find("?=")?;
    let text = &inner[..end];
    let bytes = match encoding {
        "b" | "B" => base64(text),
        "q" | "Q" => quoted_printable(&text.replace('_', " ")),
        _ => return None,
    };
    Some((&s[..start], bytes, &inner[end + 2..]))
}

fn base64(s: &str) -> Vec<u8> {
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue, // padding and line breaks
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn quoted_printable(s: &str) -> Vec<u8> {
    unescape(&s.replace("=\n", ""), b'=') // without the soft line breaks
}

fn percent_decode(s: &str) -> Vec<u8> {
    unescape(s, b'%')
}

/// Replaces `{marker}XX` (two hex digits) by that byte.
fn unescape(s: &str, marker: u8) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == marker)
            .then(|| b.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match hex {
            Some(v) => {
                out.push(v);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    out
}
