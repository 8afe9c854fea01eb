//! Reading the texts: [`Form::parse`] makes the contract's draft of them and
//! names every problem at the server's JSON pointer.

use contract::country::CountryCode;
use contract::problem::FieldError;
use contract::quantity::{Quantity, Unit};
use contract::quote::totals::{line_totals, quote_totals};
use contract::quote::{LineInput, LineKind, PaymentTerms, QuoteCharges, QuoteDraft, QuoteTerms};
use rust_decimal::Decimal;
use time::Date;

use super::{Form, FormLine, NOT_A_COUNTRY, Parsed, number, parse_date, whole};
use crate::ui::form::optional;

impl FormLine {
    /// The line as the contract has it, or its problems (at `/lines/{index}/…`),
    /// every one of them.
    fn parse(&self, index: usize, errors: &mut Vec<FieldError>) -> Option<LineInput> {
        let found = errors.len();
        let pointer = |name: &str| ["/lines/", &index.to_string(), "/", name].concat();
        let mut fail = |field: String, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_owned(),
            });
        };
        if self.name.trim().is_empty() {
            fail(pointer("name"), "must not be empty");
        }
        let quantity = match number(&self.quantity) {
            Ok(Some(value)) => Some(value),
            Ok(None) => {
                fail(pointer("quantity/value"), "must be more than zero");
                None
            }
            Err(message) => {
                fail(pointer("quantity/value"), message);
                None
            }
        };
        let unit_price = match number(&self.price) {
            Ok(Some(value)) => Some(value),
            Ok(None) => {
                fail(pointer("unit_price"), "must not be empty");
                None
            }
            Err(message) => {
                fail(pointer("unit_price"), message);
                None
            }
        };
        let discount = self.discount.parse().unwrap_or_else(|message| {
            fail(pointer("discount"), message);
            None
        });
        let origin = match self.origin.trim() {
            "" => None,
            code => code.to_uppercase().parse::<CountryCode>().map_or_else(
                |_| {
                    fail(pointer("origin"), NOT_A_COUNTRY);
                    None
                },
                Some,
            ),
        };
        // A missing name alone still gives figures; the contract names it.
        let figures_known = errors[found..]
            .iter()
            .all(|error| error.field.ends_with("/name"));
        if !figures_known {
            return None;
        }
        let (quantity, unit_price) = (quantity?, unit_price?);
        Some(LineInput {
            section: optional(&self.section),
            kind: self.kind,
            product_id: self.product_id,
            sku: optional(&self.sku),
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            hs_code: optional(&self.hs_code),
            origin,
            quantity: Quantity {
                value: quantity,
                unit: self.unit,
            },
            unit_price,
            discount,
            optional: self.optional,
        })
    }
}

impl Form {
    /// The texts as the contract's draft, with every problem found by reading
    /// them and by [`QuoteDraft::validate`] as of `today`, and the figures.
    pub(crate) fn parse(&self, today: Date) -> Parsed {
        let mut errors = Vec::new();
        let lines: Vec<Option<LineInput>> = self
            .lines
            .iter()
            .enumerate()
            .map(|(index, line)| line.parse(index, &mut errors))
            .collect();
        let line_figures = lines
            .iter()
            .map(|line| {
                line.as_ref()
                    .filter(|line| self.currency.fits(line.unit_price))
                    .map(|line| line_totals(line, self.currency))
            })
            .collect();
        let (terms, terms_read) = self.terms(&mut errors, today);
        let (charges, charges_read) = self.charges(&mut errors);
        let unreadable: Vec<usize> = (0..lines.len())
            .filter(|&index| lines[index].is_none())
            .collect();
        let all_read = terms_read && charges_read && unreadable.is_empty();
        let totals = (unreadable.is_empty()
            && charges_read
            && lines
                .iter()
                .flatten()
                .all(|line| self.currency.fits(line.unit_price)))
        .then(|| {
            let lines: Vec<LineInput> = lines.iter().flatten().cloned().collect();
            quote_totals(&lines, &charges, self.currency)
        });
        // The contract's rules run on what could be read, a line that could
        // not standing in as a neutral one, so that every other problem (a
        // missing place, a past date) shows at once, not after the first is fixed.
        let stand_in = LineInput {
            section: None,
            kind: LineKind::Product,
            product_id: None,
            sku: None,
            name: "-".to_owned(),
            description: String::new(),
            hs_code: None,
            origin: None,
            quantity: Quantity {
                value: Decimal::ONE,
                unit: Unit::Piece,
            },
            unit_price: Decimal::ZERO,
            discount: None,
            optional: true,
        };
        let draft = QuoteDraft {
            id: (!self.created).then_some(self.id),
            customer_id: self.customer_id,
            contact_id: self.contact_id,
            inquiry_id: self.inquiry_id,
            terms,
            lines: lines
                .into_iter()
                .map(|line| line.unwrap_or_else(|| stand_in.clone()))
                .collect(),
            charges,
            expected_total: totals.map(|totals| totals.total),
        };
        let found = draft.validate(today).err().unwrap_or_default();
        let already_named: Vec<String> = errors.iter().map(|error| error.field.clone()).collect();
        errors.extend(found.into_iter().filter(|error| {
            let in_unreadable_line = unreadable.iter().any(|index| {
                error
                    .field
                    .starts_with(&["/lines/", &index.to_string(), "/"].concat())
            });
            !in_unreadable_line
                && !already_named
                    .iter()
                    .any(|field| error.field.starts_with(field.as_str()))
        }));
        let draft = (all_read && errors.is_empty()).then_some(draft);
        // The contract names again what reading the texts found.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|error| seen.insert((error.field.clone(), error.message.clone())));
        if self.lines.is_empty() && !errors.iter().any(|error| error.field == "/lines") {
            errors.push(FieldError {
                field: "/lines".to_owned(),
                message: "must have at least one line".to_owned(),
            });
        }
        Parsed {
            draft,
            errors,
            lines: line_figures,
            totals,
        }
    }

