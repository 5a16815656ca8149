//! Who a submission is for: the key CMS files PI data under.
//!
//! QPP JSON and the QRDA III converter identify an individual by TIN and
//! NPI, a group by TIN, and a virtual group, APM entity or subgroup by its
//! entity id (../shared/spec/json-format.md §2, "one submission per entity
//! (TIN / TIN+NPI / entityId) per performanceYear").

use std::fmt;

use crate::diagnostic::{ArgumentKind, Message};
use crate::model::Submission;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKey {
    Individual { tin: Box<str>, npi: Box<str> },
    Group { tin: Box<str> },
    VirtualGroup { id: Box<str> },
    Apm { id: Box<str> },
    Subgroup { id: Box<str> },
}

impl EntityKey {
    /// The key of a submission; `None` when its entity type is unknown or
    /// an identifier that type needs is missing (the per-file identity rules
    /// report that).
    pub fn of(submission: &Submission) -> Option<EntityKey> {
        let text = |field: &Option<crate::model::Node<String>>| -> Option<Box<str>> {
            field
                .as_ref()
                .map(|n| n.value.trim())
                .filter(|v| !v.is_empty())
                .map(Into::into)
        };
        let tin = || text(&submission.taxpayer_identification_number);
        let id = || text(&submission.entity_id);
        match submission.entity_type.as_ref()?.value.as_str() {
            "individual" => Some(EntityKey::Individual {
                tin: tin()?,
                npi: text(&submission.national_provider_identifier)?,
            }),
            "group" => Some(EntityKey::Group { tin: tin()? }),
            "virtualGroup" => Some(EntityKey::VirtualGroup { id: id()? }),
            "apm" => Some(EntityKey::Apm { id: id()? }),
            "subgroup" => Some(EntityKey::Subgroup { id: id()? }),
            _ => None,
        }
    }

    /// `individual`, `group`, `virtualGroup`, `apm`, `subgroup`: the QPP
    /// JSON `entityType`.
    pub fn kind(&self) -> &'static str {
        match self {
            EntityKey::Individual { .. } => "individual",
            EntityKey::Group { .. } => "group",
            EntityKey::VirtualGroup { .. } => "virtualGroup",
            EntityKey::Apm { .. } => "apm",
            EntityKey::Subgroup { .. } => "subgroup",
        }
    }

    pub fn tin(&self) -> Option<&str> {
        match self {
            EntityKey::Individual { tin, .. } | EntityKey::Group { tin } => Some(tin),
            _ => None,
        }
    }
}

impl EntityKey {
    /// The key as a message names it, the same words as its `Display`,
    /// with its TIN and NPI as arguments.
    pub fn message(&self) -> Message {
        match self {
            EntityKey::Individual { tin, npi } => Message::new()
                .text("individual TIN ")
                .plain(ArgumentKind::Tin, tin)
                .text(" / NPI ")
                .plain(ArgumentKind::Npi, npi),
            EntityKey::Group { tin } => Message::new()
                .text("group TIN ")
                .plain(ArgumentKind::Tin, tin),
            other => Message::from(other.to_string()),
        }
    }
}

/// "individual TIN 000111111 / NPI 1234567893", "group TIN 000111111".
impl fmt::Display for EntityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntityKey::Individual { tin, npi } => write!(f, "individual TIN {tin} / NPI {npi}"),
            EntityKey::Group { tin } => write!(f, "group TIN {tin}"),
            EntityKey::VirtualGroup { id } => write!(f, "virtual group {id}"),
            EntityKey::Apm { id } => write!(f, "APM entity {id}"),
            EntityKey::Subgroup { id } => write!(f, "subgroup {id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    fn key(identity: &str) -> Option<EntityKey> {
        let text = format!("{{{identity}, \"performanceYear\": 2025}}");
        let report = lint_source(
            SourceFile::from_text("a.json", text),
            &LintOptions::default(),
        );
        EntityKey::of(report.submission.as_ref()?)
    }

    #[test]
    fn each_entity_type_uses_its_identifiers() {
        assert_eq!(
            key(
                r#""entityType": "individual", "taxpayerIdentificationNumber": "000111111", "nationalProviderIdentifier": "1234567893""#
            ),
            Some(EntityKey::Individual {
                tin: "000111111".into(),
                npi: "1234567893".into()
            })
        );
        assert_eq!(
            key(
                r#""entityType": "group", "taxpayerIdentificationNumber": "000111111", "nationalProviderIdentifier": "1234567893""#
            ),
            Some(EntityKey::Group {
                tin: "000111111".into()
            })
        );
        assert_eq!(
            key(r#""entityType": "virtualGroup", "entityId": "VG-1""#),
            Some(EntityKey::VirtualGroup { id: "VG-1".into() })
        );
        assert_eq!(
            key(r#""entityType": "apm", "entityId": "A1234""#)
                .unwrap()
                .to_string(),
            "APM entity A1234"
        );
    }

    #[test]
    fn missing_identifiers_give_no_key() {
        assert_eq!(
            key(r#""entityType": "individual", "taxpayerIdentificationNumber": "000111111""#),
            None
        );
        assert_eq!(key(r#""entityType": "group""#), None);
        assert_eq!(key(r#""entityType": "team", "entityId": "x""#), None);
    }
}
