//! Which demo quotes exist, with their revisions' statuses and moments: the
//! answer to an inquiry, a draft in progress, the Müller revision story, and
//! drafts that make sure every showcase currency appears.

use std::collections::HashSet;

use contract::money::Currency;
use contract::quote::QuoteStatus;
use rust_decimal::Decimal;
use sqlx::Transaction;
use time::{Duration, OffsetDateTime};

use super::build::{Offer, Plan, Priced, Pricing, Source, decode, priced};
use super::tables::currency_for;
use super::{Revision, at_most};
use crate::sql::Db;
use crate::stored::timestamp_from_text;

/// The customer whose quote tells the demo's revision story.
const STORY_CUSTOMER: &str = "Müller Handels GmbH";
/// The product the story is about, when the customer asked for it.
const STORY_PRODUCT: &str = "LED Panel Light 600×600 40W";
/// Currencies the demo must show at least once.
const SHOWCASE_CURRENCIES: [Currency; 5] = [
    Currency::USD,
    Currency::EUR,
    Currency::GBP,
    Currency::AED,
    Currency::JPY,
];

/// The inquiry the story quote answers: the story customer's latest quoted
/// inquiry about the story product, or else its latest quoted one.
pub(super) fn story_source(sources: &[Source]) -> Option<&Source> {
    let quoted = || {
        sources.iter().filter(|source| {
            source.customer_name.as_deref() == Some(STORY_CUSTOMER) && source.status == "quoted"
        })
    };
    quoted()
        .rfind(|source| source.product_name.as_deref() == Some(STORY_PRODUCT))
        .or_else(|| quoted().next_back())
}

fn received(source: &Source) -> Result<OffsetDateTime, sqlx::Error> {
    timestamp_from_text(&source.received_at).map_err(decode)
}

fn offer<'a>(
    source: &'a Source,
    priced: &'a Priced,
    pricing: &'a Pricing,
    index: usize,
    valid_until: time::Date,
) -> Offer<'a> {
    Offer {
        source,
        priced,
        pricing,
        currency: currency_for(&source.country),
        cif: index % 2 == 1,
        sample: index.is_multiple_of(3),
        tooling: index % 5 == 2,
        inland_freight: false,
        discount: index % 4 == 1,
        price_cut: Decimal::ZERO,
        valid_until,
    }
}

/// The quote sent for a quoted, won or lost inquiry: accepted when won; rejected
/// or left to expire when lost; sent when quoted (expired once its 30 days pass).
pub(super) fn answer(
    source: &Source,
    priced: &Priced,
    pricing: &Pricing,
    index: usize,
    now: OffsetDateTime,
) -> Result<Option<Plan>, sqlx::Error> {
    let Some(created_by) = source.created_by.clone() else {
        return Ok(None);
    };
    let created_at = at_most(received(source)? + Duration::hours(5), now, 90);
    let sent_at = at_most(created_at + Duration::hours(1), now, 60).max(created_at);
    let (status, validity_days, decided_after) = match source.status.as_str() {
        "won" => (QuoteStatus::Accepted, 30, Some(Duration::days(4))),
        "lost" if index.is_multiple_of(2) => (QuoteStatus::Rejected, 30, Some(Duration::days(3))),
        // Lost without an answer: the offer ran out, unless it is too recent to have.
        "lost" if sent_at.date() + Duration::days(14) < now.date() => (QuoteStatus::Sent, 14, None),
        "lost" => (QuoteStatus::Rejected, 14, Some(Duration::days(3))),
        _ => (QuoteStatus::Sent, 30, None),
    };
    let decided_at = decided_after.map(|after| at_most(sent_at + after, now, 30).max(sent_at));
    let valid_until = sent_at.date() + Duration::days(validity_days);
    let draft = offer(source, priced, pricing, index, valid_until).draft(true)?;
    Ok(Some(Plan {
        key: format!("inquiry/{}", source.id),
        revisions: vec![Revision {
            draft,
            status,
            created_by,
            created_at,
            sent_at: Some(sent_at),
            decided_at,
            updated_at: decided_at.unwrap_or(sent_at),
        }],
    }))
}

/// A draft a rep is preparing for an open inquiry.
pub(super) fn draft(
    source: &Source,
    priced: &Priced,
    pricing: &Pricing,
    index: usize,
    now: OffsetDateTime,
) -> Result<Option<Plan>, sqlx::Error> {
    let Some(created_by) = source.created_by.clone() else {
        return Ok(None);
    };
    let created_at = at_most(received(source)? + Duration::hours(2), now, 20);
    let valid_until = now.date() + Duration::days(30);
    let draft = offer(source, priced, pricing, index, valid_until).draft(true)?;
    Ok(Some(Plan {
        key: format!("inquiry/{}", source.id),
        revisions: vec![Revision {
            draft,
            status: QuoteStatus::Draft,
            created_by,
            created_at,
            sent_at: None,
            decided_at: None,
            updated_at: created_at,
        }],
    }))
}

