//! Automatic assignment of new inquiries: sticky owner, rules, round robin, least busy.
//!
//! The order, first match wins:
//!
//! 1. **Sticky owner**: a returning buyer goes to the owner of their customer
//!    record, if that user is active.
//! 2. The member's **rules** (`assignment_rules`) by ascending priority: a
//!    *country* rule matches the buyer's country, a *product category* rule the
//!    product's category (both case-insensitively) and names the user who covers
//!    it (skipped when that user is inactive); a *round robin* or *least busy*
//!    rule spreads the inquiry over the team.
//! 3. When no rule decided: **least busy**.
//!
//! The team for round robin and least busy is the member's active sales reps, or
//! every active user when the member has no active rep. Round robin goes through
//! them by name and remembers the last turn (`assignment_turns`); least busy takes
//! whoever has the fewest active (new, open, quoted) inquiries, by name on a tie.
//! Every decision carries an English explanation, stored in the inquiry's
//! assignment history. [`decide`] is pure; [`assign`] loads its input and
//! records the round-robin turn.

use contract::ids::{MemberId, UserId};
use contract::inquiry::AssignmentRule;
use contract::user::{Role, UserRef};
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::sql::DbConnection;
use crate::stored::{enum_from_text, enum_to_text, parse_stored, timestamp_to_text};

/// A configured rule of a member, in priority order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Buyers from `country` (ISO code) go to `assignee`.
    Country {
        /// The country code.
        country: String,
        /// Who covers it.
        assignee: UserId,
    },
    /// Inquiries about products of `category` go to `assignee`.
    ProductCategory {
        /// The category.
        category: String,
        /// Who covers it.
        assignee: UserId,
    },
    /// The next of the team in turn.
    RoundRobin,
    /// Whoever of the team has the fewest active inquiries.
    LeastBusy,
}

/// A user of the member, as assignment sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Teammate {
    /// Who.
    pub user: UserRef,
    /// Their role: reps are the team that rules spread work over.
    pub role: Role,
    /// Whether they can still be assigned work.
    pub active: bool,
    /// How many new, open or quoted inquiries they have.
    pub active_inquiries: u32,
}

/// The returning customer an inquiry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReturningCustomer<'a> {
    /// The customer's name.
    pub name: &'a str,
    /// The customer's owner.
    pub owner: Option<UserId>,
}

/// What assignment looks at in a new inquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival<'a> {
    /// The buyer's country code.
    pub country: &'a str,
    /// The product's category, when known.
    pub product_category: Option<&'a str>,
    /// The customer, when the buyer was known before.
    pub returning_customer: Option<ReturningCustomer<'a>>,
}

/// Who gets an inquiry, by which rule, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The new assignee; `None` when nobody could take it.
    pub assignee: Option<UserRef>,
    /// The rule that decided.
    pub rule: AssignmentRule,
    /// Why, in English.
    pub explanation: String,
}

/// Decides who gets a new inquiry. `last_turn` is who had the last round-robin turn.
pub fn decide(
    arrival: &Arrival<'_>,
    rules: &[Rule],
    team: &[Teammate],
    last_turn: Option<UserId>,
) -> Decision {
    let mut notes: Vec<String> = Vec::new();
    let find = |id: UserId| team.iter().find(|teammate| teammate.user.id == id);
    let decided = |assignee: &Teammate, rule, explanation: String, notes: &[String]| Decision {
        assignee: Some(assignee.user.clone()),
        rule,
        explanation: with_notes(explanation, notes),
    };

    if let Some(customer) = arrival.returning_customer
        && let Some(owner) = customer.owner.and_then(find)
    {
        let explanation = format!(
            "{} owns returning customer {}",
            owner.user.name, customer.name
        );
        if owner.active {
            return decided(owner, AssignmentRule::StickyOwner, explanation, &notes);
        }
        notes.push(explanation + " but is inactive");
    }

    for rule in rules {
        let (assignee, rule_kind, explanation) = match rule {
            Rule::Country { country, assignee }
                if country.eq_ignore_ascii_case(arrival.country) =>
            {
                (
                    assignee,
                    AssignmentRule::Country,
                    format!("buyers from {}", arrival.country.to_ascii_uppercase()),
                )
            }
            Rule::ProductCategory { category, assignee }
                if arrival
                    .product_category
                    .is_some_and(|asked| asked.trim().eq_ignore_ascii_case(category.trim())) =>
            {
                (
                    assignee,
                    AssignmentRule::ProductCategory,
                    format!("the product category {category}"),
                )
            }
            Rule::RoundRobin => return round_robin(team, last_turn, &notes),
            Rule::LeastBusy => return least_busy(team, &notes, false),
            Rule::Country { .. } | Rule::ProductCategory { .. } => continue,
        };
        match find(*assignee) {
            Some(teammate) if teammate.active => {
                let explanation = format!("{} covers {explanation}", teammate.user.name);
                return decided(teammate, rule_kind, explanation, &notes);
            }
            Some(teammate) => notes.push(format!(
                "{} covers {explanation} but is inactive",
                teammate.user.name
            )),
            // The rule's user left the member (rules are deleted with their user).
            None => {}
        }
    }
    least_busy(team, &notes, true)
}

