//! What the `Q` checks share: a finding at an element or at one of its
//! attribute values, with the XPath of either, and the "exactly one child"
//! shape several rules check.

use crate::diagnostic::{Diagnostic, Message};
use crate::qrda3_reader::{AttrValue, Doc, Element, Hit, NodeId};
use crate::rules::registry::RuleMeta;

/// A finding at an element's start tag.
pub fn at_element(
    doc: &Doc,
    rule: &'static RuleMeta,
    element: Element,
    message: impl Into<Message>,
) -> Diagnostic {
    Diagnostic::new(rule, Some(element.span), doc.xpath(element), message)
}

/// A finding at an attribute's value.
pub fn at_value(
    doc: &Doc,
    rule: &'static RuleMeta,
    element: Element,
    value: &AttrValue,
    attribute: &str,
    message: impl Into<Message>,
) -> Diagnostic {
    Diagnostic::new(
        rule,
        Some(value.span),
        doc.attribute_path(element, attribute),
        message,
    )
}

/// Reports a count of `found` children other than one: `missing` at
/// `owner`, `extra` at each extra child (with the first one as related).
pub fn exactly_one(
    doc: &Doc,
    rule: &'static RuleMeta,
    owner: NodeId,
    found: &[NodeId],
    missing: impl FnOnce() -> Message,
    extra: impl Fn() -> Message,
    out: &mut Vec<Diagnostic>,
) {
    match found {
        [] => out.push(at_element(doc, rule, doc.node(owner).element, missing())),
        [_] => {}
        [first, rest @ ..] => {
            for &more in rest {
                out.push(
                    at_element(doc, rule, doc.node(more).element, extra())
                        .with_related(doc.node(*first).element.span, "first one"),
                );
            }
        }
    }
}

/// Reports each valued hit after the first (a second measure id, program
/// name, CEHRT ID or period bound) at its `attribute`'s value, worded by
/// `second` from that value, with the first hit as related (`first_label`).
pub fn values_after_the_first(
    doc: &Doc,
    rule: &'static RuleMeta,
    valued: &[&Hit],
    attribute: &str,
    second: impl Fn(&str) -> Message,
    first_label: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let [first, rest @ ..] = valued else {
        return;
    };
    for extra in rest {
        if let Some(value) = &extra.value {
            out.push(
                at_value(
                    doc,
                    rule,
                    extra.element,
                    value,
                    attribute,
                    second(&value.text),
                )
                .with_related(first.element.span, first_label),
            );
        }
    }
}
