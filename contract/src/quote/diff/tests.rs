//! Tests of the buyer-visible difference between revisions.

use rust_decimal::Decimal;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

use super::*;
use crate::ids::{ProductId, QuoteId, UserId};
use crate::incoterm::Incoterm;
use crate::money::Currency;
use crate::quantity::{Quantity, Unit};
use crate::quote::totals::{line_totals, quote_totals};
use crate::quote::{
    Discount, LineInput, LineKind, PaymentMethod, PaymentTerms, QuoteCharges, QuoteStatus,
    QuoteTerms, ShippingMethod,
};
use crate::user::UserRef;
use crate::version::Version;

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn line(name: &str, quantity: &str, price: &str) -> LineInput {
    LineInput {
        section: Some("Lighting".into()),
        kind: LineKind::Product,
        product_id: None,
        sku: None,
        name: name.into(),
        description: String::new(),
        hs_code: Some("9405.42".into()),
        origin: Some("CN".parse().unwrap()),
        quantity: Quantity {
            value: decimal(quantity),
            unit: Unit::Piece,
        },
        unit_price: decimal(price),
        discount: None,
        optional: false,
    }
}

fn product(name: &str, quantity: &str, price: &str, product: u128) -> LineInput {
    LineInput {
        product_id: Some(ProductId(Uuid::from_u128(product))),
        sku: Some(format!("BW-{product}")),
        ..line(name, quantity, price)
    }
}

/// The quote's lines with their positions and figures, as the server makes them.
fn quote_lines(lines: &[LineInput], currency: Currency) -> Vec<QuoteLine> {
    crate::quote::quote_lines(lines, currency)
}

/// A revision with these lines and charges; every figure computed.
fn revision(lines: &[LineInput], charges: QuoteCharges) -> Quote {
    let currency = Currency::EUR;
    let at: OffsetDateTime = datetime!(2026-11-22 09:00 UTC);
    Quote {
        id: QuoteId(Uuid::from_u128(1)),
        number: "Q-2026-0131".into(),
        revision: 1,
        revised_from: None,
        status: QuoteStatus::Sent,
        customer_id: None,
        contact_id: None,
        inquiry_id: None,
        terms: QuoteTerms {
            currency,
            exchange_rate_note: None,
            incoterm: Incoterm::FOB,
            named_place: "Ningbo".into(),
            port_of_loading: Some("Ningbo".into()),
            port_of_destination: None,
            shipping_method: Some(ShippingMethod::Sea),
            lead_time_days: Some(25),
            payment: PaymentTerms {
                method: PaymentMethod::TelegraphicTransfer,
                deposit_percent: Some(decimal("30")),
                net_days: None,
                balance_terms: Some("against copy of B/L".into()),
            },
            valid_until: date!(2026 - 12 - 22),
            buyer_notes: String::new(),
            internal_notes: "Margin 18 %; floor 11.20".into(),
        },
        lines: quote_lines(lines, currency),
        charges,
        totals: quote_totals(lines, &charges, currency),
        sent_at: Some(at),
        decided_at: None,
        created_by: UserRef {
            id: UserId(Uuid::from_u128(7)),
            name: "Li Wei".into(),
        },
        version: Version(3),
        created_at: at,
        updated_at: at,
    }
}

/// The next revision of `quote` with `lines`: a new id, number and version, as
/// `revise` makes it, which the buyer does not see.
fn revised(quote: &Quote, lines: &[LineInput]) -> Quote {
    let mut next = revision(lines, quote.charges);
    next.terms = quote.terms.clone();
    next.id = QuoteId(Uuid::from_u128(2));
    next.revision = quote.revision + 1;
    next.revised_from = Some(quote.id);
    next.status = QuoteStatus::Draft;
    next.version = Version::FIRST;
    next.sent_at = None;
    next
}

fn panels() -> Vec<LineInput> {
    vec![
        product("LED panel 600×600 40 W", "2000", "11.80", 1),
        line("Sample kit", "2", "0"),
        LineInput {
            kind: LineKind::Freight,
            ..line("Freight to Ningbo port", "1", "350")
        },
    ]
}

fn change(field: LineField, before: &str, after: &str) -> FieldChange {
    FieldChange {
        field,
        before: before.into(),
        after: after.into(),
    }
}

