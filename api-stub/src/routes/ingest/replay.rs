//! The answer to an ingest of a portal inquiry id seen before: the first result,
//! rebuilt from what was stored.

use contract::ids::MemberId;
use contract::inquiry::{Assignment, IngestedInquiry, ScoreReason, ScoreSignal};
use contract::user::UserRef;

use crate::error::ApiError;
use crate::sql::DbConnection;
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

#[derive(sqlx::FromRow)]
struct FirstResult {
    id: String,
    customer_id: Option<String>,
    score: i64,
    assignee_id: Option<String>,
    assignee_name: Option<String>,
    at: Option<String>,
    rule: Option<String>,
    explanation: Option<String>,
}

/// The result of the first ingest of `portal_inquiry_id` for `member`, if any.
pub(super) async fn replay(
    connection: &mut DbConnection,
    member: MemberId,
    portal_inquiry_id: &str,
) -> Result<Option<IngestedInquiry>, ApiError> {
    let first: Option<FirstResult> = sqlx::query_as(
        "SELECT i.id, i.customer_id, i.score, h.assignee_id, u.name AS assignee_name, h.at,
                h.rule, h.explanation
         FROM inquiries i
         LEFT JOIN inquiry_assignments h ON h.inquiry_id = i.id AND h.position = 0
         LEFT JOIN users u ON u.id = h.assignee_id
         WHERE i.member_id = $1 AND i.portal_inquiry_id = $2",
    )
    .bind(member.to_string())
    .bind(portal_inquiry_id)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(first) = first else {
        return Ok(None);
    };
    let Some(customer_id) = first.customer_id else {
        return Err(ApiError::Conflict(
            "This inquiry was taken over before, but its customer has since been deleted."
                .to_owned(),
        ));
    };
    let reasons: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT signal, points, detail FROM inquiry_score_reasons
         WHERE inquiry_id = $1 ORDER BY position",
    )
    .bind(&first.id)
    .fetch_all(&mut *connection)
    .await?;
    let score_reasons = reasons
        .into_iter()
        .map(|(signal, points, detail)| {
            Ok(ScoreReason {
                signal: enum_from_text("score signal", &signal)?,
                points: i16::try_from(points).unwrap_or_default(),
                detail,
            })
        })
        .collect::<Result<Vec<_>, StoredValueError>>()?;
    let assignee = match (first.assignee_id, first.assignee_name) {
        (Some(id), Some(name)) => Some(UserRef {
            id: parse_stored("user id", &id)?,
            name,
        }),
        _ => None,
    };
    let (Some(at), Some(rule), Some(explanation)) = (first.at, first.rule, first.explanation)
    else {
        return Err(StoredValueError {
            what: "assignment history",
            text: first.id,
            reason: "an ingested inquiry has no first assignment".to_owned(),
        }
        .into());
    };
    Ok(Some(IngestedInquiry {
        inquiry_id: parse_stored("inquiry id", &first.id)?,
        customer_id: parse_stored("customer id", &customer_id)?,
        // The known-customer reason is given exactly when the customer existed before.
        returning_customer: score_reasons
            .iter()
            .any(|reason| reason.signal == ScoreSignal::KnownCustomer),
        score: u8::try_from(first.score.clamp(0, 100)).unwrap_or_default(),
        score_reasons,
        assignment: Assignment {
            assignee,
            at: timestamp_from_text(&at)?,
            rule: enum_from_text("assignment rule", &rule)?,
            by: None,
            explanation,
        },
    }))
}
