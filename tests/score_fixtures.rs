//! The score fixtures (`fixtures/score/<year>-<path>.json`), one per path
//! through the scoring rules, with totals checked by hand. The arithmetic is
//! in the comments: `((n/d)*max)` rounded per measure (half up), the 1-point
//! floor, public health 25 for the objective, bonus 5, cap 100
//! (../shared/spec/scoring.md §5–§8).

use pilint::lint::{LintOptions, lint_source};
use pilint::score::{FileScore, SetResult};
use pilint::source::SourceFile;

fn score(name: &str) -> FileScore {
    let path = format!("fixtures/score/{name}.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = lint_source(SourceFile::from_text(path, text), &LintOptions::default());
    // Well-formed submissions: semantic findings are expected (the zero
    // paths break rules on purpose), structural ones are not.
    let structural: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with(['F', 'S', 'Q']))
        .collect();
    assert!(
        structural.is_empty(),
        "{name}: structural findings {structural:?}"
    );
    let score = report.score.unwrap();
    // A zero is always explained by an error-severity semantic finding too.
    if score.total() == Some(0.0) {
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == pilint::diagnostic::Severity::Error),
            "{name}: scores 0 without an error finding"
        );
    }
    score
}

/// Rules (`R1`…) that moved points in the kept set.
fn moves(score: &FileScore) -> Vec<String> {
    match &score.best().unwrap().result {
        SetResult::Scored(b) => b.redistributions.iter().map(|m| m.rule.clone()).collect(),
        _ => Vec::new(),
    }
}

fn points(score: &FileScore, measure_id: &str) -> f64 {
    match &score.best().unwrap().result {
        SetResult::Scored(b) => b
            .measures
            .iter()
            .find(|m| m.measure_id == measure_id)
            .map_or(f64::NAN, |m| m.points),
        _ => f64::NAN,
    }
}