    /// The terms, with what cannot be read left out (a bad date reads as
    /// `today`), and whether everything could be read.
    fn terms(&self, errors: &mut Vec<FieldError>, today: Date) -> (QuoteTerms, bool) {
        let mut ok = true;
        let mut read = |field: &str, result: Result<Option<Decimal>, &'static str>| match result {
            Ok(value) => value,
            Err(message) => {
                ok = false;
                errors.push(FieldError {
                    field: field.to_owned(),
                    message: message.to_owned(),
                });
                None
            }
        };
        let deposit = read("/terms/payment/deposit_percent", number(&self.deposit));
        let lead_time = read("/terms/lead_time_days", whole(&self.lead_time));
        let net_days = read("/terms/payment/net_days", whole(&self.net_days));
        let valid_until = match parse_date(&self.valid_until) {
            Some(date) => date,
            None => {
                ok = false;
                errors.push(FieldError {
                    field: "/terms/valid_until".to_owned(),
                    message: "must be a date".to_owned(),
                });
                today
            }
        };
        let days =
            |value: Option<Decimal>| value.and_then(|value| u32::try_from(value.mantissa()).ok());
        let terms = QuoteTerms {
            currency: self.currency,
            exchange_rate_note: optional(&self.exchange_rate_note),
            incoterm: self.incoterm,
            named_place: self.named_place.trim().to_owned(),
            port_of_loading: optional(&self.port_of_loading),
            port_of_destination: optional(&self.port_of_destination),
            shipping_method: self.shipping_method,
            lead_time_days: days(lead_time),
            payment: PaymentTerms {
                method: self.payment_method,
                deposit_percent: deposit,
                net_days: days(net_days),
                balance_terms: optional(&self.balance_terms),
            },
            valid_until,
            buyer_notes: self.buyer_notes.trim().to_owned(),
            internal_notes: self.internal_notes.trim().to_owned(),
        };
        (terms, ok)
    }

    /// The charges, with what cannot be read left out, and whether
    /// everything could be read.
    fn charges(&self, errors: &mut Vec<FieldError>) -> (QuoteCharges, bool) {
        let mut ok = true;
        let mut read = |field: &str, result: Result<Option<Decimal>, &'static str>| match result {
            Ok(value) => value.unwrap_or_default(),
            Err(message) => {
                ok = false;
                errors.push(FieldError {
                    field: field.to_owned(),
                    message: message.to_owned(),
                });
                Decimal::ZERO
            }
        };
        let shipping = read("/charges/shipping", number(&self.shipping));
        let insurance = read("/charges/insurance", number(&self.insurance));
        let tax_percent = read("/charges/tax_percent", number(&self.tax));
        let discount = match self.discount.parse() {
            Ok(discount) => discount,
            Err(message) => {
                errors.push(FieldError {
                    field: "/charges/discount".to_owned(),
                    message: message.to_owned(),
                });
                ok = false;
                None
            }
        };
        (
            QuoteCharges {
                shipping,
                insurance,
                tax_percent,
                discount,
            },
            ok,
        )
    }
}
