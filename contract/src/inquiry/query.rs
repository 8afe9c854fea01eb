//! `GET /inquiries` query parameters, parsed and written by the same code on
//! both sides, so client and server cannot disagree on a filter.
//!
//! | Parameter | Meaning |
//! |-----------|---------|
//! | `status` | comma-separated statuses, e.g. `new,open` |
//! | `assignee` | `me`, `unassigned` or a user id |
//! | `unread` | `true` or `false` |
//! | `score_min`, `score_max` | 0 to 100, inclusive |
//! | `received_from`, `received_to` | RFC 3339 times; from inclusive, to exclusive |
//! | `country` | ISO 3166-1 alpha-2 code of the buyer |
//! | `tag` | one tag the inquiry carries |
//! | `q` | words to search for in subject, message, buyer and product |
//! | `sort` | `received_desc` (default), `received_asc`, `score_desc`, `due_asc` |
//! | `limit` | 1 to 200, default 50 |
//! | `cursor` | the `next_cursor` of the previous page (same filter and sort) |

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{InquiryStatus, InquirySummary};
use crate::country::CountryCode;
use crate::ids::UserId;
use crate::problem::FieldError;
use crate::validation::FieldErrors;

/// Whose inquiries to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// Assigned to the caller.
    Me,
    /// Assigned to nobody.
    Unassigned,
    /// Assigned to this user.
    User(UserId),
}

impl AssigneeFilter {
    /// The wire form: `me`, `unassigned` or the user's id.
    pub fn to_wire(self) -> String {
        match self {
            AssigneeFilter::Me => "me".to_owned(),
            AssigneeFilter::Unassigned => "unassigned".to_owned(),
            AssigneeFilter::User(id) => id.to_string(),
        }
    }

    /// Whether an inquiry assigned to `assignee` is one of these, for the user `me`.
    pub fn accepts(self, assignee: Option<UserId>, me: Option<UserId>) -> bool {
        match self {
            AssigneeFilter::Me => me.is_some() && assignee == me,
            AssigneeFilter::Unassigned => assignee.is_none(),
            AssigneeFilter::User(user) => assignee == Some(user),
        }
    }
}

impl std::str::FromStr for AssigneeFilter {
    type Err = &'static str;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "me" => Ok(AssigneeFilter::Me),
            "unassigned" => Ok(AssigneeFilter::Unassigned),
            id => id
                .parse::<UserId>()
                .map(AssigneeFilter::User)
                .map_err(|_| "must be me, unassigned or a user id"),
        }
    }
}

/// The order of the list. Ties are broken by id, so pages never overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InquirySort {
    /// Newest first.
    #[default]
    ReceivedDesc,
    /// Oldest first.
    ReceivedAsc,
    /// Best score first.
    ScoreDesc,
    /// Earliest response deadline first (answered ones last).
    DueAsc,
}

impl InquirySort {
    /// Every order.
    pub const ALL: [InquirySort; 4] = [
        InquirySort::ReceivedDesc,
        InquirySort::ReceivedAsc,
        InquirySort::ScoreDesc,
        InquirySort::DueAsc,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            InquirySort::ReceivedDesc => "received_desc",
            InquirySort::ReceivedAsc => "received_asc",
            InquirySort::ScoreDesc => "score_desc",
            InquirySort::DueAsc => "due_asc",
        }
    }
}

/// Which inquiries to list. Every condition narrows the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InquiryFilter {
    /// Any of these statuses; empty: all.
    pub statuses: Vec<InquiryStatus>,
    /// Whose.
    pub assignee: Option<AssigneeFilter>,
    /// Only unread (`true`) or only read (`false`).
    pub unread: Option<bool>,
    /// Lowest score, inclusive.
    pub score_min: Option<u8>,
    /// Highest score, inclusive.
    pub score_max: Option<u8>,
    /// Received at or after.
    pub received_from: Option<OffsetDateTime>,
    /// Received before.
    pub received_to: Option<OffsetDateTime>,
    /// The buyer's country.
    pub country: Option<CountryCode>,
    /// Carrying this tag.
    pub tag: Option<String>,
    /// Free-text search.
    pub search: Option<String>,
}

