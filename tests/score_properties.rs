//! Properties of the score over generated PI submissions (every year, every
//! HIE option, exclusions, yes/no answers, engagement levels, bonus
//! measures, any numerators):
//!
//! - the total is always within 0–100;
//! - raising a numerator never lowers the score;
//! - a set that passes every gate never scores 0 because of rounding (the
//!   1-point floor: every reported proportion measure earns at least 1);
//! - the score does not depend on the order of the measurements.

use pilint::lint::{LintOptions, lint_source};
use pilint::score::{FileScore, SetResult, score_submission};
use pilint::source::SourceFile;
use proptest::prelude::*;
use serde_json::{Value, json};

/// A generated submission, before it is written out as a file.
#[derive(Debug, Clone)]
struct Case {
    year: i64,
    hie_option: u8,
    /// Numerator/denominator of EP_1, HIE_1, HIE_4, PEA_1 (in this order).
    counts: [(u64, u64); 4],
    exclude_erx: bool,
    exclude_pdmp: bool,
    exclude_hie_1: bool,
    exclude_hie_4: bool,
    /// Immunization and eCR: 0 yes, 1 no, 2 excluded.
    public_health: [u8; 2],
    /// Levels of the public-health "yes" answers: 0 none, 1 PRE, 2 PROD.
    levels: [u8; 2],
    boolean_answers: [bool; 2], // PDMP, HIE_5/HIE_6
    attestations: [bool; 4],    // INFBLO, ONCDIR, PPHI_1, PPHI_2
    bonus: [bool; 2],           // PI_PHCDRR_2 (with PROD), PI_PHCDRR_6 (2026)
    /// A rotation of the measurement list.
    rotate: usize,
}

fn counts() -> impl Strategy<Value = (u64, u64)> {
    (1u64..2000).prop_flat_map(|d| (0..=d, Just(d)))
}

fn case() -> impl Strategy<Value = Case> {
    (
        (
            2023i64..=2026,
            1u8..=3,
            [counts(), counts(), counts(), counts()],
        ),
        (any::<[bool; 4]>(), [0u8..3, 0u8..3], [0u8..3, 0u8..3]),
        (
            prop::array::uniform2(prop::bool::weighted(0.9)),
            prop::array::uniform4(prop::bool::weighted(0.9)),
            any::<[bool; 2]>(),
            0usize..40,
        ),
    )
        .prop_map(
            |(
                (year, hie_option, counts),
                (excluded, public_health, levels),
                (boolean_answers, attestations, bonus, rotate),
            )| Case {
                year,
                hie_option,
                counts,
                exclude_erx: excluded[0],
                exclude_pdmp: excluded[1],
                exclude_hie_1: excluded[2],
                exclude_hie_4: excluded[3],
                public_health,
                levels,
                boolean_answers,
                attestations,
                bonus,
                rotate,
            },
        )
}

fn proportion(id: &str, (n, d): (u64, u64)) -> Value {
    json!({"measureId": id, "value": {"numerator": n, "denominator": d}})
}

fn boolean(id: &str, value: bool) -> Value {
    json!({"measureId": id, "value": value})
}

fn measurements(case: &Case) -> Vec<Value> {
    let mut m = vec![
        boolean("PI_INFBLO_1", case.attestations[0]),
        boolean("PI_ONCDIR_1", case.attestations[1]),
        boolean("PI_PPHI_1", case.attestations[2]),
        boolean("PI_PPHI_2", case.attestations[3]),
    ];
    m.push(if case.exclude_erx {
        boolean("PI_LVPP_1", true)
    } else {
        proportion("PI_EP_1", case.counts[0])
    });
    m.push(if case.exclude_pdmp {
        boolean("PI_EP_2_EX_1", true)
    } else {
        boolean("PI_EP_2", case.boolean_answers[0])
    });
    match case.hie_option {
        1 => {
            m.push(if case.exclude_hie_1 {
                boolean("PI_LVOTC_1", true)
            } else {
                proportion("PI_HIE_1", case.counts[1])
            });
            m.push(if case.exclude_hie_4 {
                boolean("PI_LVITC_2", true)
            } else {
                proportion("PI_HIE_4", case.counts[2])
            });
        }
        2 => m.push(boolean("PI_HIE_5", case.boolean_answers[1])),
        _ => m.push(boolean("PI_HIE_6", case.boolean_answers[1])),
    }
    m.push(proportion("PI_PEA_1", case.counts[3]));
    for (i, id) in ["PI_PHCDRR_1", "PI_PHCDRR_3"].into_iter().enumerate() {
        match case.public_health[i] {
            2 => m.push(boolean(&format!("{id}_EX_1"), true)),
            answer => m.push(boolean(id, answer == 0)),
        }
        match case.levels[i] {
            1 => m.push(boolean(&format!("{id}_PRE"), true)),
            2 => m.push(boolean(&format!("{id}_PROD"), true)),
            _ => {}
        }
    }
    if case.bonus[0] {
        m.push(boolean("PI_PHCDRR_2", true));
        m.push(boolean("PI_PHCDRR_2_PROD", true));
    }
    if case.bonus[1] && case.year >= 2026 {
        m.push(boolean("PI_PHCDRR_6", true));
    }
    let len = m.len();
    m.rotate_left(case.rotate % len);
    m
}

