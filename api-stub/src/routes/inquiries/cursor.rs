//! The opaque pagination cursor of `GET /inquiries`: the sort, a fingerprint of
//! the filter, and the sort key of the last item of a page, as hex so it travels
//! in a query string untouched. A cursor only continues the list it came from:
//! another sort or another filter is a malformed request.

use contract::inquiry::{InquiryListQuery, InquirySort};
use sha2::{Digest, Sha256};

use super::row::InquiryRow;
use crate::stored::timestamp_from_text;

/// Version tag, so a future cursor format can be told apart.
const VERSION: &str = "v2";

/// Where the previous page ended, in the terms of its sort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Position {
    /// `received_desc`, `received_asc`: (received_at, id).
    Received {
        /// `received_at` in its stored form.
        at: String,
        /// The hyphenated id.
        id: String,
    },
    /// `score_desc`: (score, received_at, id).
    Score {
        /// The score.
        score: i64,
        /// `received_at` in its stored form.
        at: String,
        /// The hyphenated id.
        id: String,
    },
    /// `due_asc`: (due_rank, due_at, id).
    Due {
        /// 0 while a reply is awaited, 1 after.
        rank: i64,
        /// The due time in its stored form.
        at: String,
        /// The hyphenated id.
        id: String,
    },
}

/// A decoded cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cursor {
    /// The order it continues.
    pub(super) sort: InquirySort,
    /// [`filter_fingerprint`] of the list it continues.
    pub(super) filter: String,
    /// The last item's sort key.
    pub(super) position: Position,
}

/// Why a cursor is refused; each is a 400 naming `cursor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CursorError {
    /// Not something this server produced.
    Malformed,
    /// From a list in another order.
    OtherSort,
    /// From a list with another filter.
    OtherFilter,
}

impl CursorError {
    pub(super) fn message(self) -> &'static str {
        match self {
            CursorError::Malformed => "is not a cursor this server returned",
            CursorError::OtherSort => {
                "belongs to a list in another order; start again without a cursor"
            }
            CursorError::OtherFilter => {
                "belongs to a list with other filters; start again without a cursor"
            }
        }
    }
}

/// A short fingerprint of everything that selects the list's rows (not the sort,
/// the page size or the cursor).
pub(super) fn filter_fingerprint(query: &InquiryListQuery) -> String {
    let mut hasher = Sha256::new();
    for (name, value) in query.to_pairs() {
        if !matches!(name, "sort" | "limit" | "cursor") {
            hasher.update(name.as_bytes());
            hasher.update(b"=");
            hasher.update(value.as_bytes());
            hasher.update(b"&");
        }
    }
    hex::encode(&hasher.finalize()[..8])
}

impl Cursor {
    /// The cursor that continues after `row` in `sort`.
    pub(super) fn after(row: &InquiryRow, sort: InquirySort, filter: String) -> Cursor {
        let id = row.id.clone();
        let position = match sort {
            InquirySort::ReceivedDesc | InquirySort::ReceivedAsc => Position::Received {
                at: row.received_at.clone(),
                id,
            },
            InquirySort::ScoreDesc => Position::Score {
                score: row.score,
                at: row.received_at.clone(),
                id,
            },
            InquirySort::DueAsc => Position::Due {
                rank: row.due_rank,
                at: row.due_at.clone(),
                id,
            },
        };
        Cursor {
            sort,
            filter,
            position,
        }
    }

    pub(super) fn encode(&self) -> String {
        let (number, at, id) = match &self.position {
            Position::Received { at, id } => (String::from("-"), at, id),
            Position::Score { score, at, id } => (score.to_string(), at, id),
            Position::Due { rank, at, id } => (rank.to_string(), at, id),
        };
        hex::encode([VERSION, self.sort.as_str(), &self.filter, &number, at, id].join("|"))
    }

    /// The cursor `text` if it continues the list of `sort` and `filter`.
    pub(super) fn decode(
        text: &str,
        sort: InquirySort,
        filter: &str,
    ) -> Result<Cursor, CursorError> {
        let cursor = Cursor::parse(text).ok_or(CursorError::Malformed)?;
        if cursor.sort != sort {
            Err(CursorError::OtherSort)
        } else if cursor.filter != filter {
            Err(CursorError::OtherFilter)
        } else {
            Ok(cursor)
        }
    }

