//! Demo quotes, written after the catalog and the inquiries: one for each quoted,
//! won or lost inquiry about a product (accepted for won; rejected or expired for
//! lost; sent, some of them expired, for quoted), drafts for a few open ones, in
//! the buyer's currency, priced from the catalog's price breaks (or from
//! [`tables::FALLBACK_PRODUCTS`] when the catalog lacks the product), with
//! samples, freight and tooling, FOB Ningbo or CIF the buyer's port, 30 % deposit
//! by T/T. Müller Handels GmbH gets the story's two revisions: revision 1 sent,
//! then revision 2 sent at a lower price, which supersedes it. Every figure comes
//! from `contract::quote::totals`; everything but timestamps is deterministic.

mod build;
mod plans;
mod tables;

use std::collections::HashMap;

use contract::money::Currency;
use contract::quote::totals::quote_totals;
use contract::quote::{QuoteDraft, QuoteLine, QuoteStatus};
use rust_decimal::Decimal;
use sqlx::Transaction;
use time::{Duration, OffsetDateTime};

use self::build::{Plan, Pricing, Source};
use super::{MemberSeed, SeedCounts, stable_id};
use crate::sql::Db;
use crate::stored::timestamp_to_text;

pub(super) async fn seed(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    let rates: Vec<(String, String)> =
        sqlx::query_as("SELECT currency, per_usd FROM exchange_rates ORDER BY currency")
            .fetch_all(&mut **transaction)
            .await?;
    let pricing = Pricing::new(&rates);
    let sources: Vec<Source> = sqlx::query_as(
        "SELECT i.id, i.customer_id, c.name AS customer_name,
                COALESCE(c.country, i.buyer_country) AS country, i.product_name,
                i.quantity_value, i.quantity_unit, i.status, i.received_at,
                COALESCE(i.assignee_id, c.owner_id,
                    (SELECT u.id FROM users u WHERE u.member_id = i.member_id
                     AND u.role = 'owner' ORDER BY u.id LIMIT 1)) AS created_by,
                (SELECT k.id FROM contacts k WHERE k.customer_id = c.id
                 ORDER BY k.position LIMIT 1) AS contact_id
         FROM inquiries i
         LEFT JOIN customers c ON c.id = i.customer_id AND c.member_id = i.member_id
         WHERE i.member_id = $1 AND i.product_name IS NOT NULL
           AND i.status IN ('open', 'quoted', 'won', 'lost')
         ORDER BY i.received_at, i.id",
    )
    .bind(&member_id)
    .fetch_all(&mut **transaction)
    .await?;

    let mut plans = Vec::new();
    let story = plans::story_source(&sources);
    let mut drafts_left = 4;
    // Newest first, so that the drafts are for the freshest open inquiries.
    for (index, source) in sources.iter().enumerate().rev() {
        let is_draft = source.status == "open";
        if is_draft && drafts_left == 0 {
            continue;
        }
        let Some(priced) = build::priced(transaction, &member_id, source).await? else {
            continue;
        };
        let plan = if story.is_some_and(|story| std::ptr::eq(story, source)) {
            plans::story(source, &priced, &pricing, now)?
        } else if is_draft {
            drafts_left -= 1;
            plans::draft(source, &priced, &pricing, index, now)?
        } else {
            plans::answer(source, &priced, &pricing, index, now)?
        };
        plans.extend(plan);
    }
    let extra = plans::missing_currencies(transaction, &member_id, &plans, &pricing, now).await?;
    plans.extend(extra);
    // Numbers follow creation order within each year, as the server hands them out.
    plans.sort_by(|a, b| {
        (a.revisions[0].created_at, &a.key).cmp(&(b.revisions[0].created_at, &b.key))
    });
    let mut sequences: HashMap<i32, u32> = HashMap::new();
    for plan in &plans {
        let year = plan.revisions[0].created_at.year();
        let sequence = sequences.entry(year).or_default();
        *sequence += 1;
        let number = format!("Q-{year}-{sequence:04}");
        insert(transaction, member, &member_id, plan, &number, counts).await?;
    }
    Ok(())
}