fn file_text(case: &Case, measurements: Vec<Value>) -> String {
    let cehrt = if case.year >= 2026 {
        "2025C01234ABCDE"
    } else {
        "0015C01234ABCDE"
    };
    let file = json!({
        "entityType": "group",
        "taxpayerIdentificationNumber": "000123456",
        "performanceYear": case.year,
        "measurementSets": [{
            "category": "pi",
            "submissionMethod": "registry",
            "performanceStart": format!("{}-01-01", case.year),
            "performanceEnd": format!("{}-12-31", case.year),
            "cehrtId": cehrt,
            "measurements": measurements,
        }],
    });
    serde_json::to_string_pretty(&file).unwrap()
}

fn score_text(text: String) -> FileScore {
    let source = SourceFile::from_text("generated.json", text);
    let report = lint_source(source, &LintOptions::default());
    let submission = report.submission.expect("generated JSON decodes");
    score_submission(&submission, None)
}

fn score(case: &Case) -> FileScore {
    score_text(file_text(case, measurements(case)))
}

/// Per-measure points of the kept set, by measure id.
fn points(score: &FileScore) -> Vec<(String, String)> {
    let Some(set) = score.best() else {
        return Vec::new();
    };
    match &set.result {
        SetResult::Scored(b) => {
            let mut out: Vec<(String, String)> = b
                .measures
                .iter()
                .map(|m| (m.measure_id.clone(), format!("{}/{}", m.points, m.max)))
                .collect();
            out.push(("bonus".to_owned(), b.bonus.points.to_string()));
            out
        }
        SetResult::Zero { reasons, .. } => {
            let mut codes: Vec<(String, String)> = reasons
                .iter()
                .map(|r| (r.code.clone(), r.gate.clone().unwrap_or_default()))
                .collect();
            codes.sort();
            codes
        }
        SetResult::Rejected(_) => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn total_is_within_0_and_100(case in case()) {
        let score = score(&case);
        let total = score.total();
        prop_assert!(total.is_some(), "generated sets are admissible: {:?}", score.sets);
        let total = total.unwrap_or_default();
        prop_assert!((0.0..=100.0).contains(&total), "total {total}");
    }

    #[test]
    fn raising_a_numerator_never_lowers_the_score(
        case in case(),
        which in 0usize..4,
        step in 1u64..500,
    ) {
        let before = score(&case).total().unwrap_or_default();
        let mut raised = case.clone();
        let (n, d) = raised.counts[which];
        raised.counts[which] = ((n + step).min(d), d);
        let after = score(&raised).total().unwrap_or_default();
        prop_assert!(after >= before, "{before} → {after} after raising {which}");
    }

    #[test]
    fn passing_every_gate_never_rounds_to_zero(case in case()) {
        let score = score(&case);
        if let Some(SetResult::Scored(b)) = score.best().map(|s| &s.result) {
            prop_assert!(b.total > 0.0);
            for m in b.measures.iter().filter(|m| m.answer.contains('/')) {
                prop_assert!(m.points >= 1.0, "{} earned {}", m.measure_id, m.points);
            }
        }
    }

    #[test]
    fn measurement_order_does_not_matter(case in case(), seed in any::<u64>()) {
        let ordered = score(&case);
        let mut shuffled = measurements(&case);
        // A deterministic shuffle from the seed (Fisher–Yates, LCG).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (state >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let reordered = score_text(file_text(&case, shuffled));
        prop_assert_eq!(ordered.total(), reordered.total());
        prop_assert_eq!(points(&ordered), points(&reordered));
    }
}

/// The generator reaches every outcome the properties are about.
#[test]
fn generated_cases_cover_scored_and_zero_sets() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut scored, mut zero) = (0, 0);
    for _ in 0..200 {
        let case = case().new_tree(&mut runner).unwrap().current();
        match score(&case).best().map(|s| &s.result) {
            Some(SetResult::Scored(_)) => scored += 1,
            Some(SetResult::Zero { .. }) => zero += 1,
            _ => {}
        }
    }
    assert!(scored > 20 && zero > 20, "scored {scored}, zero {zero}");
}