impl InquiryFilter {
    /// Whether `inquiry` meets every condition but the free-text search, for
    /// the user `me`: the rules the server's list applies, for clients that
    /// filter a cached copy.
    pub fn accepts(&self, inquiry: &InquirySummary, me: Option<UserId>) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&inquiry.status))
            && self.assignee.is_none_or(|assignee| {
                assignee.accepts(inquiry.assignee.as_ref().map(|user| user.id), me)
            })
            && self.unread.is_none_or(|unread| inquiry.unread == unread)
            && self.score_min.is_none_or(|min| inquiry.score >= min)
            && self.score_max.is_none_or(|max| inquiry.score <= max)
            && self
                .received_from
                .is_none_or(|from| inquiry.received_at >= from)
            && self.received_to.is_none_or(|to| inquiry.received_at < to)
            && self
                .country
                .is_none_or(|country| inquiry.buyer.country == country)
            && self.tag.as_deref().is_none_or(|tag| {
                let tag = tag.trim();
                inquiry
                    .tags
                    .iter()
                    .any(|carried| carried.eq_ignore_ascii_case(tag))
            })
    }
}

impl InquirySort {
    /// A key that orders inquiries as the server's list does (smaller first),
    /// made of integers so that sorting many is cheap. Ties end in the id.
    pub fn key(self, inquiry: &InquirySummary) -> (i128, i128, u128) {
        let received = inquiry.received_at.unix_timestamp_nanos();
        let id = inquiry.id.0.as_u128();
        match self {
            InquirySort::ReceivedDesc => (-received, 0, u128::MAX - id),
            InquirySort::ReceivedAsc => (received, 0, id),
            InquirySort::ScoreDesc => (-i128::from(inquiry.score), -received, u128::MAX - id),
            InquirySort::DueAsc => {
                let waiting = inquiry.first_response_at.is_none() && inquiry.status.is_active();
                let due = inquiry
                    .response_due_at
                    .unwrap_or(inquiry.received_at)
                    .unix_timestamp_nanos();
                (i128::from(!waiting), due, id)
            }
        }
    }
}

/// A whole list request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InquiryListQuery {
    /// Which inquiries.
    pub filter: InquiryFilter,
    /// In which order.
    pub sort: InquirySort,
    /// At most this many (1 to [`InquiryListQuery::MAX_LIMIT`]).
    pub limit: Option<u32>,
    /// Continue after the page that returned this cursor.
    pub cursor: Option<String>,
}

impl InquiryListQuery {
    /// Page size when none is asked for.
    pub const DEFAULT_LIMIT: u32 = 50;
    /// The largest page a client may ask for.
    pub const MAX_LIMIT: u32 = 200;
    /// The longest search text accepted.
    pub const MAX_SEARCH_CHARS: usize = 200;

    /// The page size to use.
    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(Self::DEFAULT_LIMIT)
    }

    /// The query string parameters, in a stable order (absent ones left out).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let filter = &self.filter;
        let mut pairs = Vec::new();
        if !filter.statuses.is_empty() {
            let statuses: Vec<&str> = filter
                .statuses
                .iter()
                .map(|status| status.as_str())
                .collect();
            pairs.push(("status", statuses.join(",")));
        }
        if let Some(assignee) = filter.assignee {
            pairs.push(("assignee", assignee.to_wire()));
        }
        let mut push = |name, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        push("unread", filter.unread.map(|unread| unread.to_string()));
        push("score_min", filter.score_min.map(|score| score.to_string()));
        push("score_max", filter.score_max.map(|score| score.to_string()));
        push(
            "received_from",
            filter
                .received_from
                .and_then(|time| time.format(&Rfc3339).ok()),
        );
        push(
            "received_to",
            filter
                .received_to
                .and_then(|time| time.format(&Rfc3339).ok()),
        );
        push("country", filter.country.map(|country| country.to_string()));
        push("tag", filter.tag.clone());
        push("q", filter.search.clone());
        if self.sort != InquirySort::default() {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(cursor) = &self.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        pairs
    }

    /// Parses query string parameters; every invalid one is reported by name.
    /// Empty values count as absent; unknown parameters are rejected so that a
    /// typo never silently widens a list.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<InquiryListQuery, Vec<FieldError>> {
        let mut query = InquiryListQuery::default();
        let mut errors = FieldErrors::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, value) in pairs {
            if seen.contains(&name) {
                errors.add(name, "is given more than once");
                continue;
            }
            seen.push(name);
            if value.is_empty() {
                continue;
            }
            parse_pair(&mut query, &mut errors, name, value);
        }
        let filter = &query.filter;
        if let (Some(min), Some(max)) = (filter.score_min, filter.score_max) {
            errors.check(min <= max, "score_min", "must not be above score_max");
        }
        if let (Some(from), Some(to)) = (filter.received_from, filter.received_to) {
            errors.check(from < to, "received_from", "must be before received_to");
        }
        errors.finish().map(|()| query)
    }
}

