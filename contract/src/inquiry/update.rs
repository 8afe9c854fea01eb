//! What a member changes on an inquiry: `PATCH /inquiries/{id}` (status, lost
//! reason, spam, assignee, read state, tags; with `If-Match`) and
//! `POST /inquiries/{id}/replies`.

use serde::{Deserialize, Serialize};

use super::InquiryStatus;
use crate::ids::UserId;
use crate::problem::FieldError;
use crate::validation::{FieldErrors, patch};

/// Why an inquiry was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LostReason {
    /// Our price was too high.
    Price,
    /// We could not deliver in time.
    LeadTime,
    /// Our product did not meet the specification or certification asked for.
    Specification,
    /// The buyer stopped answering.
    NoResponse,
    /// The buyer chose another supplier.
    CompetitorChosen,
    /// The buyer's project was cancelled.
    ProjectCancelled,
    /// Something else.
    Other,
}

impl LostReason {
    /// Every reason, most common first.
    pub const ALL: [LostReason; 7] = [
        LostReason::Price,
        LostReason::LeadTime,
        LostReason::Specification,
        LostReason::NoResponse,
        LostReason::CompetitorChosen,
        LostReason::ProjectCancelled,
        LostReason::Other,
    ];

    /// The wire name, e.g. `"lead_time"`.
    pub fn as_str(self) -> &'static str {
        match self {
            LostReason::Price => "price",
            LostReason::LeadTime => "lead_time",
            LostReason::Specification => "specification",
            LostReason::NoResponse => "no_response",
            LostReason::CompetitorChosen => "competitor_chosen",
            LostReason::ProjectCancelled => "project_cancelled",
            LostReason::Other => "other",
        }
    }
}

/// `PATCH /inquiries/{id}`: every field is optional; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InquiryPatch {
    /// The new status; must be reachable from the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InquiryStatus>,
    /// Required when the status becomes `lost`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<LostReason>,
    /// Required when the status becomes `spam`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spam_reason: Option<String>,
    /// The new assignee; `null` unassigns. Reps may only assign to themselves.
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub assignee_id: Option<Option<UserId>>,
    /// Mark as read (`false`) or unread (`true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<bool>,
    /// Replaces the tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// The most tags an inquiry or customer carries.
pub const MAX_TAGS: usize = 20;

impl InquiryPatch {
    /// Checks what can be checked without the current inquiry.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        let nothing = self.status.is_none()
            && self.assignee_id.is_none()
            && self.unread.is_none()
            && self.tags.is_none()
            && self.lost_reason.is_none()
            && self.spam_reason.is_none();
        errors.check(!nothing, "", "must change at least one field");
        errors.check(
            self.status == Some(InquiryStatus::Lost) || self.lost_reason.is_none(),
            "/lost_reason",
            "is only accepted when the status becomes lost",
        );
        errors.check(
            self.status != Some(InquiryStatus::Lost) || self.lost_reason.is_some(),
            "/lost_reason",
            "is required when the status becomes lost",
        );
        match (&self.status, &self.spam_reason) {
            (Some(InquiryStatus::Spam), Some(reason)) => {
                errors.check_text(reason, "/spam_reason", 1, 500)
            }
            (Some(InquiryStatus::Spam), None) => {
                errors.add("/spam_reason", "is required when the status becomes spam")
            }
            (_, Some(_)) => errors.add(
                "/spam_reason",
                "is only accepted when the status becomes spam",
            ),
            (_, None) => {}
        }
        if let Some(tags) = &self.tags {
            validate_tags(tags, "/tags", &mut errors);
        }
        errors.finish()
    }
}

/// Tags: at most [`MAX_TAGS`], each 1 to 40 characters, no duplicates.
pub fn validate_tags(tags: &[String], field: &str, errors: &mut FieldErrors) {
    errors.check(
        tags.len() <= MAX_TAGS,
        field,
        format!("must have at most {MAX_TAGS} tags"),
    );
    for (index, tag) in tags.iter().enumerate() {
        let pointer = [field, "/", &index.to_string()].concat();
        errors.check_text(tag, &pointer, 1, 40);
        errors.check(
            !tags[..index]
                .iter()
                .any(|earlier| earlier.trim().eq_ignore_ascii_case(tag.trim())),
            pointer,
            "is a duplicate",
        );
    }
}

/// `POST /inquiries/{id}/replies`: the member answers the buyer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReply {
    /// The reply, plain text.
    pub body: String,
}

impl NewReply {
    /// The longest reply accepted.
    pub const MAX_CHARS: usize = 10_000;

    /// Checks the reply.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.body, "/body", 1, Self::MAX_CHARS);
        errors.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_must_change_something_and_give_reasons() {
        assert!(InquiryPatch::default().validate().is_err());
        let lost = InquiryPatch {
            status: Some(InquiryStatus::Lost),
            ..InquiryPatch::default()
        };
        assert_eq!(lost.validate().unwrap_err()[0].field, "/lost_reason");
        let lost = InquiryPatch {
            lost_reason: Some(LostReason::Price),
            ..lost
        };
        assert!(lost.validate().is_ok());
        let spam = InquiryPatch {
            status: Some(InquiryStatus::Spam),
            ..InquiryPatch::default()
        };
        assert_eq!(spam.validate().unwrap_err()[0].field, "/spam_reason");
    }

    #[test]
    fn unassigning_is_null_and_leaving_is_absent() {
        let unassign: InquiryPatch = serde_json::from_str(r#"{"assignee_id":null}"#).unwrap();
        assert_eq!(unassign.assignee_id, Some(None));
        assert!(unassign.validate().is_ok());
        assert!(serde_json::from_str::<InquiryPatch>(r#"{"colour":"red"}"#).is_err());
    }

    #[test]
    fn tags_are_limited_and_unique() {
        let patch = InquiryPatch {
            tags: Some(vec!["OEM".into(), "oem".into(), String::new()]),
            ..InquiryPatch::default()
        };
        let fields: Vec<String> = patch
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["/tags/1", "/tags/2"]);
    }
}
