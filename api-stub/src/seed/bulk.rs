//! Bulk data on top of the demo story, for sizing and benchmarks: up to millions of
//! older inquiries (more than 60 days old, so the story at the top of every inbox
//! stays as it is), spread over the two demo members and, optionally, generated
//! member companies of the same trades, each with an owner, a manager and two reps.
//!
//! Deterministic: the same options write the same rows (ids derived from the
//! index, a fixed-seed generator) except for timestamps, which are laid out
//! backwards from `now`. Written in transactions of [`BATCH`] inquiries with
//! multi-row inserts, so a million inquiries take minutes, not hours.
//!
//! Generated members' bearer tokens (demo only): `bulk-<n>-owner`,
//! `bulk-<n>-manager`, `bulk-<n>-rep`, `bulk-<n>-rep2` for n = 1, 2, ….

mod buyers;
mod compose;
mod insert;
mod model;
mod regions;

use contract::ids::UserId;
use contract::language::Language;
use contract::user::Role;
use sqlx::Connection;
use time::OffsetDateTime;

use super::random::Random;
use super::{MemberSeed, brightway, evergreen, stable_id};
use crate::auth::token_hash;
use crate::sql::{Backend, DbPool};
use crate::stored::{enum_to_text, timestamp_to_text};
use model::{Team, Timeline};

/// Inquiries written per transaction.
const BATCH: usize = 5_000;

/// The most inquiries one run writes.
pub const MAX_INQUIRIES: u64 = 20_000_000;

/// The most generated members.
pub const MAX_MEMBERS: u32 = 1_000;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkOptions {
    /// How many inquiries to add.
    pub inquiries: u64,
    /// How many member companies to generate besides the two demo members.
    pub members: u32,
    /// How many years back the inquiries reach (at least 1).
    pub years: u32,
}

/// How many rows the bulk seed inserted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BulkCounts {
    /// Generated member companies.
    pub members: u64,
    /// Their users.
    pub users: u64,
    /// Their bearer tokens.
    pub tokens: u64,
    /// Inquiries.
    pub inquiries: u64,
    /// Messages in their threads, the buyers' first messages included.
    pub messages: u64,
    /// Tags on them.
    pub tags: u64,
}

/// Why the bulk data could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// The demo members are missing; the bulk data extends them.
    #[error("the database has no demo members; seed the demo data first")]
    NoDemo,
    /// Bulk data was written before; a second run would duplicate ids.
    #[error("the database already holds bulk data ({0} inquiries); start from a new database file")]
    AlreadySeeded(i64),
    /// An option is out of range.
    #[error("{0}")]
    Options(String),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A generated member company.
struct GeneratedMember {
    id: String,
    key: String,
    name: String,
    short_name: String,
    trade: &'static MemberSeed,
    /// Id, name, role, e-mail, token.
    users: Vec<(UserId, String, Role, String, String)>,
}

/// Exporters' home towns and what they make, for generated member names.
#[rustfmt::skip]
const MEMBER_NAMES: [(&str, &str, bool); 12] = [
    ("Shenzhen Lumina", "Optoelectronics", true),
    ("Foshan Homeplus", "Kitchenware", false),
    ("Zhongshan Starlight", "Lighting", true),
    ("Yangjiang Sharpline", "Kitchen Tools", false),
    ("Xiamen Brightsea", "Lighting Technology", true),
    ("Taizhou Clearbox", "Plastic Products", false),
    ("Changzhou Solaris", "Solar Lighting", true),
    ("Jieyang Steelhome", "Stainless Steel Housewares", false),
    ("Dongguan Lightcraft", "LED Technology", true),
    ("Chaozhou Finetable", "Ceramics and Homeware", false),
    ("Hangzhou Ledtek", "Electrical", true),
    ("Ningbo Seahome", "Household Products", false),
];

/// Names of a generated member's team: owner, manager, two reps.
#[rustfmt::skip]
const TEAM_NAMES: [[(&str, &str); 4]; 4] = [
    [("Zhou", "Lei"), ("He", "Yan"), ("Tang", "Jun"), ("Feng", "Li")],
    [("Wu", "Hao"), ("Guo", "Ping"), ("Luo", "Na"), ("Xie", "Bo")],
    [("Ma", "Lin"), ("Hu", "Qiang"), ("Gao", "Mei"), ("Deng", "Chao")],
    [("Song", "Yu"), ("Cao", "Hui"), ("Peng", "Fei"), ("Yuan", "Jie")],
];