    /// `None` for anything [`Cursor::encode`] did not produce.
    fn parse(text: &str) -> Option<Cursor> {
        let bytes = hex::decode(text).ok()?;
        let plain = String::from_utf8(bytes).ok()?;
        let parts: Vec<&str> = plain.split('|').collect();
        let [VERSION, sort, filter, number, at, id] = parts.as_slice() else {
            return None;
        };
        let sort = InquirySort::ALL
            .into_iter()
            .find(|candidate| candidate.as_str() == *sort)?;
        if filter.len() != 16 || !filter.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        timestamp_from_text(at).ok()?;
        let at = (*at).to_owned();
        let id = uuid::Uuid::parse_str(id).ok()?.hyphenated().to_string();
        let position = match (sort, *number) {
            (InquirySort::ReceivedDesc | InquirySort::ReceivedAsc, "-") => {
                Position::Received { at, id }
            }
            (InquirySort::ScoreDesc, score) => Position::Score {
                score: score
                    .parse()
                    .ok()
                    .filter(|score| (0..=100).contains(score))?,
                at,
                id,
            },
            (InquirySort::DueAsc, rank @ ("0" | "1")) => Position::Due {
                rank: rank.parse().ok()?,
                at,
                id,
            },
            _ => return None,
        };
        Some(Cursor {
            sort,
            filter: (*filter).to_owned(),
            position,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILTER: &str = "0123456789abcdef";

    fn cursors() -> Vec<Cursor> {
        let at = "2026-03-01T01:15:00.500000Z".to_owned();
        let id = "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11".to_owned();
        vec![
            Cursor {
                sort: InquirySort::ReceivedAsc,
                filter: FILTER.into(),
                position: Position::Received {
                    at: at.clone(),
                    id: id.clone(),
                },
            },
            Cursor {
                sort: InquirySort::ScoreDesc,
                filter: FILTER.into(),
                position: Position::Score {
                    score: 87,
                    at: at.clone(),
                    id: id.clone(),
                },
            },
            Cursor {
                sort: InquirySort::DueAsc,
                filter: FILTER.into(),
                position: Position::Due { rank: 1, at, id },
            },
        ]
    }

    #[test]
    fn cursors_round_trip() {
        for cursor in cursors() {
            assert_eq!(
                Cursor::decode(&cursor.encode(), cursor.sort, FILTER),
                Ok(cursor)
            );
        }
    }

    #[test]
    fn a_cursor_only_continues_its_own_sort_and_filter() {
        let cursor = &cursors()[1];
        assert_eq!(
            Cursor::decode(&cursor.encode(), InquirySort::ReceivedDesc, FILTER),
            Err(CursorError::OtherSort)
        );
        assert_eq!(
            Cursor::decode(&cursor.encode(), InquirySort::ScoreDesc, "fedcba9876543210"),
            Err(CursorError::OtherFilter)
        );
    }

    #[test]
    fn anything_else_is_rejected() {
        let id = "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11";
        let forged = [
            format!("v2|received_desc|{FILTER}|-|yesterday|{id}"),
            format!("v2|score_desc|{FILTER}|101|2026-03-01T01:15:00.500000Z|{id}"),
            format!("v2|due_asc|{FILTER}|2|2026-03-01T01:15:00.500000Z|{id}"),
            format!("v2|received_desc|{FILTER}|5|2026-03-01T01:15:00.500000Z|{id}"),
            format!("v1|2026-03-01T01:15:00.500000Z|{id}"),
        ];
        for bad in ["", "zz", "abc"]
            .into_iter()
            .map(str::to_owned)
            .chain(forged.iter().map(hex::encode))
        {
            assert_eq!(
                Cursor::decode(&bad, InquirySort::ReceivedDesc, FILTER).err(),
                Some(CursorError::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_fingerprint_ignores_sort_limit_and_cursor() {
        let query =
            |pairs: &[(&str, &str)]| InquiryListQuery::from_pairs(pairs.iter().copied()).unwrap();
        let plain = filter_fingerprint(&query(&[("status", "new")]));
        assert_eq!(
            plain,
            filter_fingerprint(&query(&[
                ("status", "new"),
                ("sort", "score_desc"),
                ("limit", "5")
            ]))
        );
        assert_ne!(plain, filter_fingerprint(&query(&[("status", "open")])));
        assert_eq!(plain.len(), 16);
    }
}
