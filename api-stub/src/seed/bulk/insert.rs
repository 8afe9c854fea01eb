//! Writing a batch of bulk inquiries with multi-row `INSERT`s: the inquiries with
//! explicit rowids (their search rows share them), then their messages, search
//! rows, score reasons, assignment histories and tags.

use sqlx::Transaction;
use time::Duration;

use super::model::BulkInquiry;
use crate::search::{self, search_text};
use crate::seed::stable_id;
use crate::sql::{Db, Sql};
use crate::stored::{enum_to_text, timestamp_to_text};
use crate::text::{message_fingerprint, preview};

/// Rows per `INSERT` statement: the inquiries' 40 columns times this stays far below
/// SQLite's limit of 32,766 bound parameters.
const ROWS_PER_STATEMENT: usize = 400;

/// How long a buyer waits for a first answer before the inquiry is overdue (the
/// members' `response_target_hours`).
const RESPONSE_TARGET: Duration = Duration::hours(24);

/// What one batch wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Written {
    pub(super) messages: u64,
    pub(super) tags: u64,
}

/// Inserts `inquiries`, the first with rowid `first_rowid`, the rest following it.
pub(super) async fn batch(
    transaction: &mut Transaction<'_, Db>,
    inquiries: &[BulkInquiry],
    first_rowid: i64,
) -> Result<Written, sqlx::Error> {
    let rowids: Vec<i64> = (first_rowid..).take(inquiries.len()).collect();
    let mut written = Written::default();
    for (chunk, rowids) in inquiries
        .chunks(ROWS_PER_STATEMENT)
        .zip(rowids.chunks(ROWS_PER_STATEMENT))
    {
        insert_inquiries(transaction, chunk, rowids).await?;
        insert_search_rows(transaction, chunk, rowids).await?;
    }

    let messages: Vec<(String, &str, Option<String>, &str, String)> =
        inquiries
            .iter()
            .flat_map(|inquiry| {
                inquiry.messages.iter().enumerate().map(
                    move |(position, (author, body, sent_at))| {
                        (
                            stable_id(&format!("message/{}/{position}", inquiry.id)).to_string(),
                            inquiry.id.as_str(),
                            author.map(|author| author.0.to_string()),
                            body.as_str(),
                            timestamp_to_text(*sent_at),
                        )
                    },
                )
            })
            .collect();
    written.messages = messages.len() as u64;
    for chunk in messages.chunks(ROWS_PER_STATEMENT) {
        let mut query = Sql::new(
            "INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at) ",
        );
        query.push_values(chunk, |mut row, (id, inquiry_id, author, body, sent_at)| {
            row.push_bind(id)
                .push_bind(*inquiry_id)
                .push_bind(if author.is_some() {
                    "to_buyer"
                } else {
                    "from_buyer"
                })
                .push_bind(author)
                .push_bind(*body)
                .push_bind(sent_at);
        });
        query.build().execute(&mut **transaction).await?;
    }

    let reasons: Vec<(&str, i64, String, i64, &str)> = inquiries
        .iter()
        .flat_map(|inquiry| {
            inquiry
                .score
                .reasons
                .iter()
                .enumerate()
                .map(move |(position, reason)| {
                    (
                        inquiry.id.as_str(),
                        i64::try_from(position).unwrap_or(i64::MAX),
                        enum_to_text(&reason.signal),
                        i64::from(reason.points),
                        reason.detail.as_str(),
                    )
                })
        })
        .collect();
    for chunk in reasons.chunks(ROWS_PER_STATEMENT) {
        let mut query = Sql::new(
            "INSERT INTO inquiry_score_reasons (inquiry_id, position, signal, points, detail) ",
        );
        query.push_values(
            chunk,
            |mut row, (inquiry_id, position, signal, points, detail)| {
                row.push_bind(*inquiry_id)
                    .push_bind(*position)
                    .push_bind(signal)
                    .push_bind(*points)
                    .push_bind(*detail);
            },
        );
        query.build().execute(&mut **transaction).await?;
    }

    type AssignmentRow<'a> = (
        &'a str,
        i64,
        Option<String>,
        String,
        String,
        Option<String>,
        &'a str,
    );
    let assignments: Vec<AssignmentRow<'_>> = inquiries
        .iter()
        .flat_map(|inquiry| {
            inquiry.assignments.iter().enumerate().map(
                move |(position, (assignee, rule, by, explanation, at))| {
                    (
                        inquiry.id.as_str(),
                        i64::try_from(position).unwrap_or(i64::MAX),
                        assignee.map(|user| user.0.to_string()),
                        timestamp_to_text(*at),
                        enum_to_text(rule),
                        by.map(|user| user.0.to_string()),
                        explanation.as_str(),
                    )
                },
            )
        })
        .collect();
    for chunk in assignments.chunks(ROWS_PER_STATEMENT) {
        let mut query = Sql::new(
            "INSERT INTO inquiry_assignments
                 (inquiry_id, position, assignee_id, at, rule, by_user_id, explanation) ",
        );
        query.push_values(
            chunk,
            |mut row, (inquiry_id, position, assignee, at, rule, by, explanation)| {
                row.push_bind(*inquiry_id)
                    .push_bind(*position)
                    .push_bind(assignee)
                    .push_bind(at)
                    .push_bind(rule)
                    .push_bind(by)
                    .push_bind(*explanation);
            },
        );
        query.build().execute(&mut **transaction).await?;
    }

    let tags: Vec<(&str, &str)> = inquiries
        .iter()
        .flat_map(|inquiry| inquiry.tags.iter().map(|tag| (inquiry.id.as_str(), *tag)))
        .collect();
    written.tags = tags.len() as u64;
    for chunk in tags.chunks(ROWS_PER_STATEMENT) {
        let mut query = Sql::new("INSERT INTO inquiry_tags (inquiry_id, tag) ");
        query.push_values(chunk, |mut row, (inquiry_id, tag)| {
            row.push_bind(*inquiry_id).push_bind(*tag);
        });
        query.build().execute(&mut **transaction).await?;
    }
    Ok(written)
}