/// Active reps, or every active user when there is no active rep, by name.
/// Also says who they are: "3 sales reps", "1 active user".
fn pool(team: &[Teammate]) -> (Vec<&Teammate>, String) {
    let mut reps: Vec<&Teammate> = team
        .iter()
        .filter(|teammate| teammate.active && teammate.role == Role::Rep)
        .collect();
    let mut label = ("sales rep", "sales reps");
    if reps.is_empty() {
        reps = team.iter().filter(|teammate| teammate.active).collect();
        label = ("active user", "active users");
    }
    reps.sort_by(|left, right| {
        (left.user.name.as_str(), left.user.id).cmp(&(right.user.name.as_str(), right.user.id))
    });
    let label = match reps.len() {
        1 => ["1 ", label.0].concat(),
        count => format!("{count} {}", label.1),
    };
    (reps, label)
}

fn nobody(rule: AssignmentRule, notes: &[String]) -> Decision {
    Decision {
        assignee: None,
        rule,
        explanation: with_notes(
            "nobody is active to take it, so it is left unassigned".to_owned(),
            notes,
        ),
    }
}

fn round_robin(team: &[Teammate], last_turn: Option<UserId>, notes: &[String]) -> Decision {
    let (pool, label) = pool(team);
    let next = last_turn
        .and_then(|last| pool.iter().position(|teammate| teammate.user.id == last))
        .map_or(0, |last| (last + 1) % pool.len().max(1));
    match pool.get(next) {
        Some(teammate) => Decision {
            assignee: Some(teammate.user.clone()),
            rule: AssignmentRule::RoundRobin,
            explanation: with_notes(
                format!("{} is next in turn among {label}", teammate.user.name),
                notes,
            ),
        },
        None => nobody(AssignmentRule::RoundRobin, notes),
    }
}

fn least_busy(team: &[Teammate], notes: &[String], by_default: bool) -> Decision {
    let (pool, label) = pool(team);
    let chosen = pool.iter().min_by_key(|teammate| {
        (
            teammate.active_inquiries,
            teammate.user.name.as_str(),
            teammate.user.id,
        )
    });
    match chosen {
        Some(teammate) => {
            let mut explanation = format!(
                "{} has the fewest active inquiries ({}) among {label}",
                teammate.user.name, teammate.active_inquiries
            );
            if by_default {
                explanation.push_str(", as no other rule applied");
            }
            Decision {
                assignee: Some(teammate.user.clone()),
                rule: AssignmentRule::LeastBusy,
                explanation: with_notes(explanation, notes),
            }
        }
        None => nobody(AssignmentRule::LeastBusy, notes),
    }
}