fn parse_pair(query: &mut InquiryListQuery, errors: &mut FieldErrors, name: &str, value: &str) {
    let filter = &mut query.filter;
    let score = |errors: &mut FieldErrors| match value.parse::<u8>() {
        Ok(score) if score <= 100 => Some(score),
        _ => {
            errors.add(name, "must be a whole number from 0 to 100");
            None
        }
    };
    let time = |errors: &mut FieldErrors| match OffsetDateTime::parse(value, &Rfc3339) {
        Ok(time) => Some(time),
        Err(_) => {
            errors.add(
                name,
                "must be an RFC 3339 time such as 2026-11-22T09:00:00Z",
            );
            None
        }
    };
    match name {
        "status" => {
            for part in value.split(',') {
                match part.trim().parse::<InquiryStatus>() {
                    Ok(status) if !filter.statuses.contains(&status) => {
                        filter.statuses.push(status)
                    }
                    Ok(_) => {}
                    Err(error) => errors.add(name, error.to_string()),
                }
            }
        }
        "assignee" => match value.parse::<AssigneeFilter>() {
            Ok(assignee) => filter.assignee = Some(assignee),
            Err(error) => errors.add(name, error),
        },
        "unread" => match value {
            "true" => filter.unread = Some(true),
            "false" => filter.unread = Some(false),
            _ => errors.add(name, "must be true or false"),
        },
        "score_min" => filter.score_min = score(errors),
        "score_max" => filter.score_max = score(errors),
        "received_from" => filter.received_from = time(errors),
        "received_to" => filter.received_to = time(errors),
        "country" => match value.parse::<CountryCode>() {
            Ok(country) => filter.country = Some(country),
            Err(error) => errors.add(name, error.to_string()),
        },
        "tag" => {
            errors.check_text(value, name, 1, 40);
            filter.tag = Some(value.trim().to_owned());
        }
        "q" => {
            errors.check_text(value, name, 1, InquiryListQuery::MAX_SEARCH_CHARS);
            filter.search = Some(value.trim().to_owned());
        }
        "sort" => match InquirySort::ALL
            .into_iter()
            .find(|sort| sort.as_str() == value)
        {
            Some(sort) => query.sort = sort,
            None => errors.add(
                name,
                "must be received_desc, received_asc, score_desc or due_asc",
            ),
        },
        "limit" => match value.parse::<u32>() {
            Ok(limit) if (1..=InquiryListQuery::MAX_LIMIT).contains(&limit) => {
                query.limit = Some(limit)
            }
            _ => errors.add(
                name,
                format!(
                    "must be a whole number from 1 to {}",
                    InquiryListQuery::MAX_LIMIT
                ),
            ),
        },
        "cursor" => query.cursor = Some(value.to_owned()),
        _ => errors.add(name, "is not a parameter of this list"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<InquiryListQuery, Vec<FieldError>> {
        InquiryListQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn every_parameter_round_trips() {
        let query = parse(&[
            ("status", "new,open"),
            ("assignee", "unassigned"),
            ("unread", "true"),
            ("score_min", "40"),
            ("score_max", "90"),
            ("received_from", "2026-11-01T00:00:00Z"),
            ("received_to", "2026-11-22T00:00:00Z"),
            ("country", "de"),
            ("tag", "urgent"),
            ("q", "led panel"),
            ("sort", "score_desc"),
            ("limit", "20"),
            ("cursor", "abc"),
        ])
        .unwrap();
        assert_eq!(
            query.filter.statuses,
            vec![InquiryStatus::New, InquiryStatus::Open]
        );
        assert_eq!(query.filter.country.unwrap().as_str(), "DE");
        let pairs = query.to_pairs();
        let reparsed =
            InquiryListQuery::from_pairs(pairs.iter().map(|(name, value)| (*name, value.as_str())))
                .unwrap();
        assert_eq!(reparsed, query);
    }

    #[test]
    fn each_bad_parameter_is_reported_by_name() {
        let errors = parse(&[
            ("status", "new,pending"),
            ("assignee", "bob"),
            ("unread", "yes"),
            ("score_min", "101"),
            ("received_to", "yesterday"),
            ("country", "Germany"),
            ("sort", "random"),
            ("limit", "0"),
            ("colour", "red"),
        ])
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "status",
                "assignee",
                "unread",
                "score_min",
                "received_to",
                "country",
                "sort",
                "limit",
                "colour"
            ]
        );
    }

    #[test]
    fn contradictory_ranges_and_repeats_are_rejected() {
        assert!(parse(&[("score_min", "80"), ("score_max", "20")]).is_err());
        assert!(
            parse(&[
                ("received_from", "2026-11-22T00:00:00Z"),
                ("received_to", "2026-11-01T00:00:00Z")
            ])
            .is_err()
        );
        assert!(parse(&[("limit", "5"), ("limit", "6")]).is_err());
        assert_eq!(
            parse(&[("q", ""), ("status", "")]).unwrap(),
            InquiryListQuery::default()
        );
    }
}
