//! Maximum points per measure after exclusion redistribution
//! (../shared/spec/scoring.md §6–§7).
//!
//! The set starts with the base maxima of the measures it is scored on (the
//! common ones, the HIE option it reported, the public-health objective);
//! then the table's steps run in order: a step whose measures are all
//! excluded moves the current maximum of its `from` slot to those of its
//! `to` slots the set still has, split equally. Order matters (R1 before R2
//! carries the PDMP points along), so it is the table's order.

use crate::score::points::number;
use crate::score::table::ScoreTable;
use crate::score::view::SetView;

/// A measure (or the public-health objective) and its current maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub id: String,
    pub max: f64,
    /// Unconfirmed rules this maximum rests on.
    pub assumptions: Vec<String>,
}

/// One redistribution that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The table step (`R1`…).
    pub rule: String,
    pub from: String,
    /// The exclusions that triggered it.
    pub excluded_by: Vec<String>,
    pub points: f64,
    /// Each receiving slot and its share.
    pub to: Vec<(String, f64)>,
    pub assumptions: Vec<String>,
    pub message: String,
}

/// The slots left after redistribution, in table order, and the moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Maxima {
    pub slots: Vec<Slot>,
    pub moves: Vec<Move>,
}

impl Maxima {
    pub fn slot(&self, id: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.id == id)
    }

    /// The move that took `id`'s points away, if one did.
    pub fn moved_from(&self, id: &str) -> Option<&Move> {
        self.moves.iter().find(|m| m.from == id)
    }
}

/// The HIE option the set is scored on: the first complete one.
pub fn chosen_hie_option(view: &SetView<'_>, table: &ScoreTable) -> Option<u8> {
    table
        .hie_options()
        .into_iter()
        .find(|(_, members)| {
            members
                .iter()
                .all(|m| view.reported_or_excluded(&m.measure_id))
        })
        .map(|(option, _)| option)
}

pub fn compute(view: &SetView<'_>, table: &ScoreTable) -> Maxima {
    let option = chosen_hie_option(view, table);
    let mut slots: Vec<Slot> = table
        .measures
        .iter()
        .filter(|m| m.hie_option.is_none() || m.hie_option == option)
        .map(|m| Slot {
            id: m.measure_id.clone(),
            max: m.max,
            assumptions: Vec::new(),
        })
        .collect();
    slots.push(Slot {
        id: table.public_health.slot.clone(),
        max: table.public_health.points,
        assumptions: Vec::new(),
    });

    let mut moves = Vec::new();
    for step in &table.redistributions {
        // A suppressed measure earns full credit whatever it says (§7 R8),
        // so its exclusion moves nothing.
        let excluded_by: Option<Vec<String>> = step
            .when_excluded
            .iter()
            .map(|m| {
                if view.catalog.is_suppressed(m) {
                    return None;
                }
                view.claimed_exclusion(m).map(str::to_owned)
            })
            .collect();
        let Some(excluded_by) = excluded_by else {
            continue;
        };
        let Some(index) = slots.iter().position(|s| s.id == step.from) else {
            continue;
        };
        let from = slots.remove(index);
        let mut assumptions = from.assumptions.clone();
        if let Some(assumption) = &step.assumption {
            push_unique(&mut assumptions, assumption);
        }
        let targets: Vec<usize> = step
            .to
            .iter()
            .filter_map(|to| slots.iter().position(|s| &s.id == to))
            .collect();
        let share = if targets.is_empty() {
            0.0
        } else {
            from.max / targets.len() as f64
        };
        let mut to = Vec::new();
        for &target in &targets {
            let slot = &mut slots[target];
            slot.max += share;
            for assumption in &assumptions {
                push_unique(&mut slot.assumptions, assumption);
            }
            to.push((slot.id.clone(), share));
        }
        let message = describe(table, &from, &excluded_by, &to);
        moves.push(Move {
            rule: step.id.clone(),
            from: from.id,
            excluded_by,
            points: from.max,
            to,
            assumptions,
            message,
        });
    }
    Maxima { slots, moves }
}

/// "Query of PDMP excluded (PI_EP_2_EX_2): its 10 points moved to
/// e-Prescribing (PI_EP_1)".
fn describe(
    table: &ScoreTable,
    from: &Slot,
    excluded_by: &[String],
    to: &[(String, f64)],
) -> String {
    let head = format!(
        "{} excluded ({}): its {} points",
        table.slot_label(&from.id),
        excluded_by.join(", "),
        number(from.max)
    );
    match to {
        [] => format!("{head} have no measure to move to in this set"),
        [(id, _)] => format!("{head} moved to {} ({id})", table.slot_label(id)),
        several => {
            let ids: Vec<&str> = several.iter().map(|(id, _)| id.as_str()).collect();
            format!(
                "{head} moved to {}, {} each",
                join_and(&ids),
                number(several[0].1)
            )
        }
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(crate) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|a| a == item) {
        list.push(item.to_owned());
    }
}