/// Writes the bulk data. `progress` is called after every batch with the number of
/// inquiries written so far.
pub async fn seed_bulk(
    pool: &DbPool,
    now: OffsetDateTime,
    options: BulkOptions,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<BulkCounts, BulkError> {
    if options.inquiries > MAX_INQUIRIES {
        return Err(BulkError::Options(format!(
            "at most {MAX_INQUIRIES} inquiries at a time"
        )));
    }
    if options.members > MAX_MEMBERS {
        return Err(BulkError::Options(format!(
            "at most {MAX_MEMBERS} generated members"
        )));
    }
    if !(1..=20).contains(&options.years) {
        return Err(BulkError::Options("years must be 1 to 20".to_owned()));
    }
    let demo: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE id IN ($1, $2)")
        .bind(brightway::MEMBER.id().to_string())
        .bind(evergreen::MEMBER.id().to_string())
        .fetch_one(pool)
        .await?;
    if demo != 2 {
        return Err(BulkError::NoDemo);
    }
    let existing: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE portal_inquiry_id LIKE 'TB-BULK-%'",
    )
    .fetch_one(pool)
    .await?;
    if existing > 0 {
        return Err(BulkError::AlreadySeeded(existing));
    }

    let mut counts = BulkCounts::default();
    let generated: Vec<GeneratedMember> = (1..=options.members).map(generated_member).collect();
    insert_members(pool, &generated, now, &mut counts).await?;
    let mut teams = demo_teams();
    teams.extend(generated.iter().map(|member| {
        let users: Vec<(UserId, String, Role)> = member
            .users
            .iter()
            .map(|user| (user.0, user.1.clone(), user.2))
            .collect();
        Team::new(
            member.id.clone(),
            member.short_name.clone(),
            member.trade,
            &users,
        )
    }));
    // Brightway gets the most, like the member whose inbox the demo shows.
    let weights: Vec<u32> = (0..teams.len())
        .map(|index| match index {
            0 => 5,
            1 => 2,
            _ => 1,
        })
        .collect();

    let timeline = Timeline {
        now,
        newest_days: 61.0,
        oldest_days: f64::from(options.years) * 365.0,
    };
    let locations = buyers::locations();
    let mut random = Random::new(0x5EED_B01C);
    // One connection with a large page cache: the inserts land all over the
    // indexes (random ids, per-member dates), which SQLite's default 2 MB cache
    // turns into disk reads once the tables outgrow it.
    let mut connection = pool.acquire().await?;
    let backend = Backend::of(&connection);
    if backend == Backend::Sqlite {
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(&mut *connection)
            .await?;
    }
    let mut next_rowid: i64 =
        sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(rowid), 0) FROM inquiries")
            .fetch_one(&mut *connection)
            .await?
            + 1;
    let mut index: u64 = 0;
    while index < options.inquiries {
        let size = usize::try_from((options.inquiries - index).min(BATCH as u64)).unwrap_or(BATCH);
        let batch: Vec<model::BulkInquiry> = (0..size)
            .map(|offset| {
                let team = &mut teams[random.weighted(&weights).min(weights.len() - 1)];
                compose::inquiry(
                    &mut random,
                    team,
                    &locations,
                    &timeline,
                    index + offset as u64,
                )
            })
            .collect();
        let mut transaction = connection.begin().await?;
        let written = insert::batch(&mut transaction, &batch, next_rowid).await?;
        transaction.commit().await?;
        next_rowid += i64::try_from(size).unwrap_or(i64::MAX);
        index += size as u64;
        counts.inquiries += size as u64;
        counts.messages += written.messages;
        counts.tags += written.tags;
        progress(index);
    }
    match backend {
        // Back to the default for the pool's later users of this connection.
        Backend::Sqlite => {
            sqlx::query("PRAGMA cache_size = -2000")
                .execute(&mut *connection)
                .await?;
        }
        // The rows above chose their rowids; the next row's default follows them.
        Backend::Postgres => {
            sqlx::query(
                "SELECT setval(pg_get_serial_sequence('inquiries', 'rowid'), \
                        (SELECT COALESCE(MAX(rowid), 1) FROM inquiries))",
            )
            .execute(&mut *connection)
            .await?;
        }
    }
    drop(connection);
    // The planner's statistics, so that the list queries pick the right indexes.
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(counts)
}