/// The story: revision 1 sent FOB Ningbo with a free sample and trucking to the
/// port; the buyer asked for a better price, so revision 2 was sent 5 % lower
/// and superseded revision 1.
pub(super) fn story(
    source: &Source,
    priced: &Priced,
    pricing: &Pricing,
    now: OffsetDateTime,
) -> Result<Option<Plan>, sqlx::Error> {
    let Some(created_by) = source.created_by.clone() else {
        return Ok(None);
    };
    let first_created = at_most(received(source)? + Duration::hours(4), now, 300);
    let first_sent = at_most(first_created + Duration::hours(1), now, 240).max(first_created);
    let second_sent = at_most(first_sent + Duration::days(3), now, 120).max(first_sent);
    let second_created = (second_sent - Duration::hours(1)).max(first_sent);
    let story_offer = |price_cut: Decimal, sent: OffsetDateTime| Offer {
        cif: false,
        sample: true,
        tooling: false,
        inland_freight: true,
        discount: true,
        price_cut,
        ..offer(source, priced, pricing, 0, sent.date() + Duration::days(30))
    };
    let first = story_offer(Decimal::ZERO, first_sent).draft(true)?;
    let second = story_offer(Decimal::from(5), second_sent).draft(true)?;
    Ok(Some(Plan {
        key: format!("inquiry/{}", source.id),
        revisions: vec![
            Revision {
                draft: first,
                status: QuoteStatus::Superseded,
                created_by: created_by.clone(),
                created_at: first_created,
                sent_at: Some(first_sent),
                decided_at: None,
                updated_at: second_sent,
            },
            Revision {
                draft: second,
                status: QuoteStatus::Sent,
                created_by,
                created_at: second_created,
                sent_at: Some(second_sent),
                decided_at: None,
                updated_at: second_sent,
            },
        ],
    }))
}

/// Drafts for customers in countries quoted in a showcase currency that no plan
/// uses yet (e.g. yen when no Japanese inquiry was quoted): an offer made to the
/// customer for the product of their latest inquiry, not linked to it.
pub(super) async fn missing_currencies(
    transaction: &mut Transaction<'_, Db>,
    member_id: &str,
    plans: &[Plan],
    pricing: &Pricing,
    now: OffsetDateTime,
) -> Result<Vec<Plan>, sqlx::Error> {
    let present: HashSet<Currency> = plans
        .iter()
        .flat_map(|plan| &plan.revisions)
        .map(|revision| revision.draft.terms.currency)
        .collect();
    let sources: Vec<Source> = sqlx::query_as(
        "SELECT i.id, c.id AS customer_id, c.name AS customer_name, c.country, i.product_name,
                i.quantity_value, i.quantity_unit, i.status, i.received_at,
                COALESCE(c.owner_id,
                    (SELECT u.id FROM users u WHERE u.member_id = c.member_id
                     AND u.role = 'owner' ORDER BY u.id LIMIT 1)) AS created_by,
                (SELECT k.id FROM contacts k WHERE k.customer_id = c.id
                 ORDER BY k.position LIMIT 1) AS contact_id
         FROM customers c
         JOIN inquiries i ON i.customer_id = c.id AND i.member_id = c.member_id
         WHERE c.member_id = $1 AND i.product_name IS NOT NULL
         ORDER BY c.name, i.received_at DESC, i.id",
    )
    .bind(member_id)
    .fetch_all(&mut **transaction)
    .await?;
    let mut plans = Vec::new();
    for currency in SHOWCASE_CURRENCIES {
        if present.contains(&currency) {
            continue;
        }
        let Some(source) = sources
            .iter()
            .find(|source| currency_for(&source.country) == currency)
        else {
            continue;
        };
        let (Some(priced), Some(created_by)) = (
            priced(transaction, member_id, source).await?,
            source.created_by.clone(),
        ) else {
            continue;
        };
        let created_at = at_most(now - Duration::days(1), now, 0);
        let valid_until = now.date() + Duration::days(30);
        let draft = offer(source, &priced, pricing, 1, valid_until).draft(false)?;
        plans.push(Plan {
            key: format!(
                "customer/{}",
                source.customer_id.as_deref().unwrap_or_default()
            ),
            revisions: vec![Revision {
                draft,
                status: QuoteStatus::Draft,
                created_by,
                created_at,
                sent_at: None,
                decided_at: None,
                updated_at: created_at,
            }],
        });
    }
    Ok(plans)
}
