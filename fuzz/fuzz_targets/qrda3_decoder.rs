//! The QRDA III decoder on arbitrary bytes: every finding and every model
//! location lies inside the file, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilint::model::{Loc, Pointer};
use pilint::source::SourceFile;

fn in_bounds(text: &str, loc: &Loc) {
    let span = loc.span;
    assert!(span.start() <= span.end() && span.end() <= text.len(), "{loc:?}");
    assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()), "{loc:?}");
}

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("fuzz.xml", data.to_vec());
    let outcome = pilint::xml::check(&source);
    for diagnostic in &outcome.diagnostics {
        if let Some(span) = diagnostic.span() {
            in_bounds(&source.text, &Loc { span, pointer: Pointer::Root });
        }
    }
    if let Some(submission) = &outcome.submission {
        in_bounds(&source.text, &submission.loc);
        for set in &submission.measurement_sets {
            in_bounds(&source.text, &set.loc);
            for measurement in &set.measurements {
                in_bounds(&source.text, &measurement.loc);
                if let Some(id) = &measurement.measure_id {
                    in_bounds(&source.text, &id.loc);
                }
                if let Some(value) = &measurement.value {
                    in_bounds(&source.text, value.loc());
                }
            }
        }
    }
});
