//! The semantic rules never panic, whatever a decodable file holds: random
//! submissions built from real and odd parts (any year, dates, ids, counts)
//! never give `internal-error` (the pipeline turns a panic into F007).

use pilint::lint::{LintOptions, lint_source};
use pilint::source::SourceFile;
use proptest::prelude::*;
use serde_json::{Value, json};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("2025-02-29".to_owned()),
        Just("2025-13-01".to_owned()),
        Just("0000-00-00".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("XX15CXXXXXXXXXX".to_owned()),
        Just("9876543210".to_owned()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9A-Za-z]{0,16}",
        "\\PC{0,12}",
    ]
}

fn measure_id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "PI_EP_1",
            "PI_EP_2",
            "PI_EP_2_EX_1",
            "PI_EP_2_EX_2",
            "PI_EP_2_EX_3",
            "PI_LVPP_1",
            "PI_HIE_1",
            "PI_HIE_4",
            "PI_HIE_5",
            "PI_HIE_6",
            "PI_LVOTC_1",
            "PI_LVITC_2",
            "PI_PEA_1",
            "PI_PPHI_1",
            "PI_PPHI_2",
            "PI_INFBLO_1",
            "PI_ONCDIR_1",
            "PI_ONCACB_1",
            "PI_PHCDRR_1",
            "PI_PHCDRR_1_PRE",
            "PI_PHCDRR_1_PROD",
            "PI_PHCDRR_1_EX_1",
            "PI_PHCDRR_3",
            "PI_PHCDRR_3_PRE",
            "PI_PHCDRR_3_EX_2",
            "PI_PHCDRR_4_PROD",
            "PI_PHCDRR_6",
        ])
        .prop_map(str::to_owned),
        text(),
    ]
}

fn count() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u32..3).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        (proptest::option::of(count()), proptest::option::of(count())).prop_map(|(n, d)| {
            let mut object = serde_json::Map::new();
            if let Some(n) = n {
                object.insert("numerator".into(), n);
            }
            if let Some(d) = d {
                object.insert("denominator".into(), d);
            }
            Value::Object(object)
        }),
        text().prop_map(Value::String),
    ]
}

fn submission() -> impl Strategy<Value = Value> {
    let measurement =
        (measure_id(), value()).prop_map(|(id, v)| json!({"measureId": id, "value": v}));
    let set = (
        prop::sample::select(vec!["pi", "quality", "ia"]),
        prop::sample::select(vec!["registry", "electronicHealthRecord", "claims"]),
        proptest::option::of(text()),
        text(),
        text(),
        proptest::option::of(text()),
        prop::collection::vec(measurement, 0..30),
    )
        .prop_map(
            |(category, method, program, start, end, cehrt, measurements)| {
                let mut set = json!({
                    "category": category,
                    "submissionMethod": method,
                    "performanceStart": start,
                    "performanceEnd": end,
                    "measurements": measurements,
                });
                if let Some(program) = program {
                    set["programName"] = Value::String(program);
                }
                if let Some(cehrt) = cehrt {
                    set["cehrtId"] = Value::String(cehrt);
                }
                set
            },
        );
    (
        prop::sample::select(vec![
            "individual",
            "group",
            "virtualGroup",
            "apm",
            "subgroup",
            "x",
        ]),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        prop_oneof![2017i64..2030, any::<i64>()],
        prop::collection::vec(set, 0..3),
    )
        .prop_map(|(entity_type, tin, npi, entity_id, year, sets)| {
            let mut submission = json!({
                "entityType": entity_type,
                "performanceYear": year,
                "measurementSets": sets,
            });
            for (key, field) in [
                ("taxpayerIdentificationNumber", tin),
                ("nationalProviderIdentifier", npi),
                ("entityId", entity_id),
            ] {
                if let Some(field) = field {
                    submission[key] = Value::String(field);
                }
            }
            submission
        })
}

proptest! {
    #[test]
    fn rules_never_panic(document in submission(), year in proptest::option::of(2015i64..2030)) {
        let text = serde_json::to_string_pretty(&document).unwrap();
        let report = lint_source(
            SourceFile::from_text("random.json", text),
            &LintOptions { year, ..LintOptions::default() },
        );
        prop_assert!(!report.failed, "{:?}", report.diagnostics);
        prop_assert!(report.diagnostics.iter().all(|d| d.code != "F007"));
    }
}
