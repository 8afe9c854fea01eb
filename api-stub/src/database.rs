//! Opening the database (SQLite or PostgreSQL) and bringing its schema up to
//! date, and the migrations of both dialects: `migrations/sqlite/` (the embedded
//! default) and their PostgreSQL twins in `migrations/postgres/`, one per SQLite
//! migration under the same version (a test compares the schemas they build).

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Executor};

use crate::sql::{Backend, Db, DbPool};

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// The URL is not a SQLite URL sqlx understands.
    #[error("invalid database URL {url:?}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What sqlx said about it.
        #[source]
        source: sqlx::Error,
    },
    /// The database file could not be opened or created.
    #[error("cannot open the database {url:?}")]
    Open {
        /// The URL as given.
        url: String,
        /// What went wrong.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("cannot migrate the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How long a connection waits for another writer before giving up with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How the pool of connections is sized and how long its users wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSettings {
    /// Connections open at most (per instance).
    pub max_connections: u32,
    /// How long a request waits for a connection (including connecting) before
    /// it is answered 503.
    pub acquire_timeout: Duration,
    /// How long one statement may run on PostgreSQL before the server cancels
    /// it (503); `None`: no limit. SQLite has no such limit.
    pub statement_timeout: Option<Duration>,
}

impl PoolSettings {
    /// Eight connections (SQLite has one writer; PostgreSQL instances share
    /// the server's connections).
    pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;
    /// Five seconds.
    pub const DEFAULT_ACQUIRE_TIMEOUT_SECONDS: u64 = 5;
    /// Thirty seconds: far above any request's queries, well below a client's
    /// patience.
    pub const DEFAULT_STATEMENT_TIMEOUT_SECONDS: u64 = 30;
}

impl Default for PoolSettings {
    fn default() -> PoolSettings {
        PoolSettings {
            max_connections: PoolSettings::DEFAULT_MAX_CONNECTIONS,
            acquire_timeout: Duration::from_secs(PoolSettings::DEFAULT_ACQUIRE_TIMEOUT_SECONDS),
            statement_timeout: Some(Duration::from_secs(
                PoolSettings::DEFAULT_STATEMENT_TIMEOUT_SECONDS,
            )),
        }
    }
}

/// `url` with its password, if any, replaced by `***`: for messages and logs.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{path}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Opens the database at `url` with the default [`PoolSettings`]: see
/// [`connect_with`].
pub async fn connect(url: &str) -> Result<DbPool, DatabaseError> {
    connect_with(url, PoolSettings::default()).await
}

/// Opens the database at `url`: a SQLite file such as `sqlite://crm.db`
/// (created if missing, in WAL mode with foreign keys enforced), or a
/// PostgreSQL database (`postgres://user:password@host/database`).
pub async fn connect_with(url: &str, settings: PoolSettings) -> Result<DbPool, DatabaseError> {
    sqlx::any::install_default_drivers();
    let open_error = |source| DatabaseError::Open {
        url: redacted(url),
        source,
    };
    let invalid_url = |source| DatabaseError::InvalidUrl {
        url: redacted(url),
        source,
    };
    let pool = AnyPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout);
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        PgConnectOptions::from_str(url).map_err(invalid_url)?;
        // Every session in UTC with ISO dates: `CAST(CURRENT_DATE AS TEXT)` is
        // today's UTC date, as SQLite's `CURRENT_DATE`.
        let statement_timeout = format!(
            "SET statement_timeout = {}",
            settings
                .statement_timeout
                .map_or(0, |timeout| timeout.as_millis())
        );
        return pool
            .after_connect(move |connection, _| {
                let statement_timeout = statement_timeout.clone();
                Box::pin(async move {
                    connection.execute("SET TIME ZONE 'UTC'").await?;
                    connection.execute("SET datestyle = 'ISO, YMD'").await?;
                    connection.execute(statement_timeout.as_str()).await?;
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(open_error);
    }
    // Checked and normalised as SQLite's options; the pool is sqlx's `Any`.
    let options = SqliteConnectOptions::from_str(url)
        .map_err(invalid_url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    // Created (and switched to WAL) once with SQLite's own options, which `Any`
    // cannot carry; each pooled connection then sets what is per connection.
    sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(open_error)?
        .close()
        .await
        .map_err(open_error)?;
    let busy_timeout = format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis());
    pool.after_connect(move |connection, _| {
        let busy_timeout = busy_timeout.clone();
        Box::pin(async move {
            connection.execute("PRAGMA foreign_keys = ON").await?;
            connection.execute("PRAGMA synchronous = NORMAL").await?;
            connection.execute(busy_timeout.as_str()).await?;
            Ok(())
        })
    })
    .connect(url)
    .await
    .map_err(open_error)
}

/// The advisory lock every writing transaction takes on PostgreSQL (any number,
/// the same for all of them; "crm" in ASCII).
const WRITER_LOCK: i64 = 0x63_72_6d;

/// Begins a transaction that writes. Handlers read, check (versions, limits,
/// uniqueness) and then write, relying on no other writer in between: SQLite
/// gives that by taking its one writer's lock at the start (`BEGIN IMMEDIATE`,
/// not at the first write, which could fail with `SQLITE_BUSY` halfway); on
/// PostgreSQL a transaction-scoped advisory lock gives the same guarantee.
pub async fn begin_write(pool: &DbPool) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
    if Backend::of_pool(pool) == Backend::Postgres {
        let mut transaction = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITER_LOCK)
            .execute(&mut *transaction)
            .await?;
        Ok(transaction)
    } else {
        pool.begin_with("BEGIN IMMEDIATE").await
    }
}

/// The SQLite migrations, embedded from `api-stub/migrations/sqlite/`.
pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");

/// The PostgreSQL migrations, embedded from `api-stub/migrations/postgres/`: the
/// twin of each SQLite migration, under the same version.
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Applies the migrations (of the pool's dialect) that have not run yet.
pub async fn migrate(pool: &DbPool) -> Result<(), DatabaseError> {
    match Backend::of_pool(pool) {
        Backend::Sqlite => SQLITE_MIGRATIONS.run(pool).await?,
        Backend::Postgres => POSTGRES_MIGRATIONS.run(pool).await?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redacted("postgres://crm:s3cr@t@db.internal:5432/crm?sslmode=require"),
            "postgres://crm:***@db.internal:5432/crm?sslmode=require"
        );
        assert_eq!(redacted("postgres://crm@db/crm"), "postgres://crm@db/crm");
        assert_eq!(redacted("sqlite://crm.db"), "sqlite://crm.db");
        assert_eq!(redacted("not a url"), "not a url");
    }
}
