//! What the buyer sees change between two revisions of a quote: lines added,
//! removed or changed field by field, terms and charges, and the total.
//!
//! Only what the buyer sees is compared: the terms' `internal_notes` never
//! appear in a [`QuoteDiff`], and neither do ids, versions or timestamps. Values
//! are plain strings (decimals as written, enumerations by their wire names,
//! dates in ISO 8601, a [`Discount`](super::Discount) as `3%` or its amount, absent values as
//! `""`); the widget labels and formats them. Values are compared as values, so
//! `11.8` and `11.80` are no change.
//!
//! Lines are paired in three passes, each over the lines still unpaired: by
//! catalog product when both lines have one; then by kind, SKU and name, ignoring
//! case; then by position. Two lines of different catalog products are never
//! paired. Moving a line therefore changes nothing.

mod pairing;
mod values;

use rust_decimal::Decimal;
use serde::Serialize;

use self::pairing::pair_lines;
use self::values::{Changes, discount_text, optional_text, payment_parts, payment_text, text};
use super::{Quote, QuoteLine};

/// The buyer-visible difference between two revisions of a quote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteDiff {
    /// Line changes in the newer revision's order, then the removed lines in
    /// the older revision's order.
    pub lines: Vec<LineChange>,
    /// Changed terms and charges, in the order of [`TermField`].
    pub terms: Vec<TermChange>,
    /// The totals before and after, when the amount or the currency changed.
    pub total: Option<(Decimal, Decimal)>,
}

impl QuoteDiff {
    /// Whether the buyer would see no difference at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.terms.is_empty() && self.total.is_none()
    }
}

/// How one line differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum LineChange {
    /// A line only the newer revision has.
    Added {
        /// The line as the newer revision has it.
        line: QuoteLine,
    },
    /// A line only the older revision has.
    Removed {
        /// The line as the older revision had it.
        line: QuoteLine,
    },
    /// A line both revisions have, with different fields.
    Changed {
        /// The line's name in the newer revision.
        name: String,
        /// What changed, in the order of [`LineField`].
        fields: Vec<FieldChange>,
    },
}

/// One changed field of a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Which field.
    pub field: LineField,
    /// Its value in the older revision.
    pub before: String,
    /// Its value in the newer revision.
    pub after: String,
}

/// A field of a line the buyer sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineField {
    /// Value and unit, e.g. `2000 piece`.
    Quantity,
    /// The price of one unit.
    UnitPrice,
    /// The line's discount.
    Discount,
    /// The name.
    Name,
    /// The specification.
    Description,
    /// Offered as an option: `true` or `false`.
    Optional,
    /// What the line is for (wire name).
    Kind,
    /// The HS code.
    HsCode,
    /// The country of origin (ISO code).
    Origin,
    /// The section heading.
    Section,
}

/// One changed term or charge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TermChange {
    /// Which term.
    pub field: TermField,
    /// Its value in the older revision.
    pub before: String,
    /// Its value in the newer revision.
    pub after: String,
}

/// A term or charge the buyer sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermField {
    /// The currency (ISO 4217 code).
    Currency,
    /// The Incoterm (its code).
    Incoterm,
    /// The Incoterm's named place.
    NamedPlace,
    /// How the goods travel (wire name).
    ShippingMethod,
    /// Days from deposit to shipment.
    LeadTimeDays,
    /// Method, deposit, net days and balance terms as one value:
    /// `method; deposit%; net days; balance terms`, absent parts empty, e.g.
    /// `telegraphic_transfer; 30%; ; against copy of B/L`.
    Payment,
    /// The last day the offer holds (ISO 8601 date).
    ValidUntil,
    /// The terms and notes the buyer sees.
    BuyerNotes,
    /// The note on the exchange rate.
    ExchangeRateNote,
    /// The port of loading.
    PortOfLoading,
    /// The port of destination.
    PortOfDestination,
    /// The shipping charge.
    Shipping,
    /// The insurance charge.
    Insurance,
    /// The tax rate, percent.
    TaxPercent,
    /// The discount on the whole quote.
    Discount,
}

