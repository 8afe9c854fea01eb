//! Customer search: turning what a user typed into a safe FTS5 `MATCH` expression
//! ([`fts_match`], shared with the product list: every word becomes a quoted prefix
//! string, so no FTS5 syntax typed by the user is ever interpreted), and keeping a
//! customer's `customers_fts` row (name; website, industry, contacts' names and
//! e-mails) and `email_domain` (the first company e-mail domain among its contacts)
//! in step with its rows ([`sync_search`]).

use contract::ids::CustomerId;
use contract::validation::FieldErrors;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::sql::DbConnection;
use crate::text::company_email_domain;

/// At most this many characters of search text.
const MAX_CHARS: usize = 200;

/// At most this many words.
const MAX_WORDS: usize = 12;

/// The `MATCH` expression finding rows that contain every word of `text` (each as
/// a prefix, so "muel" finds "Müller"), or `None` after recording why `text` in
/// parameter `field` cannot be searched for.
pub(in crate::routes) fn fts_match(
    text: &str,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<String> {
    if text.chars().count() > MAX_CHARS {
        errors.add(field, format!("must have at most {MAX_CHARS} characters"));
        return None;
    }
    let terms: Vec<String> = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| ["\"", &word.replace('"', "\"\""), "\"*"].concat())
        .collect();
    if terms.is_empty() {
        errors.add(field, "must contain a letter or a digit");
        return None;
    }
    if terms.len() > MAX_WORDS {
        errors.add(field, format!("must have at most {MAX_WORDS} words"));
        return None;
    }
    Some(terms.join(" "))
}

/// The customer's row in `customers_fts` rebuilt from its current rows, and, with
/// `domain`, its `email_domain` recomputed from its contacts.
pub(super) async fn sync_search(
    connection: &mut DbConnection,
    caller: &Caller,
    id: CustomerId,
    domain: bool,
) -> Result<(), ApiError> {
    let (row_number, name, website, industry): (i64, String, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT rowid, name, website, industry FROM customers WHERE id = $1 AND member_id = $2",
        )
        .bind(id.to_string())
        .bind(caller.member_id.to_string())
        .fetch_one(&mut *connection)
        .await?;
    let contacts: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, emails FROM contacts WHERE customer_id = $1 ORDER BY position, id",
    )
    .bind(id.to_string())
    .fetch_all(&mut *connection)
    .await?;
    let mut details = vec![website.unwrap_or_default(), industry.unwrap_or_default()];
    let mut email_domain = None;
    for (contact_name, emails) in contacts {
        let emails: Vec<String> = super::row::json_list("contact e-mails", &emails)?;
        if email_domain.is_none() {
            email_domain = emails.iter().find_map(|email| company_email_domain(email));
        }
        details.push(contact_name);
        details.extend(emails);
    }
    sqlx::query("DELETE FROM customers_fts WHERE rowid = $1")
        .bind(row_number)
        .execute(&mut *connection)
        .await?;
    sqlx::query("INSERT INTO customers_fts (rowid, name, details) VALUES ($1, $2, $3)")
        .bind(row_number)
        .bind(name)
        .bind(details.join(" "))
        .execute(&mut *connection)
        .await?;
    if domain {
        sqlx::query("UPDATE customers SET email_domain = $1 WHERE id = $2 AND member_id = $3")
            .bind(email_domain)
            .bind(id.to_string())
            .bind(caller.member_id.to_string())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expression(text: &str) -> Option<String> {
        fts_match(text, "q", &mut FieldErrors::new())
    }

    #[test]
    fn words_become_quoted_prefixes() {
        assert_eq!(
            expression("  Müller   handels "),
            Some("\"Müller\"* \"handels\"*".into())
        );
    }

    #[test]
    fn fts_syntax_is_quoted_away() {
        assert_eq!(
            expression("name:x OR \"y"),
            Some("\"name:x\"* \"OR\"* \"\"\"y\"*".into())
        );
        assert_eq!(expression("* ( ) -"), None);
        assert_eq!(expression(""), None);
    }
}
