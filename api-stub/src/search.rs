//! Full-text search, one results contract on both databases.
//!
//! - **SQLite**: FTS5 tables with the `unicode61` tokenizer, one column per field,
//!   queried with `MATCH`.
//! - **PostgreSQL**: tables of the same names holding one `tsvector` per row (with
//!   a GIN index), queried with `@@`. The document and the query are built here,
//!   by `unicode61`'s rules ([`tokens`]: runs of letters and digits, lower case,
//!   diacritics removed), not by a text search configuration: PostgreSQL's parser
//!   keeps e-mail addresses, host names and hyphenated words whole and would find
//!   other rows than FTS5 does. Each field's tokens are positioned after the
//!   previous field's with a gap, so that a phrase never spans two fields, as in
//!   FTS5.
//!
//! Chinese and Japanese are written without spaces, so `unicode61` would make a
//! whole sentence one token, in which no word could be found. Inquiries are
//! therefore indexed one Han or kana character per token ([`search_text`]) and
//! searched as a phrase of consecutive characters, which finds any substring of
//! the original text.
//!
//! What a user typed becomes [`Terms`]: phrases that must all occur, in any
//! field, each quoted, so nothing typed is ever FTS5 or `tsquery` syntax.

use std::collections::BTreeMap;

use contract::validation::FieldErrors;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::sql::{Backend, DbConnection, Sql};
use crate::text::is_unspaced;

/// One full-text index: its table, and its fields in FTS5's column order.
#[derive(Debug)]
pub struct Index {
    table: &'static str,
    fields: &'static [&'static str],
}

/// Inquiries: subject, the buyer's messages, the buyer (name, company, e-mail)
/// and the product, each prepared by [`search_text`].
pub const INQUIRIES: Index = Index {
    table: "inquiries_fts",
    fields: &["subject", "body", "buyer", "product"],
};

/// Customers: the name, and the details (website, industry, contacts' names and
/// e-mails).
pub const CUSTOMERS: Index = Index {
    table: "customers_fts",
    fields: &["name", "details"],
};

/// Products: name, SKU, and the details (category, description).
pub const PRODUCTS: Index = Index {
    table: "products_fts",
    fields: &["name", "sku", "details"],
};

impl Index {
    /// Indexes row `rowid` with `fields` (one text per field, in order), replacing
    /// what it had.
    pub async fn put(
        &self,
        connection: &mut DbConnection,
        rowid: i64,
        fields: &[&str],
    ) -> Result<(), sqlx::Error> {
        debug_assert_eq!(fields.len(), self.fields.len(), "{}", self.table);
        match Backend::of(connection) {
            Backend::Sqlite => {
                self.remove(connection, rowid).await?;
                let mut query = Sql::new(format_args!(
                    "INSERT INTO {} (rowid, {}) ",
                    self.table,
                    self.fields.join(", ")
                ));
                query.push_values([(rowid, fields)], |mut row, (rowid, fields)| {
                    row.push_bind(rowid);
                    for field in fields {
                        row.push_bind(*field);
                    }
                });
                query.build().execute(connection).await?;
            }
            Backend::Postgres => {
                sqlx::query(&format!(
                    "INSERT INTO {} (rowid, document) VALUES ($1, $2::tsvector) \
                     ON CONFLICT (rowid) DO UPDATE SET document = excluded.document",
                    self.table
                ))
                .bind(rowid)
                .bind(document(fields))
                .execute(connection)
                .await?;
            }
        }
        Ok(())
    }