/// The fields of a line that differ between its two revisions.
fn line_fields(old: &QuoteLine, new: &QuoteLine) -> Vec<FieldChange> {
    let mut changes = Changes(Vec::new());
    changes.compare(
        LineField::Quantity,
        &old.quantity,
        &new.quantity,
        |quantity| format!("{} {}", quantity.value, quantity.unit.as_str()),
    );
    changes.compare(
        LineField::UnitPrice,
        &old.unit_price,
        &new.unit_price,
        Decimal::to_string,
    );
    changes.compare(
        LineField::Discount,
        &old.discount,
        &new.discount,
        discount_text,
    );
    changes.compare(LineField::Name, &old.name, &new.name, String::clone);
    changes.compare(
        LineField::Description,
        &old.description,
        &new.description,
        String::clone,
    );
    changes.compare(
        LineField::Optional,
        &old.optional,
        &new.optional,
        bool::to_string,
    );
    changes.compare(LineField::Kind, &old.kind, &new.kind, |kind| {
        kind.as_str().to_owned()
    });
    changes.compare(
        LineField::HsCode,
        text(&old.hs_code),
        text(&new.hs_code),
        str::to_owned,
    );
    changes.compare(LineField::Origin, &old.origin, &new.origin, optional_text);
    changes.compare(
        LineField::Section,
        text(&old.section),
        text(&new.section),
        str::to_owned,
    );
    changes
        .0
        .into_iter()
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

/// The terms and charges that differ between two revisions; internal notes are
/// deliberately not compared.
fn term_changes(old: &Quote, new: &Quote) -> Vec<TermChange> {
    let (before, after) = (&old.terms, &new.terms);
    let mut changes = Changes(Vec::new());
    changes.compare(
        TermField::Currency,
        &before.currency,
        &after.currency,
        |currency| currency.code().to_owned(),
    );
    changes.compare(
        TermField::Incoterm,
        &before.incoterm,
        &after.incoterm,
        |incoterm| incoterm.code().to_owned(),
    );
    changes.compare(
        TermField::NamedPlace,
        &before.named_place,
        &after.named_place,
        String::clone,
    );
    changes.compare(
        TermField::ShippingMethod,
        &before.shipping_method,
        &after.shipping_method,
        |method| {
            method
                .map(|method| method.as_str().to_owned())
                .unwrap_or_default()
        },
    );
    changes.compare(
        TermField::LeadTimeDays,
        &before.lead_time_days,
        &after.lead_time_days,
        optional_text,
    );
    if payment_parts(&before.payment) != payment_parts(&after.payment) {
        changes.0.push((
            TermField::Payment,
            payment_text(&before.payment),
            payment_text(&after.payment),
        ));
    }
    changes.compare(
        TermField::ValidUntil,
        &before.valid_until,
        &after.valid_until,
        ToString::to_string,
    );
    changes.compare(
        TermField::BuyerNotes,
        &before.buyer_notes,
        &after.buyer_notes,
        String::clone,
    );
    changes.compare(
        TermField::ExchangeRateNote,
        text(&before.exchange_rate_note),
        text(&after.exchange_rate_note),
        str::to_owned,
    );
    changes.compare(
        TermField::PortOfLoading,
        text(&before.port_of_loading),
        text(&after.port_of_loading),
        str::to_owned,
    );
    changes.compare(
        TermField::PortOfDestination,
        text(&before.port_of_destination),
        text(&after.port_of_destination),
        str::to_owned,
    );
    charge_changes(&mut changes, old, new);
    changes
        .0
        .into_iter()
        .map(|(field, before, after)| TermChange {
            field,
            before,
            after,
        })
        .collect()
}

/// Adds the charges that differ to `changes`.
fn charge_changes(changes: &mut Changes<TermField>, old: &Quote, new: &Quote) {
    let (before, after) = (&old.charges, &new.charges);
    changes.compare(
        TermField::Shipping,
        &before.shipping,
        &after.shipping,
        Decimal::to_string,
    );
    changes.compare(
        TermField::Insurance,
        &before.insurance,
        &after.insurance,
        Decimal::to_string,
    );
    changes.compare(
        TermField::TaxPercent,
        &before.tax_percent,
        &after.tax_percent,
        Decimal::to_string,
    );
    changes.compare(
        TermField::Discount,
        &before.discount,
        &after.discount,
        discount_text,
    );
}

/// The line changes from `old` to `new` (see [`QuoteDiff::lines`]).
fn line_changes(old: &[QuoteLine], new: &[QuoteLine]) -> Vec<LineChange> {
    let pairs = pair_lines(old, new);
    let mut changes: Vec<LineChange> = new
        .iter()
        .zip(&pairs)
        .filter_map(|(line, pair)| match pair.and_then(|index| old.get(index)) {
            None => Some(LineChange::Added { line: line.clone() }),
            Some(before) => {
                let fields = line_fields(before, line);
                (!fields.is_empty()).then(|| LineChange::Changed {
                    name: line.name.clone(),
                    fields,
                })
            }
        })
        .collect();
    let removed = old
        .iter()
        .enumerate()
        .filter(|(index, _)| !pairs.contains(&Some(*index)))
        .map(|(_, line)| LineChange::Removed { line: line.clone() });
    changes.extend(removed);
    changes
}

/// What the buyer sees change from revision `old` to revision `new`.
pub fn diff(old: &Quote, new: &Quote) -> QuoteDiff {
    let total_changed =
        old.totals.total != new.totals.total || old.terms.currency != new.terms.currency;
    QuoteDiff {
        lines: line_changes(&old.lines, &new.lines),
        terms: term_changes(old, new),
        total: total_changed.then_some((old.totals.total, new.totals.total)),
    }
}

#[cfg(test)]
mod tests;