async fn insert_inquiries(
    transaction: &mut Transaction<'_, Db>,
    inquiries: &[BulkInquiry],
    rowids: &[i64],
) -> Result<(), sqlx::Error> {
    let mut query = Sql::new(
        "INSERT INTO inquiries
             (rowid, id, member_id, customer_id, buyer_name, buyer_company, buyer_country,
              buyer_verified, product_name, quantity_value, quantity_unit, subject, message,
              received_at, response_due_at, status, assignee_id, score, unread,
              portal_inquiry_id, kind, product_category, buyer_email, buyer_city, language,
              target_price_amount, target_price_currency, incoterm, destination_country,
              destination_place, needed_by, sample_wanted, oem, first_response_at,
              lost_reason, spam_reason, preview, version, updated_at, message_fingerprint) ",
    );
    query.push_values(inquiries.iter().zip(rowids), |mut row, (inquiry, rowid)| {
        let requirement = &inquiry.requirement;
        row.push_bind(*rowid)
            .push_bind(inquiry.id.clone())
            .push_bind(inquiry.member_id.clone())
            .push_bind(None::<String>)
            .push_bind(inquiry.buyer_name.clone())
            .push_bind(inquiry.buyer_company.clone())
            .push_bind(inquiry.buyer_country)
            .push_bind(i64::from(inquiry.buyer_verified))
            .push_bind(inquiry.product_name)
            .push_bind(
                requirement
                    .quantity
                    .map(|quantity| quantity.value.to_string()),
            )
            .push_bind(
                requirement
                    .quantity
                    .map(|quantity| enum_to_text(&quantity.unit)),
            )
            .push_bind(inquiry.subject.clone())
            .push_bind(inquiry.message.clone())
            .push_bind(timestamp_to_text(inquiry.received_at))
            .push_bind(timestamp_to_text(inquiry.received_at + RESPONSE_TARGET))
            .push_bind(inquiry.status.as_str())
            .push_bind(inquiry.assignee.map(|user| user.0.to_string()))
            .push_bind(i64::from(inquiry.score.value))
            .push_bind(0_i64) // not unread: these are old
            .push_bind(inquiry.portal_inquiry_id.clone())
            .push_bind(enum_to_text(&inquiry.kind))
            .push_bind(inquiry.product_category)
            .push_bind(inquiry.buyer_email.clone())
            .push_bind(inquiry.buyer_city)
            .push_bind(inquiry.language)
            .push_bind(
                requirement
                    .target_price
                    .map(|price| price.amount.to_string()),
            )
            .push_bind(requirement.target_price.map(|price| price.currency.code()))
            .push_bind(requirement.incoterm.map(|incoterm| incoterm.code()))
            .push_bind(
                requirement
                    .destination
                    .as_ref()
                    .map(|destination| destination.country.as_str().to_owned()),
            )
            .push_bind(
                requirement
                    .destination
                    .as_ref()
                    .and_then(|destination| destination.place.clone()),
            )
            .push_bind(requirement.needed_by.map(|date| date.to_string()))
            .push_bind(i64::from(requirement.sample_wanted))
            .push_bind(i64::from(requirement.oem))
            .push_bind(inquiry.first_response_at().map(timestamp_to_text))
            .push_bind(inquiry.lost_reason.map(|reason| enum_to_text(&reason)))
            .push_bind(inquiry.spam_reason)
            .push_bind(preview(inquiry.latest_buyer_message()))
            .push_bind(inquiry.version)
            .push_bind(timestamp_to_text(inquiry.updated_at))
            .push_bind(message_fingerprint(&inquiry.message));
    });
    query.build().execute(&mut **transaction).await?;
    Ok(())
}

/// The full-text rows, prepared as [`search_text`] prepares every search row.
async fn insert_search_rows(
    transaction: &mut Transaction<'_, Db>,
    inquiries: &[BulkInquiry],
    rowids: &[i64],
) -> Result<(), sqlx::Error> {
    let rows: Vec<(i64, Vec<String>)> = inquiries
        .iter()
        .zip(rowids)
        .map(|(inquiry, rowid)| {
            let buyer = [
                inquiry.buyer_name.as_str(),
                &inquiry.buyer_company,
                &inquiry.buyer_email,
            ]
            .join(" ");
            let fields = vec![
                search_text(&inquiry.subject),
                search_text(&inquiry.message),
                search_text(&buyer),
                search_text(inquiry.product_name.unwrap_or_default()),
            ];
            (*rowid, fields)
        })
        .collect();
    search::INQUIRIES.insert_new(transaction, &rows).await
}
