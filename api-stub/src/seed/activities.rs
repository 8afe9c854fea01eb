//! The customers' profiles beyond the customer tables ([`profiles`]), and what the
//! sales teams logged and set on them ([`stories`]): notes, calls, meetings, e-mails
//! and sample shipments, and reminders (some overdue, some due today, contract
//! renewals). Runs after the member's customers and inquiries are written; times
//! are relative to `now`, everything else is fixed.

mod profiles;
mod stories;

use contract::customer::{ContactChannel, MessengerKind};
use sqlx::Transaction;
use time::{Duration, OffsetDateTime, Time};

use super::{MemberSeed, SeedCounts, stable_id};
use crate::search;
use crate::sql::Db;
use crate::stored::{enum_to_text, timestamp_to_text};
use crate::text::company_email_domain;
use stories::{ActivitySeed, ReminderSeed};

pub(super) async fn seed(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    complete_profiles(transaction, member, counts).await?;
    let (activities, reminders) = match member.key {
        "brightway" => (stories::BRIGHTWAY_ACTIVITIES, stories::BRIGHTWAY_REMINDERS),
        "evergreen" => (stories::EVERGREEN_ACTIVITIES, stories::EVERGREEN_REMINDERS),
        _ => (&[][..], &[][..]),
    };
    write_activities(transaction, member, activities, now, counts).await?;
    write_reminders(transaction, member, reminders, now, counts).await?;
    Ok(())
}

