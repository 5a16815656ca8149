//! A score as CMS writes points (`10`, `12.5`): the score's explanations
//! and the findings that quote a predicted score (`X001`, `X004`) write it
//! the same way. Here, below both `score` and `rules`, so neither has to
//! name the other for it.

/// A number as CMS writes points: `10`, `12.5`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}