/// The teams of the two demo members, from the demo's tables (which the demo
/// seed wrote, as the check for both members ensured).
fn demo_teams() -> Vec<Team> {
    let mut teams = Vec::new();
    for member in [&brightway::MEMBER, &evergreen::MEMBER] {
        let users: Vec<(UserId, String, Role)> = member
            .users
            .iter()
            .map(|user| (UserId(member.user_id(user.0)), user.1.to_owned(), user.3))
            .collect();
        let member_id = member.id().to_string();
        teams.push(Team::new(
            member_id,
            member.short_name.to_owned(),
            member,
            &users,
        ));
    }
    teams
}

/// Generated member `number` (from 1).
fn generated_member(number: u32) -> GeneratedMember {
    let slot = (number as usize - 1) % MEMBER_NAMES.len();
    let round = (number as usize - 1) / MEMBER_NAMES.len();
    let (short, business, lighting) = MEMBER_NAMES[slot];
    let short_name = if round == 0 {
        short.to_owned()
    } else {
        format!("{short} {}", round + 1)
    };
    let key = format!("bulk-{number}");
    let domain = format!(
        "{}{}.example.cn",
        short
            .split_whitespace()
            .last()
            .unwrap_or("member")
            .to_ascii_lowercase(),
        if round == 0 {
            String::new()
        } else {
            (round + 1).to_string()
        }
    );
    let names = TEAM_NAMES[(number as usize - 1) % TEAM_NAMES.len()];
    let roles = [
        (Role::Owner, "owner"),
        (Role::Manager, "manager"),
        (Role::Rep, "rep"),
        (Role::Rep, "rep2"),
    ];
    let users = names
        .iter()
        .zip(roles)
        .map(|(&(family, given), (role, token_role))| {
            (
                UserId(stable_id(&format!("user/{key}/{token_role}"))),
                format!("{family} {given}"),
                role,
                format!(
                    "{}.{}@{domain}",
                    given.to_ascii_lowercase(),
                    family.to_ascii_lowercase()
                ),
                format!("{key}-{token_role}"),
            )
        })
        .collect();
    GeneratedMember {
        id: stable_id(&format!("member/{key}")).to_string(),
        name: format!("{short_name} {business} Co., Ltd."),
        key,
        short_name,
        trade: if lighting {
            &brightway::MEMBER
        } else {
            &evergreen::MEMBER
        },
        users,
    }
}

async fn insert_members(
    pool: &DbPool,
    members: &[GeneratedMember],
    now: OffsetDateTime,
    counts: &mut BulkCounts,
) -> Result<(), sqlx::Error> {
    let mut transaction = pool.begin().await?;
    for member in members {
        sqlx::query(
            "INSERT INTO members (id, name, currency, response_target_hours)
             VALUES ($1, $2, 'USD', 24)",
        )
        .bind(&member.id)
        .bind(&member.name)
        .execute(&mut *transaction)
        .await?;
        counts.members += 1;
        for (id, name, role, email, token) in &member.users {
            sqlx::query(
                "INSERT INTO users (id, member_id, name, email, role, language)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.0.to_string())
            .bind(&member.id)
            .bind(name)
            .bind(email)
            .bind(enum_to_text(role))
            .bind(Language::English.tag())
            .execute(&mut *transaction)
            .await?;
            counts.users += 1;
            sqlx::query(
                "INSERT INTO api_tokens (token_sha256, user_id, label, created_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash(token))
            .bind(id.0.to_string())
            .bind("bulk demo")
            .bind(timestamp_to_text(now))
            .execute(&mut *transaction)
            .await?;
            counts.tokens += 1;
        }
        sqlx::query(
            "INSERT INTO assignment_rules (id, member_id, priority, rule, value, assignee_id)
             VALUES ($1, $2, 90, 'round_robin', NULL, NULL)",
        )
        .bind(stable_id(&format!("assignment-rule/{}/90", member.key)).to_string())
        .bind(&member.id)
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(())
}
