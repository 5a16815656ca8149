//! What CMS does with a file because of a finding: its consequence.
//!
//! Severity is the user's policy (`[severity]` in pilint.toml can make any
//! rule a warning); the consequence is CMS's and no setting changes it.
//! Each rule declares it, per performance year where it differs.

use serde::Serialize;

/// What CMS will do, from the least to the most serious; a file's
/// consequence is the worst of its findings'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Consequence {
    /// No effect on acceptance or score: advice.
    None,
    /// Accepted; points are lost or at risk.
    Points,
    /// Accepted and stored, and the PI category earns 0 (from 2025 CMS
    /// treats such an incomplete submission as no PI submission at all).
    Zero,
    /// The Submissions API (HTTP 422) or CMS's QRDA III converter refuses
    /// the file or its PI set: nothing is stored, there is no score.
    Rejected,
}

impl Consequence {
    pub const ALL: [Consequence; 4] = [
        Consequence::None,
        Consequence::Points,
        Consequence::Zero,
        Consequence::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Consequence::None => "none",
            Consequence::Points => "points",
            Consequence::Zero => "zero",
            Consequence::Rejected => "rejected",
        }
    }

    /// What the `full` format says on the finding's `= effect:` line.
    pub fn effect(self) -> &'static str {
        match self {
            Consequence::None => "none at CMS: no effect on acceptance or score",
            Consequence::Points => "CMS accepts this file; PI points are lost or at risk",
            Consequence::Zero => "CMS accepts this file and scores the PI category 0",
            Consequence::Rejected => "CMS refuses this file",
        }
    }

    pub fn parse(text: &str) -> Option<Consequence> {
        Consequence::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// A rule's consequence: one for every year, with exceptions.
#[derive(Debug, Clone, Copy)]
pub struct Consequences {
    pub default: Consequence,
    /// Years where CMS does otherwise (the 2023 SAFER Guides "no" passed).
    pub by_year: &'static [(u16, Consequence)],
}

impl Consequences {
    pub const NONE: Consequences = Consequences::always(Consequence::None);
    pub const POINTS: Consequences = Consequences::always(Consequence::Points);
    pub const ZERO: Consequences = Consequences::always(Consequence::Zero);
    pub const REJECTED: Consequences = Consequences::always(Consequence::Rejected);

    pub const fn always(consequence: Consequence) -> Consequences {
        Consequences {
            default: consequence,
            by_year: &[],
        }
    }

    /// The same, except in the listed years.
    pub const fn except(self, by_year: &'static [(u16, Consequence)]) -> Consequences {
        Consequences {
            default: self.default,
            by_year,
        }
    }

    /// The consequence in `year` (the default when the year is unknown).
    pub fn in_year(&self, year: Option<i64>) -> Consequence {
        year.and_then(|year| {
            self.by_year
                .iter()
                .find(|(y, _)| i64::from(*y) == year)
                .map(|(_, c)| *c)
        })
        .unwrap_or(self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_exception_applies_only_in_its_year() {
        let safer = Consequences::ZERO.except(&[(2023, Consequence::None)]);
        assert_eq!(safer.in_year(Some(2023)), Consequence::None);
        assert_eq!(safer.in_year(Some(2024)), Consequence::Zero);
        assert_eq!(safer.in_year(None), Consequence::Zero);
    }

    #[test]
    fn consequences_order_from_least_to_most_serious() {
        assert!(Consequence::Rejected > Consequence::Zero);
        assert!(Consequence::Zero > Consequence::Points);
        assert!(Consequence::Points > Consequence::None);
        for c in Consequence::ALL {
            assert_eq!(Consequence::parse(c.as_str()), Some(c));
        }
    }
}