    /// Indexes rows that are not indexed yet, all in one statement: each
    /// `(rowid, fields)` as [`Index::put`] takes them.
    pub async fn insert_new(
        &self,
        connection: &mut DbConnection,
        rows: &[(i64, Vec<String>)],
    ) -> Result<(), sqlx::Error> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut query = match Backend::of(connection) {
            Backend::Sqlite => {
                let mut query = Sql::new(format_args!(
                    "INSERT INTO {} (rowid, {}) ",
                    self.table,
                    self.fields.join(", ")
                ));
                query.push_values(rows, |mut row, (rowid, fields)| {
                    row.push_bind(*rowid);
                    for field in fields {
                        row.push_bind(field.as_str());
                    }
                });
                query
            }
            Backend::Postgres => {
                let mut query = Sql::new(format_args!(
                    "INSERT INTO {} (rowid, document) ",
                    self.table
                ));
                query.push_values(rows, |mut row, (rowid, fields)| {
                    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
                    row.push_bind(*rowid)
                        .push_bind(document(&fields))
                        .push_unseparated("::tsvector");
                });
                query
            }
        };
        query.build().execute(connection).await?;
        Ok(())
    }

    /// Removes row `rowid` from the index.
    pub async fn remove(
        &self,
        connection: &mut DbConnection,
        rowid: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(&format!("DELETE FROM {} WHERE rowid = $1", self.table))
            .bind(rowid)
            .execute(connection)
            .await?;
        Ok(())
    }

    /// Pushes ` AND <rowid_column> IN (rows matching condition)`.
    pub fn push_matching(&self, query: &mut Sql<'_>, rowid_column: &str, condition: &Condition) {
        query.push(format_args!(
            " AND {rowid_column} IN (SELECT rowid FROM {} WHERE ",
            self.table
        ));
        match condition.backend {
            Backend::Sqlite => {
                query.push(format_args!("{} MATCH ", self.table));
                query.push_bind(condition.expression.clone());
            }
            Backend::Postgres => {
                query.push("document @@ ");
                query.push_bind(condition.expression.clone());
                query.push("::tsquery");
            }
        }
        query.push(")");
    }
}

/// At most this many characters of search text in a list's `q`.
const MAX_CHARS: usize = 200;

/// At most this many words in a list's `q`.
const MAX_WORDS: usize = 12;

/// What a user searches for: phrases that must all occur (each in one field),
/// the last token of some of them also as the start of a longer word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms(Vec<Phrase>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    /// The words as the index holds them.
    text: String,
    /// Whether the last token may be the start of a longer one.
    prefix: bool,
}

impl Terms {
    /// A search of the inquiries as typed into the inbox: every word must occur,
    /// the last one also as the start of a longer word, so results narrow while
    /// typing; punctuation inside a word makes it a phrase, as in the index.
    /// `None` when the text has no letter or digit: such a search matches
    /// nothing.
    pub fn typed(words: &str) -> Option<Terms> {
        let words: Vec<&str> = words
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .collect();
        let last = words.len().checked_sub(1)?;
        let phrases = words.iter().enumerate().map(|(index, word)| Phrase {
            text: search_text(word),
            // A prefix query on a lone ideograph adds nothing: each is a whole token.
            prefix: index == last
                && word
                    .chars()
                    .rev()
                    .find(|character| character.is_alphanumeric())
                    .is_some_and(|character| !is_unspaced(character)),
        });
        Some(Terms(phrases.collect()))
    }

    /// A list's `q` (customers, products): every word as the start of a word
    /// (so "muel" finds "Müller"), or `None` after recording in `errors` why
    /// `text` in parameter `field` cannot be searched for.
    pub fn parameter(text: &str, field: &str, errors: &mut FieldErrors) -> Option<Terms> {
        if text.chars().count() > MAX_CHARS {
            errors.add(field, format!("must have at most {MAX_CHARS} characters"));
            return None;
        }
        let phrases: Vec<Phrase> = text
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .map(|word| Phrase {
                text: word.to_owned(),
                prefix: true,
            })
            .collect();
        if phrases.is_empty() {
            errors.add(field, "must contain a letter or a digit");
            return None;
        }
        if phrases.len() > MAX_WORDS {
            errors.add(field, format!("must have at most {MAX_WORDS} words"));
            return None;
        }
        Some(Terms(phrases))
    }

    /// The condition finding these terms on `backend`.
    pub fn condition(&self, backend: Backend) -> Condition {
        let expression = match backend {
            Backend::Sqlite => self.fts5(),
            Backend::Postgres => self.tsquery(),
        };
        Condition {
            backend,
            expression,
        }
    }

