//! The participant list of an APM entity (`pilint rollup --participants`):
//! a CSV file with a header row and the columns
//!
//! | column | content |
//! |---|---|
//! | `tin` | the participant TIN, 9 digits |
//! | `npi` | the clinician's NPI, 10 digits |
//! | `status` | `required` (a MIPS eligible clinician who must report PI), `excluded` (PI reweighted to 0%: a special status or hardship exception), `qp` or `partial-qp` (a Qualifying APM Participant or Partial QP) |
//!
//! Column names are matched without regard to case and order; other
//! columns (a name, a specialty) are ignored. `partial qp` and `partial_qp`
//! are accepted for `partial-qp`.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;

/// What the participant list says about a clinician.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Required,
    Excluded,
    Qp,
    PartialQp,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Required => "required",
            Status::Excluded => "excluded",
            Status::Qp => "qp",
            Status::PartialQp => "partial-qp",
        }
    }

    fn parse(text: &str) -> Option<Status> {
        let folded: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect();
        match folded.as_str() {
            "required" => Some(Status::Required),
            "excluded" => Some(Status::Excluded),
            "qp" => Some(Status::Qp),
            "partialqp" => Some(Status::PartialQp),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub tin: String,
    pub npi: String,
    pub status: Status,
}

/// Why a participant list cannot be used; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantError {
    pub line: u64,
    pub message: String,
    /// The TINs and NPIs the message quotes: CI logs are widely readable,
    /// so they are masked unless identifiers are to be shown.
    pub identifiers: Vec<String>,
}

impl fmt::Display for ParticipantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads a participant list. Every row must be usable: a roll-up over a
/// list with a row silently dropped would be wrong without saying so.
///
/// Rows are read as bytes and only the three columns used must be UTF-8:
/// a name column exported in Latin-1 (`Peña`) by an older spreadsheet
/// does not stop the roll-up.
pub fn read(input: impl Read) -> Result<Vec<Participant>, ParticipantError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(input);
    let headers = reader
        .byte_headers()
        .map_err(|err| csv_error(&err, 1))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| {
                h.strip_prefix("\u{feff}".as_bytes())
                    .unwrap_or(h)
                    .eq_ignore_ascii_case(name.as_bytes())
            })
            .ok_or_else(|| ParticipantError {
                line: 1,
                identifiers: Vec::new(),
                message: format!(
                    "the header has no `{name}` column; expected the columns tin, npi, status"
                ),
            })
    };
    let (tin_at, npi_at, status_at) = (column("tin")?, column("npi")?, column("status")?);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|err| csv_error(&err, 0))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(<[u8]>::is_empty) {
            continue;
        }
        let fail = |message: String| ParticipantError {
            line,
            message,
            identifiers: Vec::new(),
        };
        // A failure that quotes this row's identifiers.
        let fail_quoting = |message: String, quoted: &[&str]| ParticipantError {
            line,
            message,
            identifiers: quoted.iter().map(|q| (*q).to_owned()).collect(),
        };
        let field = |at: usize, name: &str| {
            std::str::from_utf8(record.get(at).unwrap_or(b""))
                .map_err(|_| fail(format!("the `{name}` column is not UTF-8")))
        };
        let tin = field(tin_at, "tin")?;
        let npi = field(npi_at, "npi")?;
        let status_text = field(status_at, "status")?;
        if !is_digits(tin, 9) {
            return Err(fail_quoting(
                format!(
                    "TIN `{tin}` is not 9 digits (a spreadsheet may have dropped leading zeros)"
                ),
                &[tin],
            ));
        }
        if !is_digits(npi, 10) {
            return Err(fail_quoting(
                format!("NPI `{npi}` is not 10 digits"),
                &[npi],
            ));
        }
        let status = Status::parse(status_text).ok_or_else(|| {
            fail(format!(
                "status `{status_text}` is not one of required, excluded, qp, partial-qp"
            ))
        })?;
        if !seen.insert((tin.to_owned(), npi.to_owned())) {
            return Err(fail_quoting(
                format!("TIN {tin} / NPI {npi} is listed twice"),
                &[tin, npi],
            ));
        }
        out.push(Participant {
            tin: tin.to_owned(),
            npi: npi.to_owned(),
            status,
        });
    }
    Ok(out)
}

fn is_digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

fn csv_error(err: &csv::Error, fallback_line: u64) -> ParticipantError {
    ParticipantError {
        line: err.position().map_or(fallback_line, |p| p.line()),
        message: match err.kind() {
            csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8".to_owned(),
            _ => err.to_string(),
        },
        // csv's own messages quote no field value.
        identifiers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_in_any_order_and_ignores_others() {
        let text = "Name,STATUS,npi,tin\nDr A,required,1234567893,000111111\n\nDr B, Partial QP ,1234567901,000111111\n";
        let list = read(text.as_bytes()).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].tin, "000111111");
        assert_eq!(list[0].status, Status::Required);
        assert_eq!(list[1].status, Status::PartialQp);
    }

    #[test]
    fn errors_name_their_line() {
        let err = read(
            "tin,npi,status\n000111111,1234567893,required\n111111,1234567893,required\n"
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("leading zeros"));
        let err = read("tin,npi\n".as_bytes()).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("status"));
        let err = read("tin,npi,status\n000111111,1234567893,maybe\n".as_bytes()).unwrap_err();
        assert_eq!(err.line, 2);
        let err =
            read("tin,npi,status\n000111111,1234567893,qp\n000111111,1234567893,qp\n".as_bytes())
                .unwrap_err();
        assert!(err.message.contains("twice"));
        assert!(read(&b"tin,npi,status\n\xff\xfe,1,2\n"[..]).is_err());
    }

    #[test]
    fn only_the_columns_used_must_be_utf8() {
        // `Pe\xf1a`: Latin-1 in the ignored name column.
        let list =
            read(&b"name,tin,npi,status\nPe\xf1a,000111111,1234567893,required\n"[..]).unwrap();
        assert_eq!(list[0].npi, "1234567893");
        let err = read(&b"tin,npi,status\n000111111,1234567893,requir\xe9d\n"[..]).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("`status` column is not UTF-8"));
    }
}