#[test]
fn the_same_content_in_a_new_revision_is_no_change() {
    let old = revision(&panels(), QuoteCharges::default());
    let new = revised(&old, &panels());
    let diff = diff(&old, &new);
    assert!(diff.is_empty(), "{diff:?}");
}

#[test]
fn a_price_change_names_the_line_the_field_and_both_totals() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines[0].unit_price = decimal("11.50");
    let new = revised(&old, &lines);
    let diff = diff(&old, &new);
    assert_eq!(
        diff.lines,
        [LineChange::Changed {
            name: "LED panel 600×600 40 W".into(),
            fields: vec![change(LineField::UnitPrice, "11.80", "11.50")],
        }]
    );
    assert!(diff.terms.is_empty());
    assert_eq!(diff.total, Some((decimal("23950.00"), decimal("23350.00"))));
}

#[test]
fn the_same_value_written_otherwise_is_no_change() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines[0].unit_price = decimal("11.8");
    lines[0].quantity.value = decimal("2000.000");
    let mut new = revised(&old, &lines);
    new.terms.payment.deposit_percent = Some(decimal("30.0"));
    // No port and an empty one read the same.
    new.terms.port_of_destination = Some(String::new());
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn lines_added_and_removed_are_given_whole() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    let sample = lines.remove(1);
    let spare = product("Spare driver", "20", "3.10", 2);
    lines.push(spare.clone());
    let new = revised(&old, &lines);
    let diff = diff(&old, &new);
    let [
        LineChange::Added { line: added },
        LineChange::Removed { line: removed },
    ] = diff.lines.as_slice()
    else {
        panic!("one added, one removed: {diff:?}");
    };
    assert_eq!((added.name.as_str(), added.position), ("Spare driver", 3));
    assert_eq!(added.totals, line_totals(&spare, Currency::EUR));
    assert_eq!(
        (removed.name.as_str(), removed.position),
        (sample.name.as_str(), 2)
    );
    assert_eq!(diff.total, Some((decimal("23950.00"), decimal("24012.00"))));
}

#[test]
fn reordering_alone_is_no_change() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines.reverse();
    let new = revised(&old, &lines);
    assert!(new.lines[0].position != old.lines[2].position);
    let diff = diff(&old, &new);
    assert!(diff.is_empty(), "{diff:?}");
}

#[test]
fn internal_notes_are_never_shown_to_the_buyer() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut new = revised(&old, &panels());
    new.terms.internal_notes = "Floor price now 10.90; do not go lower".into();
    assert!(diff(&old, &new).is_empty());
    new.terms.buyer_notes = "Prices include export cartons.".into();
    let diff = diff(&old, &new);
    assert_eq!(
        diff.terms,
        [TermChange {
            field: TermField::BuyerNotes,
            before: String::new(),
            after: "Prices include export cartons.".into(),
        }]
    );
    let shown = serde_json::to_string(&diff).unwrap();
    assert!(
        !shown.contains("Floor") && !shown.contains("Margin"),
        "{shown}"
    );
}

#[test]
fn a_catalog_line_renamed_and_a_free_line_edited_in_place_are_changes() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    // Same product, new name: paired by the product.
    lines[0].name = "LED panel 600×600 36 W".into();
    lines.swap(0, 2);
    // No product, no SKU, new name and kind: paired by position.
    lines[1].name = "Sample kit with driver".into();
    lines[1].kind = LineKind::Sample;
    lines[1].quantity.unit = Unit::Set;
    let new = revised(&old, &lines);
    let diff = diff(&old, &new);
    assert_eq!(
        diff.lines,
        [
            LineChange::Changed {
                name: "Sample kit with driver".into(),
                fields: vec![
                    change(LineField::Quantity, "2 piece", "2 set"),
                    change(LineField::Name, "Sample kit", "Sample kit with driver"),
                    change(LineField::Kind, "product", "sample"),
                ],
            },
            LineChange::Changed {
                name: "LED panel 600×600 36 W".into(),
                fields: vec![change(
                    LineField::Name,
                    "LED panel 600×600 40 W",
                    "LED panel 600×600 36 W"
                )],
            },
        ]
    );
    assert_eq!(diff.total, None);
}