/// Inserts every revision of `plan` under `number`.
async fn insert(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    member_id: &str,
    plan: &Plan,
    number: &str,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let mut previous: Option<String> = None;
    for (index, revision) in plan.revisions.iter().enumerate() {
        let id = stable_id(&format!("quote/{}/{}/{index}", member.key, plan.key)).to_string();
        let draft: &QuoteDraft = &revision.draft;
        let currency = draft.terms.currency;
        let totals = quote_totals(&draft.lines, &draft.charges, currency);
        sqlx::query(
            "INSERT INTO quotes
                 (id, member_id, number, revision, revised_from, status, customer_id,
                  contact_id, inquiry_id, currency, valid_until, terms, charges, total, totals,
                  sent_at, decided_at, created_by, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
        )
        .bind(&id)
        .bind(member_id)
        .bind(number)
        .bind(i64::try_from(index + 1).unwrap_or(1))
        .bind(&previous)
        .bind(revision.status.as_str())
        .bind(draft.customer_id.map(|id| id.to_string()))
        .bind(draft.contact_id.map(|id| id.to_string()))
        .bind(draft.inquiry_id.map(|id| id.to_string()))
        .bind(currency.code())
        .bind(build::date_text(draft.terms.valid_until))
        .bind(json(&draft.terms)?)
        .bind(json(&draft.charges)?)
        .bind(totals.total.to_string())
        .bind(json(&totals)?)
        .bind(revision.sent_at.map(timestamp_to_text))
        .bind(revision.decided_at.map(timestamp_to_text))
        .bind(&revision.created_by)
        .bind(revision.version())
        .bind(timestamp_to_text(revision.created_at))
        .bind(timestamp_to_text(revision.updated_at))
        .execute(&mut **transaction)
        .await?;
        for (line, position) in draft.lines.iter().zip(1..) {
            let line = QuoteLine::of_input(position, line, currency);
            sqlx::query("INSERT INTO quote_lines (quote_id, position, line) VALUES ($1, $2, $3)")
                .bind(&id)
                .bind(i64::from(position))
                .bind(json(&line)?)
                .execute(&mut **transaction)
                .await?;
        }
        counts.quotes += 1;
        previous = Some(id);
    }
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(error.into()))
}

/// One stored revision of a plan.
#[derive(Clone, Debug)]
struct Revision {
    draft: QuoteDraft,
    status: QuoteStatus,
    created_by: String,
    created_at: OffsetDateTime,
    sent_at: Option<OffsetDateTime>,
    decided_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
}

impl Revision {
    /// One version per change: created, sent, then decided or superseded.
    fn version(&self) -> i64 {
        1 + i64::from(self.sent_at.is_some())
            + i64::from(matches!(
                self.status,
                QuoteStatus::Accepted | QuoteStatus::Rejected | QuoteStatus::Superseded
            ))
    }
}

/// The latest moment a demo event may have: shortly before the seed runs.
fn at_most(moment: OffsetDateTime, now: OffsetDateTime, minutes_before: i64) -> OffsetDateTime {
    moment.min(now - Duration::minutes(minutes_before))
}

/// `amount` USD in `currency`, rounded to its minor unit.
fn converted(pricing: &Pricing, amount: Decimal, currency: Currency) -> Decimal {
    pricing.convert(amount, Currency::USD, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fallback_price_break_parses_and_ascends() {
        for (name, _, breaks, hs_code) in tables::FALLBACK_PRODUCTS {
            let parsed: Vec<(Decimal, Decimal)> = breaks
                .iter()
                .map(|(quantity, price)| (quantity.parse().unwrap(), price.parse().unwrap()))
                .collect();
            assert!(
                parsed.windows(2).all(|pair| pair[0].0 < pair[1].0),
                "{name}"
            );
            assert!(contract::product::is_hs_code(hs_code), "{name}");
        }
        for (_, _, freight) in tables::PORTS {
            assert!(freight.parse::<Decimal>().is_ok());
        }
    }
}