fn with_notes(explanation: String, notes: &[String]) -> String {
    if notes.is_empty() {
        explanation
    } else {
        [explanation.as_str(), " (", &notes.join("; "), ")"].concat()
    }
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    rule: String,
    value: Option<String>,
    assignee_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TeammateRow {
    id: String,
    name: String,
    role: String,
    #[sqlx(try_from = "crate::sql::Flag")]
    active: bool,
    active_inquiries: i64,
}

/// The member's rules, by priority.
pub async fn load_rules(
    connection: &mut DbConnection,
    member: MemberId,
) -> Result<Vec<Rule>, ApiError> {
    let rows: Vec<RuleRow> = sqlx::query_as(
        "SELECT rule, value, assignee_id FROM assignment_rules
         WHERE member_id = $1 ORDER BY priority, id",
    )
    .bind(member.to_string())
    .fetch_all(&mut *connection)
    .await?;
    let mut rules = Vec::with_capacity(rows.len());
    for row in rows {
        let assignee = row
            .assignee_id
            .as_deref()
            .map(|id| parse_stored::<UserId>("user id", id))
            .transpose()?;
        rules.push(match (row.rule.as_str(), row.value, assignee) {
            ("country", Some(country), Some(assignee)) => Rule::Country { country, assignee },
            ("product_category", Some(category), Some(assignee)) => {
                Rule::ProductCategory { category, assignee }
            }
            ("round_robin", _, _) => Rule::RoundRobin,
            ("least_busy", _, _) => Rule::LeastBusy,
            (other, _, _) => {
                return Err(crate::stored::StoredValueError {
                    what: "assignment rule",
                    text: other.to_owned(),
                    reason: "not a rule, or without its value and user".to_owned(),
                }
                .into());
            }
        });
    }
    Ok(rules)
}

/// The member's users with their active inquiry counts.
pub async fn load_team(
    connection: &mut DbConnection,
    member: MemberId,
) -> Result<Vec<Teammate>, ApiError> {
    let rows: Vec<TeammateRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.role, u.active,
                (SELECT COUNT(*) FROM inquiries i
                 WHERE i.member_id = u.member_id AND i.assignee_id = u.id
                   AND i.status IN ('new', 'open', 'quoted')) AS active_inquiries
         FROM users u WHERE u.member_id = $1 ORDER BY u.name, u.id",
    )
    .bind(member.to_string())
    .fetch_all(&mut *connection)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Teammate {
                user: UserRef {
                    id: parse_stored("user id", &row.id)?,
                    name: row.name,
                },
                role: enum_from_text("role", &row.role)?,
                active: row.active,
                active_inquiries: u32::try_from(row.active_inquiries).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Decides who gets a new inquiry of `member` from the database's rules and team,
/// and remembers a round-robin turn. Call it in the transaction that inserts the
/// inquiry.
pub async fn assign(
    connection: &mut DbConnection,
    member: MemberId,
    arrival: &Arrival<'_>,
) -> Result<Decision, ApiError> {
    let rules = load_rules(connection, member).await?;
    let team = load_team(connection, member).await?;
    let last_turn: Option<Option<String>> =
        sqlx::query_scalar("SELECT last_user_id FROM assignment_turns WHERE member_id = $1")
            .bind(member.to_string())
            .fetch_optional(&mut *connection)
            .await?;
    let last_turn = last_turn
        .flatten()
        .map(|id| parse_stored::<UserId>("user id", &id))
        .transpose()?;
    let decision = decide(arrival, &rules, &team, last_turn);
    if decision.rule == AssignmentRule::RoundRobin
        && let Some(assignee) = &decision.assignee
    {
        remember_turn(connection, member, assignee.id).await?;
    }
    Ok(decision)
}

/// Records that `user` had the last round-robin turn of `member`.
pub async fn remember_turn(
    connection: &mut DbConnection,
    member: MemberId,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assignment_turns (member_id, last_user_id) VALUES ($1, $2)
         ON CONFLICT (member_id) DO UPDATE SET last_user_id = excluded.last_user_id",
    )
    .bind(member.to_string())
    .bind(user.to_string())
    .execute(connection)
    .await?;
    Ok(())
}

/// One entry to append to an inquiry's assignment history.
#[derive(Clone, Copy, Debug)]
pub struct HistoryEntry<'a> {
    /// The new assignee.
    pub assignee: Option<UserId>,
    /// The rule.
    pub rule: AssignmentRule,
    /// Who assigned it by hand.
    pub by: Option<UserId>,
    /// Why.
    pub explanation: &'a str,
    /// When.
    pub at: OffsetDateTime,
}

/// Appends `entry` to the history of `inquiry` (an id of the caller's member).
pub async fn append_history(
    connection: &mut DbConnection,
    inquiry: &str,
    entry: &HistoryEntry<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inquiry_assignments
             (inquiry_id, position, assignee_id, at, rule, by_user_id, explanation)
         VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM inquiry_assignments
                      WHERE inquiry_id = $1), $2, $3, $4, $5, $6)",
    )
    .bind(inquiry)
    .bind(entry.assignee.map(|id| id.to_string()))
    .bind(timestamp_to_text(entry.at))
    .bind(enum_to_text(&entry.rule))
    .bind(entry.by.map(|id| id.to_string()))
    .bind(entry.explanation)
    .execute(connection)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