#[test]
fn names_differing_only_in_case_still_pair_and_show_the_new_spelling() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines.swap(1, 2);
    lines[2].name = "SAMPLE KIT".into();
    lines[2].discount = Some(Discount::Percent(decimal("100")));
    let new = revised(&old, &lines);
    let diff = diff(&old, &new);
    assert_eq!(
        diff.lines,
        [LineChange::Changed {
            name: "SAMPLE KIT".into(),
            fields: vec![
                change(LineField::Discount, "", "100%"),
                change(LineField::Name, "Sample kit", "SAMPLE KIT"),
            ],
        }]
    );
}

#[test]
fn another_catalog_product_in_the_same_place_is_a_new_line() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines[0] = product("LED panel 600×600 40 W", "2000", "11.80", 9);
    let new = revised(&old, &lines);
    let diff = diff(&old, &new);
    assert!(
        matches!(
            diff.lines.as_slice(),
            [LineChange::Added { .. }, LineChange::Removed { .. }]
        ),
        "{diff:?}"
    );
    assert_eq!(diff.total, None);
}

#[test]
fn terms_and_charges_are_plain_values() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut new = revised(&old, &panels());
    new.terms.incoterm = Incoterm::CIF;
    new.terms.named_place = "Hamburg".into();
    new.terms.shipping_method = None;
    new.terms.payment = PaymentTerms {
        method: PaymentMethod::OpenAccount,
        deposit_percent: None,
        net_days: Some(30),
        balance_terms: None,
    };
    new.terms.valid_until = date!(2027 - 01 - 05);
    new.charges = QuoteCharges {
        shipping: decimal("350.00"),
        insurance: Decimal::ZERO,
        tax_percent: decimal("7.5"),
        discount: Some(Discount::Amount(decimal("50.00"))),
    };
    let diff = diff(&old, &new);
    let shown: Vec<(TermField, &str, &str)> = diff
        .terms
        .iter()
        .map(|change| (change.field, change.before.as_str(), change.after.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (TermField::Incoterm, "FOB", "CIF"),
            (TermField::NamedPlace, "Ningbo", "Hamburg"),
            (TermField::ShippingMethod, "sea", ""),
            (
                TermField::Payment,
                "telegraphic_transfer; 30%; ; against copy of B/L",
                "open_account; ; 30; "
            ),
            (TermField::ValidUntil, "2026-12-22", "2027-01-05"),
            (TermField::Shipping, "0", "350.00"),
            (TermField::TaxPercent, "0", "7.5"),
            (TermField::Discount, "", "50.00"),
        ]
    );
}

#[test]
fn the_total_is_shown_when_the_amount_or_the_currency_changes() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut new = revised(&old, &panels());
    new.terms.currency = Currency::USD;
    let diff = diff(&old, &new);
    assert_eq!(diff.total, Some((decimal("23950.00"), decimal("23950.00"))));
    assert_eq!(diff.terms[0].field, TermField::Currency);
    assert_eq!(
        (diff.terms[0].before.as_str(), diff.terms[0].after.as_str()),
        ("EUR", "USD")
    );

    let charges = QuoteCharges {
        tax_percent: decimal("10"),
        ..QuoteCharges::default()
    };
    let taxed = revision(&panels(), charges);
    assert_eq!(
        super::diff(&old, &taxed).total,
        Some((decimal("23950.00"), decimal("26345.00")))
    );
}

#[test]
fn changes_serialize_with_their_kind_and_wire_names() {
    let old = revision(&panels(), QuoteCharges::default());
    let mut lines = panels();
    lines[0].optional = true;
    let diff = diff(&old, &revised(&old, &lines));
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(
        json["lines"][0],
        serde_json::json!({
            "change": "changed",
            "name": "LED panel 600×600 40 W",
            "fields": [{"field": "optional", "before": "false", "after": "true"}],
        })
    );
    assert_eq!(json["total"], serde_json::json!(["23950.00", "350"]));
}

#[test]
fn the_wire_names_a_diff_shows_match_the_serialized_form() {
    for kind in LineKind::ALL {
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            serde_json::Value::from(kind.as_str())
        );
    }
    for method in PaymentMethod::ALL {
        assert_eq!(
            serde_json::to_value(method).unwrap(),
            serde_json::Value::from(method.as_str())
        );
    }
    for method in ShippingMethod::ALL {
        assert_eq!(
            serde_json::to_value(method).unwrap(),
            serde_json::Value::from(method.as_str())
        );
    }
}
