//! The PI category's weight in the final score, per reporting framework
//! (../shared/spec/scoring.md §10 W1–W2): 25% of the MIPS (and MVP) final
//! score, 30% under the APM Performance Pathway. Reweighting to 0% (special
//! statuses, hardship exceptions) depends on facts a submission file does
//! not hold, so it is not predicted.

use crate::score::table::{ScoreTable, Weight};

/// The reporting framework the final score is computed for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Framework {
    /// Traditional MIPS.
    #[default]
    Mips,
    /// The APM Performance Pathway.
    App,
    /// MIPS Value Pathways.
    Mvp,
}

impl Framework {
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Mips => "mips",
            Framework::App => "app",
            Framework::Mvp => "mvp",
        }
    }
}

pub fn weight(table: &ScoreTable, framework: Framework) -> &Weight {
    match framework {
        Framework::Mips => &table.weights.mips,
        Framework::App => &table.weights.app,
        Framework::Mvp => &table.weights.mvp,
    }
}

/// The category score's contribution to the final score: `score × weight`.
pub fn weighted(total: f64, percent: f64) -> f64 {
    // Two decimals at most (25% of a whole number); round away the binary
    // noise of ×0.25 / ×0.3 so 87 × 30% reads 26.1, not 26.099999….
    (total * percent / 100.0 * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::table::for_year;

    #[test]
    fn cms_reference_contribution() {
        // SD-EX: 64 × 25% = 16.
        assert_eq!(weighted(64.0, 25.0), 16.0);
        assert_eq!(weighted(87.0, 30.0), 26.1);
        assert_eq!(weighted(87.0, 25.0), 21.75);
    }

    #[test]
    fn weights_per_framework() {
        let table = for_year(2025).unwrap();
        assert_eq!(weight(table, Framework::Mips).percent, 25.0);
        assert_eq!(weight(table, Framework::App).percent, 30.0);
        assert_eq!(weight(table, Framework::Mvp).percent, 25.0);
        assert!(
            weight(for_year(2026).unwrap(), Framework::App)
                .assumption
                .is_some()
        );
    }
}
