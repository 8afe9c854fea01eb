//! What a test's database starts from, made once per test process and copied for
//! each test: migrating and seeding the demo data took most of a test's time
//! (about 0.8 s on SQLite and 1.9 s on PostgreSQL, against milliseconds for a copy).
//!
//! - SQLite: the two databases' bytes, kept in memory; each test writes its own file.
//! - PostgreSQL (on the server `CRM_TEST_POSTGRES_URL` names): two template
//!   databases, each test's database a `CREATE DATABASE … TEMPLATE` copy. A
//!   connection held for the life of the process keeps an advisory lock on them;
//!   the next process to start drops any templates whose lock is free (their
//!   process has ended), so a server keeps at most one abandoned pair.
//!
//! The demo data is seeded once per process, so its dates are relative to when the
//! process started rather than to when each test did.

use std::future::Future;
use std::sync::OnceLock;

use api_stub::sql::DbPool;
use api_stub::{database, seed};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Executor, PgConnection};
use time::OffsetDateTime;

use super::TempDir;

/// What a test's database holds when the test starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Content {
    /// Migrated, no rows.
    Empty,
    /// Migrated, with the demo data.
    Seeded,
}

/// Fills a freshly migrated database with `content`.
pub(crate) async fn fill(pool: &DbPool, content: Content) {
    if content == Content::Seeded {
        let outcome = seed::seed_demo(pool, OffsetDateTime::now_utc())
            .await
            .unwrap();
        assert!(matches!(outcome, seed::SeedOutcome::Seeded(_)));
    }
}

struct SqliteTemplates {
    empty: Vec<u8>,
    seeded: Vec<u8>,
}

static SQLITE: OnceLock<SqliteTemplates> = OnceLock::new();

/// The bytes of a SQLite database holding `content`.
pub(crate) fn sqlite(content: Content) -> &'static [u8] {
    let templates = SQLITE.get_or_init(|| in_own_runtime(make_sqlite_templates));
    match content {
        Content::Empty => &templates.empty,
        Content::Seeded => &templates.seeded,
    }
}

async fn make_sqlite_templates() -> SqliteTemplates {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("template.db").display());
    let pool = database::connect(&url).await.unwrap();
    database::migrate(&pool).await.unwrap();
    // VACUUM INTO: one self-contained file, whatever the write-ahead log holds.
    let copy = async |name: &str| {
        let path = dir.path().join(name);
        sqlx::query("VACUUM INTO ?")
            .bind(path.display().to_string())
            .execute(&pool)
            .await
            .unwrap();
        std::fs::read(&path).unwrap()
    };
    let empty = copy("empty.db").await;
    fill(&pool, Content::Seeded).await;
    let seeded = copy("seeded.db").await;
    pool.close().await;
    SqliteTemplates { empty, seeded }
}

struct PostgresTemplates {
    empty: String,
    seeded: String,
}

static POSTGRES: OnceLock<PostgresTemplates> = OnceLock::new();

/// The name of the template database holding `content` on the server `admin`
/// connects to (the same server for the whole process).
pub(crate) fn postgres(admin: &PgConnectOptions, content: Content) -> &'static str {
    let templates = POSTGRES.get_or_init(|| make_postgres_templates(admin.clone()));
    match content {
        Content::Empty => &templates.empty,
        Content::Seeded => &templates.seeded,
    }
}

/// What template databases are called: `crm_template_<process>_<content>`.
const TEMPLATE_PREFIX: &str = "crm_template_";

/// Makes the templates on a thread that then keeps their lock until the process ends.
fn make_postgres_templates(admin: PgConnectOptions) -> PostgresTemplates {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let stem = format!("{TEMPLATE_PREFIX}{}", uuid::Uuid::new_v4().simple());
            let mut keeper = admin.connect().await.unwrap();
            sqlx::query("SELECT pg_advisory_lock(hashtext($1))")
                .bind(&stem)
                .execute(&mut keeper)
                .await
                .unwrap();
            drop_abandoned(&mut keeper).await;
            let templates = PostgresTemplates {
                empty: format!("{stem}_empty"),
                seeded: format!("{stem}_seeded"),
            };
            for (name, content) in [
                (&templates.empty, Content::Empty),
                (&templates.seeded, Content::Seeded),
            ] {
                keeper
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .unwrap();
                let url = admin.clone().database(name).to_url_lossy().to_string();
                let pool = database::connect(&url).await.unwrap();
                database::migrate(&pool).await.unwrap();
                fill(&pool, content).await;
                pool.close().await;
            }
            sender.send(templates).unwrap();
            // Never returns: `keeper`, and with it the lock, lives as long as
            // the process.
            std::future::pending::<()>().await;
        });
    });
    receiver
        .recv()
        .expect("making the PostgreSQL template databases failed (see the panic above)")
}

/// Drops the templates of processes that have ended: those whose lock is free.
async fn drop_abandoned(keeper: &mut PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(TEMPLATE_PREFIX)
            .fetch_all(&mut *keeper)
            .await
            .unwrap();
    for name in names {
        let Some((stem, _content)) = name.rsplit_once('_') else {
            continue;
        };
        let free: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock(hashtext($1))")
            .bind(stem)
            .fetch_one(&mut *keeper)
            .await
            .unwrap();
        if free {
            keeper
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await
                .unwrap();
            sqlx::query("SELECT pg_advisory_unlock(hashtext($1))")
                .bind(stem)
                .execute(&mut *keeper)
                .await
                .unwrap();
        }
    }
}

/// Runs `work` to completion on a runtime of its own, on a thread of its own: the
/// caller is inside a test's runtime, which cannot block on another future.
fn in_own_runtime<T, F>(work: impl FnOnce() -> F + Send + 'static) -> T
where
    T: Send + 'static,
    F: Future<Output = T>,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work())
    })
    .join()
    .expect("making the template databases failed (see the panic above)")
}