    /// The FTS5 `MATCH` expression: each phrase a quoted string, `*` after a
    /// prefix.
    fn fts5(&self) -> String {
        let mut expression = String::new();
        for phrase in &self.0 {
            if !expression.is_empty() {
                expression.push(' ');
            }
            expression.push('"');
            expression.push_str(&phrase.text.replace('"', "\"\""));
            expression.push('"');
            if phrase.prefix {
                expression.push('*');
            }
        }
        expression
    }

    /// The `tsquery`: phrases joined by `&`, each phrase's tokens by `<->`, a
    /// prefix's last token marked `:*`.
    fn tsquery(&self) -> String {
        let mut query = String::new();
        for phrase in &self.0 {
            let tokens: Vec<String> = tokens(&phrase.text).collect();
            if tokens.is_empty() {
                continue;
            }
            if !query.is_empty() {
                query.push_str(" & ");
            }
            query.push('(');
            for (index, token) in tokens.iter().enumerate() {
                if index > 0 {
                    query.push_str(" <-> ");
                }
                push_quoted(&mut query, token);
            }
            if phrase.prefix {
                query.push_str(":*");
            }
            query.push(')');
        }
        query
    }
}

/// [`Terms`] as one backend's query text, for [`Index::push_matching`].
#[derive(Clone, Debug)]
pub struct Condition {
    backend: Backend,
    expression: String,
}

/// `text` as it goes into the inquiries' index: unchanged, except that every Han
/// or kana character stands alone between spaces, so that each is one token.
pub fn search_text(text: &str) -> String {
    let mut indexed = String::with_capacity(text.len() + text.len() / 2);
    for character in text.chars() {
        if is_unspaced(character) {
            indexed.push(' ');
            indexed.push(character);
            indexed.push(' ');
        } else {
            indexed.push(character);
        }
    }
    indexed
}

/// PostgreSQL's limits: a lexeme's bytes, a position, positions per lexeme.
const MAX_LEXEME_BYTES: usize = 2046;
const MAX_POSITION: u16 = 16_383;
const MAX_POSITIONS: usize = 256;

/// The tokens of `text` as FTS5's `unicode61` makes them: maximal runs of
/// letters, digits and combining marks, lower case, without diacritics.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|character: char| !(character.is_alphanumeric() || is_combining_mark(character)))
        .filter_map(|run| {
            let mut token = String::with_capacity(run.len());
            for character in run.chars().flat_map(char::to_lowercase).nfd() {
                if !is_combining_mark(character) {
                    if token.len() + character.len_utf8() > MAX_LEXEME_BYTES {
                        break;
                    }
                    token.push(character);
                }
            }
            (!token.is_empty()).then_some(token)
        })
}

/// The `tsvector` literal of a row's fields: every token with its positions,
/// each field's tokens one position past the previous field's last.
fn document(fields: &[&str]) -> String {
    let mut positions: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut position: u16 = 0;
    for field in fields {
        for token in tokens(field) {
            position = position.saturating_add(1).min(MAX_POSITION);
            let list = positions.entry(token).or_default();
            if list.len() < MAX_POSITIONS && list.last() != Some(&position) {
                list.push(position);
            }
        }
        position = position.saturating_add(1).min(MAX_POSITION);
    }
    let mut document = String::new();
    for (token, list) in positions {
        if !document.is_empty() {
            document.push(' ');
        }
        push_quoted(&mut document, &token);
        for (index, position) in list.iter().enumerate() {
            document.push(if index == 0 { ':' } else { ',' });
            document.push_str(&position.to_string());
        }
    }
    document
}

/// Appends `token` single-quoted, as `tsvector` and `tsquery` literals spell a
/// lexeme (tokens are letters and digits, but nothing relies on it).
fn push_quoted(out: &mut String, token: &str) {
    out.push('\'');
    for character in token.chars() {
        match character {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            other => out.push(other),
        }
    }
    out.push('\'');
}

#[cfg(test)]
mod tests;