/// Profile details, contact details, extra contacts and tags; then the customer's
/// search row and e-mail domain rebuilt as the customers endpoints keep them.
async fn complete_profiles(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    for customer in member.all_customers() {
        let name = customer.0;
        let customer_id = member.customer_id(name).to_string();
        let profile = profiles::profile(member, customer);
        sqlx::query(
            "UPDATE customers SET industry = $1, size = $2, verified = $3, source = $4
             WHERE id = $5 AND member_id = $6",
        )
        .bind(profile.industry)
        .bind(enum_to_text(&profile.size))
        .bind(i64::from(profile.verified))
        .bind(enum_to_text(&profile.source))
        .bind(&customer_id)
        .bind(&member_id)
        .execute(&mut **transaction)
        .await?;
        for tag in &profile.tags {
            sqlx::query("INSERT INTO customer_tags (customer_id, tag) VALUES ($1, $2)")
                .bind(&customer_id)
                .bind(*tag)
                .execute(&mut **transaction)
                .await?;
        }

        let extra = profiles::EXTRA_CONTACTS
            .iter()
            .filter(|contact| contact.0 == name)
            .map(|&(_, contact_name, title, _, email)| (contact_name, title, email));
        for (position, (contact_name, title, email)) in
            customer.9.iter().copied().chain(extra).enumerate()
        {
            let details = profiles::contact_details(customer, position, contact_name, title, email);
            let messengers: Vec<serde_json::Value> = details
                .messengers
                .iter()
                .map(|(kind, handle)| {
                    serde_json::json!({ "kind": enum_to_text::<MessengerKind>(kind), "handle": handle })
                })
                .collect();
            let contact_id =
                stable_id(&format!("contact/{}/{name}/{position}", member.key)).to_string();
            // Contacts of the customer tables exist already; the extra ones are new.
            sqlx::query(
                "INSERT INTO contacts (id, customer_id, position, name, title, email, emails)
                 VALUES ($1, $2, $3, $4, $5, $6, json_array($7))
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&contact_id)
            .bind(&customer_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(contact_name)
            .bind(title)
            .bind(email)
            .bind(email)
            .execute(&mut **transaction)
            .await?;
            if position >= customer.9.len() {
                counts.contacts += 1;
            }
            let role = profiles::EXTRA_CONTACTS
                .iter()
                .find(|contact| contact.0 == name && contact.1 == contact_name)
                .map_or(details.buying_role, |contact| contact.3);
            sqlx::query(
                "UPDATE contacts SET buying_role = $1, phones = json_array($2), messengers = $3,
                        language = $4, preferred_channel = $5
                 WHERE id = $6 AND customer_id = $7",
            )
            .bind(enum_to_text(&role))
            .bind(details.phones.first())
            .bind(serde_json::Value::from(messengers).to_string())
            .bind(details.language)
            .bind(enum_to_text::<ContactChannel>(&details.preferred_channel))
            .bind(&contact_id)
            .bind(&customer_id)
            .execute(&mut **transaction)
            .await?;
        }
        reindex(transaction, &member_id, &customer_id).await?;
    }
    Ok(())
}

/// The customer's `customers_fts` row and `email_domain`, from its rows now, the
/// way the customers endpoints write them.
async fn reindex(
    transaction: &mut Transaction<'_, Db>,
    member_id: &str,
    customer_id: &str,
) -> Result<(), sqlx::Error> {
    let (row_number, name, website, industry): (i64, String, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT rowid, name, website, industry FROM customers WHERE id = $1 AND member_id = $2",
        )
        .bind(customer_id)
        .bind(member_id)
        .fetch_one(&mut **transaction)
        .await?;
    let contacts: Vec<(String, String)> = sqlx::query_as(
        "SELECT k.name, e.value FROM contacts k, json_each(k.emails) e
         WHERE k.customer_id = $1 ORDER BY k.position, k.id, e.key",
    )
    .bind(customer_id)
    .fetch_all(&mut **transaction)
    .await?;
    let mut details = vec![website.unwrap_or_default(), industry.unwrap_or_default()];
    let mut email_domain = None;
    let mut previous: Option<String> = None;
    for (contact_name, email) in contacts {
        if previous.as_deref() != Some(&contact_name) {
            details.push(contact_name.clone());
            previous = Some(contact_name);
        }
        if email_domain.is_none() {
            email_domain = company_email_domain(&email);
        }
        details.push(email);
    }
    search::CUSTOMERS
        .put(transaction, row_number, &[&name, &details.join(" ")])
        .await?;
    sqlx::query("UPDATE customers SET email_domain = $1 WHERE id = $2 AND member_id = $3")
        .bind(email_domain)
        .bind(customer_id)
        .bind(member_id)
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

/// `days` before `now`'s day at `hour` UTC.
fn at(now: OffsetDateTime, days: i64, hour: u8) -> OffsetDateTime {
    let time = Time::from_hms(hour.min(23), 0, 0).unwrap_or(Time::MIDNIGHT);
    let moment = (now - Duration::days(days)).replace_time(time);
    // The day's hour may still lie ahead today; an activity has happened.
    if moment > now {
        now - Duration::hours(1)
    } else {
        moment
    }
}

async fn write_activities(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    activities: &[ActivitySeed],
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    for (index, &(customer, days, hour, kind, author, body)) in activities.iter().enumerate() {
        let occurred_at = at(now, days, hour);
        sqlx::query(
            "INSERT INTO activities (id, member_id, customer_id, kind, body, occurred_at,
                                     author_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(stable_id(&format!("activity/{}/{index}", member.key)).to_string())
        .bind(&member_id)
        .bind(member.customer_id(customer).to_string())
        .bind(enum_to_text(&kind))
        .bind(body)
        .bind(timestamp_to_text(occurred_at))
        .bind(member.user_id(author).to_string())
        .bind(timestamp_to_text(occurred_at + Duration::minutes(10)))
        .execute(&mut **transaction)
        .await?;
        counts.activities += 1;
    }
    Ok(())
}

async fn write_reminders(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    reminders: &[ReminderSeed],
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    let today = now.date();
    for (index, &(customer, due_in, kind, owner, title, done)) in reminders.iter().enumerate() {
        let due_on = today + Duration::days(due_in);
        let created = at(now, (-due_in).max(0) + 7, 9);
        sqlx::query(
            "INSERT INTO reminders (id, member_id, customer_id, kind, title, due_on, done_at,
                                    owner_id, version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(stable_id(&format!("reminder/{}/{index}", member.key)).to_string())
        .bind(&member_id)
        .bind(member.customer_id(customer).to_string())
        .bind(enum_to_text(&kind))
        .bind(title)
        .bind(format!(
            "{:04}-{:02}-{:02}",
            due_on.year(),
            u8::from(due_on.month()),
            due_on.day()
        ))
        .bind(done.map(|days| timestamp_to_text(at(now, days, 10))))
        .bind(member.user_id(owner).to_string())
        .bind(if done.is_some() { 2_i64 } else { 1 })
        .bind(timestamp_to_text(created))
        .execute(&mut **transaction)
        .await?;
        counts.reminders += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{brightway, evergreen};

    #[test]
    fn stories_name_seeded_customers_and_users() {
        for (member, activities, reminders) in [
            (
                &brightway::MEMBER,
                stories::BRIGHTWAY_ACTIVITIES,
                stories::BRIGHTWAY_REMINDERS,
            ),
            (
                &evergreen::MEMBER,
                stories::EVERGREEN_ACTIVITIES,
                stories::EVERGREEN_REMINDERS,
            ),
        ] {
            let customers: Vec<&str> = member.all_customers().map(|customer| customer.0).collect();
            let users: Vec<&str> = member.users.iter().map(|user| user.0).collect();
            for activity in activities {
                assert!(customers.contains(&activity.0), "{}", activity.0);
                assert!(users.contains(&activity.4), "{}", activity.4);
                assert!(activity.1 >= 0, "activities lie in the past");
            }
            for reminder in reminders {
                assert!(customers.contains(&reminder.0), "{}", reminder.0);
                assert!(users.contains(&reminder.3), "{}", reminder.3);
            }
        }
        for contact in profiles::EXTRA_CONTACTS {
            assert!(
                [&brightway::MEMBER, &evergreen::MEMBER]
                    .iter()
                    .any(|member| member
                        .all_customers()
                        .any(|customer| customer.0 == contact.0)),
                "{}",
                contact.0
            );
        }
    }

    #[test]
    fn muellers_last_logged_contact_is_46_days_ago() {
        let latest = stories::BRIGHTWAY_ACTIVITIES
            .iter()
            .filter(|activity| activity.0 == "Müller Handels GmbH")
            .map(|activity| activity.1)
            .min();
        assert_eq!(latest, Some(46));
    }
}
