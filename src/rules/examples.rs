//! Building blocks for rule documentation examples.
//!
//! Examples must be complete files (a test runs each one), yet a reader
//! should see what differs. These macros expand to string literals, so a
//! rule writes `concat!`-style examples from standard parts and changes only
//! the part its example is about. `pi_submission!` lays out a file exactly
//! like `fixtures/valid/group-2025.json`.

/// A complete submission file from its parts (each a string literal or a
/// macro expanding to one).
#[macro_export]
macro_rules! pi_submission {
    (identity: $identity:expr, year: $year:expr, set: $set:expr, measurements: $measurements:expr $(,)?) => {
        concat!(
            "{\n",
            $identity,
            "  \"performanceYear\": ",
            $year,
            ",\n  \"measurementSets\": [\n    {\n",
            $set,
            "      \"measurements\": [\n",
            $measurements,
            "\n      ]\n    }\n  ]\n}\n"
        )
    };
}

/// Identity lines of a group (TIN only).
#[macro_export]
macro_rules! group_identity {
    () => {
        "  \"entityType\": \"group\",\n  \"taxpayerIdentificationNumber\": \"000123456\",\n"
    };
}

/// Measurement-set lines (before `measurements`) of a full-year 2025 PI set.
#[macro_export]
macro_rules! pi_set_2025 {
    () => {
        concat!(
            "      \"category\": \"pi\",\n",
            "      \"submissionMethod\": \"registry\",\n",
            "      \"programName\": \"mips\",\n",
            "      \"performanceStart\": \"2025-01-01\",\n",
            "      \"performanceEnd\": \"2025-12-31\",\n",
            "      \"cehrtId\": \"0015C01234ABCDE\",\n"
        )
    };
}

/// The attestation and Protect Patient Health Information lines, all "yes".
#[macro_export]
macro_rules! attestations_yes {
    () => {
        concat!(
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PPHI_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_INFBLO_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_ONCDIR_1\", \"value\": true },\n"
        )
    };
}

/// Every required measure of 2023–2027 after the attestations, complete and
/// passing (HIE option 1; eCR claimed by exclusion); no trailing comma.
#[macro_export]
macro_rules! required_measures {
    () => {
        concat!(
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } },\n",
            "        { \"measureId\": \"PI_HIE_4\", \"value\": { \"numerator\": 923, \"denominator\": 951 } },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        )
    };
}

/// Measurement-set lines (before `measurements`) of a full-year PI set of
/// `year` (a string literal such as `"2024"`).
#[macro_export]
macro_rules! pi_set {
    ($year:literal) => {
        concat!(
            "      \"category\": \"pi\",\n",
            "      \"submissionMethod\": \"registry\",\n",
            "      \"programName\": \"mips\",\n",
            "      \"performanceStart\": \"",
            $year,
            "-01-01\",\n",
            "      \"performanceEnd\": \"",
            $year,
            "-12-31\",\n",
            "      \"cehrtId\": \"0015C01234ABCDE\",\n"
        )
    };
}

/// A complete group submission of `year` with these measurement lines (no
/// trailing comma after the last).
#[macro_export]
macro_rules! group_file {
    (year: $year:literal, measurements: $measurements:expr $(,)?) => {
        $crate::pi_submission!(
            identity: $crate::group_identity!(),
            year: $year,
            set: $crate::pi_set!($year),
            measurements: $measurements,
        )
    };
}

/// A complete 2025 group submission with these measurement-set lines.
#[macro_export]
macro_rules! file_with_set {
    ($set:expr) => {
        $crate::pi_submission!(
            identity: $crate::group_identity!(),
            year: "2025",
            set: $set,
            measurements: concat!($crate::attestations_yes!(), $crate::required_measures!()),
        )
    };
}

/// A complete 2025 submission with these identity lines.
#[macro_export]
macro_rules! file_with_identity {
    ($identity:expr) => {
        $crate::pi_submission!(
            identity: $identity,
            year: "2025",
            set: $crate::pi_set_2025!(),
            measurements: concat!($crate::attestations_yes!(), $crate::required_measures!()),
        )
    };
}

/// A complete, passing 2025 group submission.
#[macro_export]
macro_rules! valid_2025 {
    () => {
        $crate::pi_submission!(
            identity: $crate::group_identity!(),
            year: "2025",
            set: $crate::pi_set_2025!(),
            measurements: concat!($crate::attestations_yes!(), $crate::required_measures!()),
        )
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_standard_example_is_valid_json() {
        let value: serde_json::Value = serde_json::from_str(crate::valid_2025!()).unwrap();
        assert_eq!(value["performanceYear"], 2025);
    }

    #[test]
    fn the_year_macros_build_valid_json() {
        let text = crate::group_file!(
            year: "2024",
            measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
        );
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(value["measurementSets"][0]["performanceEnd"], "2024-12-31");
        let value: serde_json::Value =
            serde_json::from_str(crate::file_with_set!(crate::pi_set!("2025"))).unwrap();
        assert_eq!(value["performanceYear"], 2025);
    }
}
