//! `file:` URIs ↔ paths (RFC 8089), percent-encoded as editors send them.
//!
//! lsp-types 0.97 carries URIs as text (fluent-uri) without the file-path
//! helpers `url` had; the conversion is small enough to own, and owning it
//! keeps the two directions exact inverses of each other.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, percent_encode};

/// What a path segment must not hold literally (RFC 3986 `pchar`), plus
/// `%` itself.
const ENCODED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The path a `file:` URI names; `None` for any other scheme (`untitled:`)
/// and for a file on another host.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let (scheme, rest) = text.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let slash = authority_and_path.find('/')?;
            let authority = &authority_and_path[..slash];
            if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
                return None;
            }
            &authority_and_path[slash..]
        }
        None => rest,
    };
    let bytes: Vec<u8> = percent_decode_str(path).collect();
    bytes_to_path(bytes)
}

#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    let text = String::from_utf8(bytes).ok()?;
    // `/C:/dir/file` names `C:/dir/file`.
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => text[1..].to_owned(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// The `file:` URI of `path`, made absolute.
pub fn from_path(path: &Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let bytes = path_bytes(&absolute)?;
    let encoded = percent_encode(&bytes, ENCODED).to_string();
    Uri::from_str(&format!("file://{encoded}")).ok()
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Some(path.as_os_str().as_bytes().to_vec())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    let text = path.to_str()?.replace('\\', "/");
    Some(if text.starts_with('/') {
        text.into_bytes()
    } else {
        format!("/{text}").into_bytes()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn paths_round_trip_through_uris() {
        for path in ["/tmp/a.json", "/tmp/dir with space/é#1?.json", "/t/%41.xml"] {
            let uri = from_path(Path::new(path)).unwrap();
            assert!(
                !uri.as_str()[7..].contains([' ', '#', '?']),
                "{}",
                uri.as_str()
            );
            assert_eq!(to_path(&uri).unwrap(), Path::new(path));
        }
    }

    #[test]
    #[cfg(unix)]
    fn editors_spellings_are_read() {
        let uri = |s: &str| Uri::from_str(s).unwrap();
        assert_eq!(
            to_path(&uri("file:///home/x/a%20b.json")).unwrap(),
            Path::new("/home/x/a b.json")
        );
        assert_eq!(
            to_path(&uri("file://localhost/a.json")).unwrap(),
            Path::new("/a.json")
        );
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(to_path(&uri("file://server/share/a.json")), None);
    }
}
