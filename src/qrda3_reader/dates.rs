//! Strict reading of QRDA III period dates.
//!
//! The IG writes dates as HL7 TS (`YYYYMMDD[HHMM[SS[.S{1,4}]]][±ZZZZ]`).
//! CMS's converter also accepts ISO forms (`2025-01-01`, with an optional
//! `T` time), which pilint accepts too; unlike the converter it never
//! clamps an impossible day (`20250230` is not Feb 28), never reads only
//! the first eight digits of something longer, and never trims. The
//! calendar arithmetic needed is one leap-year rule, so it is written here
//! rather than pulling in a date crate.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, the form the QPP JSON model uses.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a date was refused (`invalid-qrda3-date` words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// White space before or after the date.
    SurroundingSpaces,
    /// A year that does not fit four digits' range.
    Year,
    /// A month outside 01–12.
    Month,
    /// A day the month does not have.
    Day,
    /// A time-zone offset that is not ±HHMM.
    Offset,
    /// Fewer than the eight digits of YYYYMMDD.
    NotFullDate,
    /// Not YYYYMMDD[HHMM[SS]].
    NotHl7,
    /// A malformed fraction of a second.
    Fraction,
    /// An hour outside 00–23.
    Hour,
    /// A minute outside 00–59.
    Minute,
    /// A second outside 00–60.
    Second,
    /// An ISO date that is not YYYY-MM-DD.
    NotIsoDate,
    /// An ISO time that is not HH:MM[:SS[.S]][Z|±HH:MM].
    IsoTime,
}

/// Reads a TS or ISO date-time and keeps its date.
pub fn parse(text: &str) -> Result<Date, DateError> {
    if text.trim() != text {
        return Err(DateError::SurroundingSpaces);
    }
    let bytes = text.as_bytes();
    if bytes.len() >= 10 && bytes[4] == b'-' {
        return parse_iso(text);
    }
    parse_ts(text)
}

fn digits(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn date(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::Month);
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Err(DateError::Day);
    }
    Ok(Date {
        year: u16::try_from(year).map_err(|_| DateError::Year)?,
        month: month as u8,
        day: day as u8,
    })
}

fn parse_ts(text: &str) -> Result<Date, DateError> {
    let (body, zone) = match text.find(['+', '-']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    if let Some(zone) = zone
        && (zone.len() != 4
            || !zone.bytes().all(|b| b.is_ascii_digit())
            || !valid_offset(&zone[..2], &zone[2..]))
    {
        return Err(DateError::Offset);
    }
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    if whole.len() < 8 {
        return Err(DateError::NotFullDate);
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || ![8, 10, 12, 14].contains(&whole.len()) {
        return Err(DateError::NotHl7);
    }
    if let Some(fraction) = fraction
        && (whole.len() != 14
            || fraction.is_empty()
            || fraction.len() > 4
            || digits(fraction).is_none())
    {
        return Err(DateError::Fraction);
    }
    let number = |range: std::ops::Range<usize>| digits(&whole[range]).unwrap_or(u32::MAX);
    let parsed = date(number(0..4), number(4..6), number(6..8))?;
    if whole.len() >= 10 && number(8..10) > 23 {
        return Err(DateError::Hour);
    }
    if whole.len() >= 12 && number(10..12) > 59 {
        return Err(DateError::Minute);
    }
    if whole.len() >= 14 && number(12..14) > 60 {
        return Err(DateError::Second);
    }
    Ok(parsed)
}

fn valid_offset(hours: &str, minutes: &str) -> bool {
    digits(hours).is_some_and(|h| h <= 14) && digits(minutes).is_some_and(|m| m <= 59)
}

fn parse_iso(text: &str) -> Result<Date, DateError> {
    let (day_part, time_part) = match text.split_once('T') {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let fields: Vec<&str> = day_part.split('-').collect();
    let [year, month, day] = fields.as_slice() else {
        return Err(DateError::NotIsoDate);
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(DateError::NotIsoDate);
    }
    let (Some(y), Some(m), Some(d)) = (digits(year), digits(month), digits(day)) else {
        return Err(DateError::NotIsoDate);
    };
    let parsed = date(y, m, d)?;
    if let Some(time) = time_part
        && !valid_iso_time(time)
    {
        return Err(DateError::IsoTime);
    }
    Ok(parsed)
}

fn valid_iso_time(time: &str) -> bool {
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(at) => (&time[..at], Some(&time[at..])),
        None => (time, None),
    };
    let zone_ok = match zone {
        None | Some("Z") => true,
        Some(zone) => {
            let rest = &zone[1..];
            let (h, m) = match rest.split_once(':') {
                Some(parts) => parts,
                None if rest.len() == 4 && rest.is_ascii() => rest.split_at(2),
                None => return false,
            };
            h.len() == 2 && m.len() == 2 && valid_offset(h, m)
        }
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let ranges = [23, 59, 60];
    let clock_ok = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip(ranges)
            .all(|(p, max)| p.len() == 2 && digits(p).is_some_and(|v| v <= max))
        && fraction.is_none_or(|f| parts.len() == 3 && digits(f).is_some());
    zone_ok && clock_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        parse(text)
            .map(Date::iso)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn accepts_hl7_and_iso_forms() {
        assert_eq!(ok("20250101"), "2025-01-01");
        assert_eq!(ok("20250101120000"), "2025-01-01");
        assert_eq!(ok("20251231235959.123-0500"), "2025-12-31");
        assert_eq!(ok("202502281200+0100"), "2025-02-28");
        assert_eq!(ok("2025-01-01"), "2025-01-01");
        assert_eq!(ok("2024-02-29T01:45:23.123"), "2024-02-29");
        assert_eq!(ok("2025-01-01T00:00:00Z"), "2025-01-01");
    }

    #[test]
    fn refuses_what_the_converter_would_bend() {
        for bad in [
            "20250230",
            "20250232",
            "20251301",
            "2025",
            "201",
            " 20250101",
            "2025-012-01T01:45:23",
            "1521231541231",
            "20230229",
            "2025010",
            "20250101x",
            "20250101-05",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(ok("20240229"), "2024-02-29");
    }

    #[test]
    fn never_panics_on_odd_characters() {
        for odd in [
            "20250101+1é1",
            "2025-01-01T10:00+1é1",
            "2025-01-01Té",
            "é",
            "20250101.é",
        ] {
            assert!(parse(odd).is_err(), "{odd}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_is_refused(text in "\\PC{0,30}") {
            let _ = parse(&text);
        }

        #[test]
        fn every_real_date_is_read_back(year in 1900u32..2100, month in 1u32..=12, day in 1u32..=28) {
            let text = format!("{year:04}{month:02}{day:02}");
            let parsed = parse(&text).map(Date::iso);
            proptest::prop_assert_eq!(parsed, Ok(format!("{year:04}-{month:02}-{day:02}")));
        }
    }
}
