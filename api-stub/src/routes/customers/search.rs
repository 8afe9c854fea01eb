//! Customer search: keeping a customer's `customers_fts` row (name; website,
//! industry, contacts' names and e-mails) and `email_domain` (the first company e-mail domain among its contacts)
//! in step with its rows ([`sync_search`]).

use contract::ids::CustomerId;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::search;
use crate::sql::DbConnection;
use crate::text::company_email_domain;

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
    search::CUSTOMERS
        .put(connection, row_number, &[&name, &details.join(" ")])
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
