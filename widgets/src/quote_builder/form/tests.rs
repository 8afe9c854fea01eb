//! The form's reading of what the user typed, against the contract's rules.

use super::*;
use contract::version::Version;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 23);

fn form() -> Form {
    let mut form = Form::new(QuoteId(uuid::Uuid::from_u128(9)), Currency::EUR, TODAY);
    form.named_place = "Ningbo".into();
    form
}

/// Adds a line of `kind` with the texts given.
fn add(form: &mut Form, kind: LineKind, name: &str, quantity: &str, price: &str) {
    let key = form.take_key();
    form.lines.push(FormLine {
        name: name.into(),
        quantity: quantity.into(),
        price: price.into(),
        ..FormLine::blank(key, kind)
    });
}

fn product() -> Product {
    Product {
        id: ProductId(uuid::Uuid::from_u128(3)),
        sku: "BW-P6060-40".into(),
        model_number: None,
        name: "LED panel 600×600 40 W".into(),
        description: String::new(),
        category: "Panels".into(),
        unit: Unit::Piece,
        moq: "500".parse().unwrap(),
        currency: Currency::EUR,
        price_breaks: vec![
            contract::product::PriceBreak {
                min_quantity: "500".parse().unwrap(),
                unit_price: "12.40".parse().unwrap(),
            },
            contract::product::PriceBreak {
                min_quantity: "1000".parse().unwrap(),
                unit_price: "11.80".parse().unwrap(),
            },
        ],
        hs_code: Some("9405.42".into()),
        origin: "CN".parse().unwrap(),
        lead_time_days: Some(25),
        packaging: None,
        active: true,
        version: Version(1),
    }
}

#[test]
fn a_catalog_line_takes_its_price_break_and_the_ux_example_adds_up() {
    let mut form = form();
    let key = form.take_key();
    let mut line = FormLine::of_product(key, &product(), "2000".parse().unwrap(), Currency::EUR);
    assert_eq!(line.price, "11.80");
    line.discount = DiscountText {
        amount: false,
        text: "3".into(),
    };
    form.lines.push(line);
    add(&mut form, LineKind::Sample, "Sample: LED panel", "1", "0");
    add(
        &mut form,
        LineKind::Freight,
        "Freight to Ningbo port",
        "1",
        "350",
    );
    let parsed = form.parse(TODAY);
    assert_eq!(parsed.errors, Vec::new());
    assert_eq!(parsed.totals.unwrap().total, "23242.00".parse().unwrap());
    let draft = parsed.draft.unwrap();
    assert_eq!(draft.id, Some(form.id));
    assert_eq!(draft.expected_total, Some("23242.00".parse().unwrap()));
    assert_eq!(draft.lines[0].hs_code.as_deref(), Some("9405.42"));
}

#[test]
fn a_product_in_another_currency_or_below_the_first_break_keeps_the_price_typed() {
    let mut line = FormLine::of_product(1, &product(), "200".parse().unwrap(), Currency::USD);
    assert_eq!(line.price, "");
    line.price = "13".into();
    line.quantity = "1500".into();
    line.reprice(&product(), Currency::USD);
    assert_eq!(line.price, "13");
    // Below the MOQ the MOQ's break is offered.
    let line = FormLine::of_product(1, &product(), "200".parse().unwrap(), Currency::EUR);
    assert_eq!(line.price, "12.40");
}

#[test]
fn every_problem_is_named_at_the_servers_pointer_and_the_texts_stay() {
    let mut form = form();
    form.named_place.clear();
    form.valid_until = "2026-11-01".into();
    form.deposit = "thirty".into();
    add(&mut form, LineKind::Product, "Panel", "-5", "11.805");
    // Every problem at once, each named once, wherever it is.
    let parsed = form.parse(TODAY);
    let fields: Vec<&str> = parsed
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "/terms/payment/deposit_percent",
            "/terms/named_place",
            "/terms/valid_until",
            "/lines/0/quantity/value",
            "/lines/0/unit_price"
        ]
    );
    // An unreadable line does not hide the rest either.
    form.deposit = "30".into();
    form.lines[0].quantity = "many".into();
    let parsed = form.parse(TODAY);
    let fields: Vec<&str> = parsed
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "/lines/0/quantity/value",
            "/terms/named_place",
            "/terms/valid_until"
        ]
    );
    assert!(parsed.draft.is_none());
    assert_eq!(form.lines[0].price, "11.805");
}

#[test]
fn an_empty_quote_is_named_and_totals_wait_for_every_price() {
    let form = form();
    let parsed = form.parse(TODAY);
    assert!(parsed.errors.iter().any(|error| error.field == "/lines"));
    let mut form = form;
    add(&mut form, LineKind::Product, "Panel", "1", "");
    assert_eq!(form.parse(TODAY).totals, None);
    form.lines[0].price = "2".into();
    assert_eq!(
        form.parse(TODAY).totals.unwrap().total,
        "2.00".parse().unwrap()
    );
}

#[test]
fn yen_and_dinar_keep_their_minor_units() {
    let mut form = form();
    add(&mut form, LineKind::Product, "Panel", "3", "333.5");
    form.currency = Currency::JPY;
    let parsed = form.parse(TODAY);
    assert!(
        parsed
            .errors
            .iter()
            .any(|error| error.field == "/lines/0/unit_price")
    );
    assert_eq!(parsed.totals, None);
    form.currency = Currency::KWD;
    form.lines[0].price = "0.125".into();
    assert_eq!(
        form.parse(TODAY).totals.unwrap().total,
        "0.375".parse().unwrap()
    );
}

#[test]
fn lines_move_and_a_saved_quote_reads_back_as_its_form() {
    let mut form = form();
    for name in ["a", "b", "c"] {
        add(&mut form, LineKind::Product, name, "1", "1");
    }
    assert!(form.move_line(3, 0));
    assert!(!form.move_line(3, 0));
    let names: Vec<&str> = form.lines.iter().map(|line| line.name.as_str()).collect();
    assert_eq!(names, ["c", "a", "b"]);
    assert!(form.move_line(3, 99));
    assert_eq!(form.lines[2].name, "c");
    assert_eq!(parse_date("2026-02-30"), None);
    assert_eq!(parse_date(&iso_date(TODAY)), Some(TODAY));
    assert_eq!(number("12,345.50"), Ok(Some("12345.50".parse().unwrap())));
    assert_eq!(whole("2.5"), Err(NOT_WHOLE));
}
