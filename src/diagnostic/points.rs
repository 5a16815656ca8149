//! A score as CMS writes points (`10`, `12.5`): the score's explanations
//! and the findings that quote a predicted score (`X001`, `X004`) write it
//! the same way. Here, below both `score` and `rules`, so neither has to
//! name the other for it.

/// Below this, a whole number of hundredths is written from an integer.
const EXACT_HUNDREDTHS: f64 = 1e13;

/// A number as CMS writes points: `10`, `12.5`.
///
/// Every score explanation writes several of these, and `format!` on a
/// float was about 3% of a corpus run; points are almost always whole
/// numbers or whole hundredths (`12.5`), which are written from an
/// integer. Anything else takes the general route.
pub fn number(value: f64) -> String {
    let hundredths = value * 100.0;
    if value.is_sign_positive() && hundredths < EXACT_HUNDREDTHS && hundredths.fract() == 0.0 {
        // `value` is within a rounding error of `hundredths / 100`, far
        // closer than the 0.005 at which `{:.2}` would round differently.
        let hundredths = hundredths as u64;
        let (whole, cents) = (hundredths / 100, hundredths % 100);
        return match (cents / 10, cents % 10) {
            (0, 0) => whole.to_string(),
            (tenths, 0) => format!("{whole}.{tenths}"),
            _ => format!("{whole}.{cents:02}"),
        };
    }
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    /// The general route, which the fast one must match wherever it applies.
    fn general(value: f64) -> String {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            let text = format!("{value:.2}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }

    /// Whole numbers and halves are `score::points`' test; these are the
    /// edges of the integer route.
    #[test]
    fn hundredths_thirds_and_signed_zero() {
        assert_eq!(number(7.05), "7.05");
        assert_eq!(number(-0.0), "-0");
        assert_eq!(number(100.0 / 3.0), "33.33");
        assert_eq!(number(2.0 / 3.0), "0.67");
    }

    #[test]
    fn the_fast_route_writes_what_the_general_one_does() {
        let mut values: Vec<f64> = (0..=20_000).map(|cents| cents as f64 / 100.0).collect();
        values.extend((0..=1000).map(|n| n as f64 * 0.125));
        values.extend((1..=400).map(|d| 100.0 / d as f64));
        values.extend((1..=400).map(|d| 25.0 * 7.0 / d as f64));
        values.extend([
            1e12,
            1e12 + 0.5,
            1e13,
            1e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
        ]);
        values.extend([-1.0, -12.5, -0.005, 0.005, 0.015, 0.125, 0.375, 2.675]);
        for value in values {
            assert_eq!(number(value), general(value), "{value:?}");
        }
    }
}
