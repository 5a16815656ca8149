//! Performance-period dates: `YYYY-MM-DD` text → calendar dates, and the
//! period's length in days counted inclusively (scoring.md §5 G2: the last
//! 90-day period of 2023 starts on October 3, so December 31 − October 3 + 1
//! = 90).

use time::{Date, Month};

/// A real calendar date written exactly as `YYYY-MM-DD`; `None` for any
/// other text (another shape, or a day the month does not have).
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    let year: i32 = text[0..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..10].parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Days from `start` to `end`, both included; 0 or less when `end` comes
/// before `start`.
pub fn inclusive_days(start: Date, end: Date) -> i64 {
    (end - start).whole_days() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_only() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2025-13-01").is_none());
        assert!(parse_date("2025-1-01").is_none());
        assert!(parse_date("2025-01-01T00:00:00Z").is_none());
        assert!(parse_date("+025-01-01").is_none());
        assert!(parse_date("２０２５-01-01").is_none());
    }

    #[test]
    fn periods_count_both_ends() {
        let day = |s| parse_date(s).unwrap();
        assert_eq!(inclusive_days(day("2023-10-03"), day("2023-12-31")), 90);
        assert_eq!(inclusive_days(day("2024-07-05"), day("2024-12-31")), 180);
        assert_eq!(inclusive_days(day("2025-07-05"), day("2025-12-31")), 180);
        assert_eq!(inclusive_days(day("2024-01-01"), day("2024-12-31")), 366);
        assert_eq!(inclusive_days(day("2025-03-02"), day("2025-03-01")), 0);
    }
}