fn zero_codes(score: &FileScore) -> Vec<String> {
    match &score.best().unwrap().result {
        SetResult::Zero { reasons, .. } => reasons.iter().map(|r| r.code.clone()).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn y2023_safer_no_is_accepted_and_90_days_suffice() {
    // SAFER "no" passes in 2023; 2023-10-03..12-31 = 90 days (minimum 90).
    // EP (87/100)*10 = 8.7 → 9; PDMP 10; HIE option 3 yes 30;
    // PEA (45/60)*25 = 18.75 → 19; PH 25 → 9+10+30+19+25 = 93.
    let s = score("2023-safer-no-accepted");
    assert_eq!(s.total(), Some(93.0));
    assert_eq!(points(&s, "PI_PEA_1"), 19.0);
}

#[test]
fn y2023_erx_and_pdmp_excluded_move_to_hie_option_3() {
    // R1: PDMP's 10 → e-Rx (20); R2: e-Rx's 20 → PI_HIE_6 (30+20 = 50).
    // PEA (30/40)*25 = 18.75 → 19; PH 25; bonus 5 → 50+19+25+5 = 99.
    let s = score("2023-erx-and-pdmp-excluded");
    assert_eq!(s.total(), Some(99.0));
    assert_eq!(moves(&s), ["R1", "R2"]);
    assert_eq!(points(&s, "PI_HIE_6"), 50.0);
}

#[test]
fn y2024_safer_no_scores_zero() {
    let s = score("2024-safer-no");
    assert_eq!(s.total(), Some(0.0));
    assert_eq!(zero_codes(&s), ["SAFER_NOT_YES"]);
}

#[test]
fn y2024_bonus_is_capped_at_100() {
    // EP (96/100)*10 = 9.6 → 10; PDMP 10; HIE_1 (140/150)*15 = 14;
    // HIE_4 15; PEA (300/310)*25 = 24.19 → 24; PH 25 → 98; bonus 5 → 103 → 100.
    let s = score("2024-bonus-capped");
    assert_eq!(s.total(), Some(100.0));
    let SetResult::Scored(b) = &s.best().unwrap().result else {
        panic!("scored")
    };
    assert_eq!(b.subtotal, 103.0);
}

#[test]
fn y2024_pdmp_exclusion_moves_to_erx() {
    // R1: EP max 20: (77/100)*20 = 15.4 → 15; HIE_5 30;
    // PEA (19/20)*25 = 23.75 → 24; eCR excluded, immunization yes: 25 → 94.
    let s = score("2024-pdmp-excluded");
    assert_eq!(s.total(), Some(94.0));
    assert_eq!(moves(&s), ["R1"]);
    assert_eq!(points(&s, "PI_PHCDRR_1"), 25.0);
}

#[test]
fn y2024_both_public_health_excluded_move_to_pea() {
    // R5: PEA max 25+25 = 50: (41/50)*50 = 41; EP (50/100)*10 = 5; PDMP 10;
    // HIE_5 30; bonus 5 (earned with both exclusions) → 5+10+30+41+5 = 91.
    let s = score("2024-public-health-excluded");
    assert_eq!(s.total(), Some(91.0));
    assert_eq!(moves(&s), ["R5"]);
    assert_eq!(points(&s, "PI_PEA_1"), 41.0);
}

#[test]
fn y2025_erx_exclusion_splits_over_hie_option_1() {
    // R2: e-Rx 10 → 5 + 5: HIE_1 (60/80)*20 = 15, HIE_4 (45/50)*20 = 18;
    // PDMP 10; PEA 25; immunization excluded, eCR yes: 25 → 93.
    let s = score("2025-erx-excluded");
    assert_eq!(s.total(), Some(93.0));
    assert_eq!(moves(&s), ["R2"]);
    assert_eq!(
        (points(&s, "PI_HIE_1"), points(&s, "PI_HIE_4")),
        (15.0, 18.0)
    );
}

#[test]
fn y2025_hie_sending_exclusion_moves_to_pea() {
    // R3: PEA max 25+15 = 40: (70/100)*40 = 28; EP (8/10)*10 = 8; PDMP 10;
    // HIE_4 (33/40)*15 = 12.375 → 12; PH 25 → 83.
    let s = score("2025-hie-sending-excluded");
    assert_eq!(s.total(), Some(83.0));
    assert_eq!(moves(&s), ["R3"]);
}

#[test]
fn y2025_public_health_points_are_never_redistributed() {
    // eCR suppressed: its exclusion still earns the objective's 25 (R7), so
    // PEA keeps 25: (42/50)*25 = 21; EP 5; PDMP 10; HIE_5 30 → 91.
    let s = score("2025-public-health-excluded");
    assert_eq!(s.total(), Some(91.0));
    assert!(moves(&s).is_empty());
    assert_eq!(points(&s, "PI_PHCDRR_3"), 25.0);
}

#[test]
fn y2025_ecr_no_gets_full_credit_and_the_floor_applies() {
    // eCR "no" in 2025: credited (12.5 + 12.5). PEA (1/1000)*25 = 0.025 →
    // 0 → 1-point floor. EP 10; PDMP 10; HIE_6 30 → 10+10+30+1+25 = 76.
    let s = score("2025-ecr-suppressed-no");
    assert_eq!(s.total(), Some(76.0));
    assert_eq!(points(&s, "PI_PEA_1"), 1.0);
    assert_eq!(points(&s, "PI_PHCDRR_3"), 12.5);
}

#[test]
fn y2025_the_highest_set_is_kept() {
    // Set 0 fails G3 (information blocking "no") → 0. Set 1: EP 4; PDMP 10;
    // HIE_5 30; PEA (80/100)*25 = 20; PH 25 → 89. CMS keeps 89.
    let s = score("2025-two-sets");
    assert_eq!(s.sets.len(), 2);
    assert_eq!(s.sets[0].total(), Some(0.0));
    assert_eq!(s.total(), Some(89.0));
    assert_eq!(s.best().unwrap().loc.pointer, "/measurementSets/1");
}

#[test]
fn y2026_hie_receiving_exclusion_moves_to_pea() {
    // R4: PEA max 40: (91/100)*40 = 36.4 → 36; HIE_1 (8/10)*15 = 12;
    // EP 10; PDMP 10; PH 25 → 93.
    let s = score("2026-hie-receiving-excluded");
    assert_eq!(s.total(), Some(93.0));
    assert_eq!(moves(&s), ["R4"]);
}

#[test]
fn y2026_tefca_public_health_bonus() {
    // EP (2/3)*10 = 6.67 → 7; PDMP 10; HIE_6 30; PEA (7/8)*25 = 21.875 → 22;
    // PH 25; PI_PHCDRR_6 (no engagement level needed) bonus 5 → 99.
    let s = score("2026-tefca-bonus");
    assert_eq!(s.total(), Some(99.0));
    let SetResult::Scored(b) = &s.best().unwrap().result else {
        panic!("scored")
    };
    assert_eq!(b.bonus.points, 5.0);
}

#[test]
fn y2026_ecr_no_scores_zero_again() {
    // No suppression in 2026: an eCR "no" fails G9, zeroing the whole
    // category as CMS's 2024 PI page states ("or you'll earn a zero"): a
    // cited rule, not an assumption.
    let s = score("2026-ecr-no");
    assert_eq!(s.total(), Some(0.0));
    assert_eq!(zero_codes(&s), ["REQUIRED_MEASURE_ANSWERED_NO"]);
    let SetResult::Zero { reasons, .. } = &s.best().unwrap().result else {
        panic!("zero")
    };
    assert!(reasons[0].assumption.is_none());
    assert!(
        reasons[0].message.contains(
            "https://qpp.cms.gov/mips/promoting-interoperability?py=2024: attest yes to each required public health measure or claim an exclusion, \"or you'll earn a zero\""
        ),
        "{}",
        reasons[0].message
    );
}

/// The same 2026 file scored under 2025's rules (`--year 2025`) gets the
/// eCR suppression back.
#[test]
fn year_override_changes_the_rules() {
    let text = std::fs::read_to_string("fixtures/score/2026-ecr-no.json").unwrap();
    let options = LintOptions {
        year: Some(2025),
        ..LintOptions::default()
    };
    let report = lint_source(SourceFile::from_text("f.json", text), &options);
    let total = report.score.unwrap().total();
    // EP 10; PDMP 10; HIE_6 30; PEA (90/100)*25 = 22.5 → 23 (tie, half up); PH 25.
    assert_eq!(total, Some(98.0));
}
