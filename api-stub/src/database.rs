//! Opening the SQLite database and bringing its schema up to date, and the
//! migrations of both dialects: `migrations/sqlite/` (the embedded default) and
//! their PostgreSQL twins in `migrations/postgres/`, one per SQLite migration under
//! the same version (a test compares the schemas they build).

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

/// Opens (creating the file if missing) the database at `url`, e.g. `sqlite://crm.db`,
/// in WAL mode with foreign keys enforced.
pub async fn connect(url: &str) -> Result<DbPool, DatabaseError> {
    sqlx::any::install_default_drivers();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return connect_postgres(url).await;
    }
    // Checked and normalised as SQLite's options; the pool is sqlx's `Any`.
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DatabaseError::InvalidUrl {
            url: url.to_owned(),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    // Created (and switched to WAL) once with SQLite's own options, which `Any`
    // cannot carry; each pooled connection then sets what is per connection.
    sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|source| DatabaseError::Open {
            url: url.to_owned(),
            source,
        })?
        .close()
        .await
        .map_err(|source| DatabaseError::Open {
            url: url.to_owned(),
            source,
        })?;
    let busy_timeout = format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis());
    AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(move |connection, _| {
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
        .map_err(|source| DatabaseError::Open {
            url: url.to_owned(),
            source,
        })
}

/// A pool on the PostgreSQL database at `url`. Every connection reads and
/// writes times in UTC and dates as ISO text (`CAST(CURRENT_DATE AS TEXT)` is
/// today's UTC date, as SQLite's `CURRENT_DATE`).
async fn connect_postgres(url: &str) -> Result<DbPool, DatabaseError> {
    PgConnectOptions::from_str(url).map_err(|source| DatabaseError::InvalidUrl {
        url: url.to_owned(),
        source,
    })?;
    AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|connection, _| {
            Box::pin(async move {
                connection.execute("SET TIME ZONE 'UTC'").await?;
                connection.execute("SET datestyle = 'ISO, YMD'").await?;
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|source| DatabaseError::Open {
            url: url.to_owned(),
            source,
        })
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
