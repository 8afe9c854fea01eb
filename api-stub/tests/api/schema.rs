//! The two dialects' migrations are kept in step: `migrations/postgres/` has the
//! twin of every migration in `migrations/sqlite/` under the same version, and
//! the schemas they build have the same tables, columns (type, NOT NULL, default,
//! generated or not), primary keys, unique keys, foreign keys (with their
//! `ON DELETE`), indexes (keys, order, uniqueness, partial condition) and
//! triggers, read from each database's own catalog.
//!
//! The differences the dialects force, and only those, are allowed:
//! - SQLite's INTEGER is PostgreSQL's BIGINT (not INTEGER: 64 bits in both);
//! - a SQLite rowid the application uses is an explicit `rowid` identity column;
//! - an FTS5 table is a table of the same name holding `(rowid, document
//!   tsvector)` with a GIN index on `document`.

mod catalog;

use api_stub::database::{self, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use api_stub::sql::DbPool;

use self::catalog::{Schema, Table, postgres_schema, sqlite_schema};
use crate::support::TempDir;
use crate::support::postgres::TestPostgres;

/// A migrated SQLite database (whichever database the other tests run on).
struct Sqlite {
    pool: DbPool,
    _dir: TempDir,
}

impl Sqlite {
    async fn migrated() -> Sqlite {
        let dir = TempDir::new();
        let url = format!("sqlite://{}", dir.path().join("crm.db").display());
        let pool = database::connect(&url).await.unwrap();
        database::migrate(&pool).await.unwrap();
        Sqlite { pool, _dir: dir }
    }
}

#[test]
fn every_sqlite_migration_has_a_postgres_twin_under_its_version() {
    let versions = |migrator: &sqlx::migrate::Migrator| {
        migrator
            .iter()
            .map(|migration| (migration.version, migration.description.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(versions(&SQLITE_MIGRATIONS), versions(&POSTGRES_MIGRATIONS));
}

#[tokio::test]
async fn both_dialects_build_the_same_schema() {
    let sqlite = Sqlite::migrated().await;
    let postgres = TestPostgres::start().await;
    POSTGRES_MIGRATIONS.run(&postgres.pool).await.unwrap();
    let expected = sqlite_schema(&sqlite.pool).await;
    let actual = postgres_schema(&postgres.pool).await;
    // The comparison has something to compare.
    assert!(
        expected.tables.len() > 20 && expected.search.len() == 3,
        "{expected:#?}"
    );
    let names = |schema: &Schema| schema.tables.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&expected), names(&actual), "tables");
    assert_eq!(expected.search, actual.search, "full-text search tables");
    assert!(
        actual.rowid.is_subset(&expected.rowid),
        "PostgreSQL has a rowid column on {:?}, which have none in SQLite",
        actual.rowid.difference(&expected.rowid).collect::<Vec<_>>()
    );
    for (name, table) in &expected.tables {
        let twin = &actual.tables[name];
        let columns = |table: &Table| table.columns.keys().cloned().collect::<Vec<_>>();
        assert_eq!(columns(table), columns(twin), "{name}: columns");
        for (column, definition) in &table.columns {
            assert_eq!(definition, &twin.columns[column], "{name}.{column}");
        }
        assert_eq!(table.primary_key, twin.primary_key, "{name}: primary key");
        assert_eq!(table.unique, twin.unique, "{name}: unique keys");
        assert_eq!(
            table.foreign_keys, twin.foreign_keys,
            "{name}: foreign keys"
        );
        assert_eq!(table.indexes, twin.indexes, "{name}: indexes");
        assert_eq!(table.triggers, twin.triggers, "{name}: triggers");
    }
    // Migrating again is a no-op in both.
    database::migrate(&sqlite.pool).await.unwrap();
    POSTGRES_MIGRATIONS.run(&postgres.pool).await.unwrap();
}

/// The same statements on both: the counting triggers, the generated due-order
/// columns and the rowids come out alike.
#[tokio::test]
async fn both_dialects_keep_the_inbox_counts_and_derived_columns_alike() {
    const STATEMENTS: [&str; 8] = [
        "INSERT INTO members (id, name) VALUES ('m1', 'Member')",
        "INSERT INTO users (id, member_id, name, email, role) \
         VALUES ('u1', 'm1', 'Rep', 'rep@example.com', 'rep')",
        "INSERT INTO inquiries (id, member_id, buyer_name, buyer_company, buyer_country, \
             buyer_verified, subject, message, received_at, response_due_at, status, score, unread) \
         VALUES ('i1', 'm1', 'A', 'B', 'DE', 0, 'S', 'M', '2026-01-01T00:00:00.000000Z', \
                 '2026-01-02T00:00:00.000000Z', 'new', 10, 1), \
                ('i2', 'm1', 'A', 'B', 'DE', 0, 'S', 'M', '2026-01-03T00:00:00.000000Z', \
                 NULL, 'open', 20, 1), \
                ('i3', 'm1', 'A', 'B', 'DE', 0, 'S', 'M', '2026-01-04T00:00:00.000000Z', \
                 NULL, 'won', 30, 0)",
        "UPDATE inquiries SET assignee_id = 'u1' WHERE id = 'i1'",
        "UPDATE inquiries SET status = 'quoted' WHERE id = 'i2'",
        "UPDATE inquiries SET score = 50 WHERE id = 'i3'",
        "UPDATE inquiries SET first_response_at = '2026-01-01T05:00:00.000000Z' WHERE id = 'i1'",
        "DELETE FROM inquiries WHERE id = 'i3'",
    ];
    const COUNTS: &str = "SELECT member_id, assignee_id, status, count FROM inquiry_counts \
                          ORDER BY member_id, assignee_id, status";
    const DERIVED: &str = "SELECT id, rowid, due_rank, due_at FROM inquiries ORDER BY id";
    type Count = (String, String, String, i64);
    type Derived = (String, i64, i64, String);

    let sqlite = Sqlite::migrated().await;
    let postgres = TestPostgres::start().await;
    POSTGRES_MIGRATIONS.run(&postgres.pool).await.unwrap();
    for statement in STATEMENTS {
        sqlx::query(statement).execute(&sqlite.pool).await.unwrap();
        sqlx::query(statement)
            .execute(&postgres.pool)
            .await
            .unwrap();
    }
    let counts: Vec<Count> = sqlx::query_as(COUNTS)
        .fetch_all(&sqlite.pool)
        .await
        .unwrap();
    let count = |assignee: &str, status: &str, count: i64| {
        (
            "m1".to_owned(),
            assignee.to_owned(),
            status.to_owned(),
            count,
        )
    };
    assert_eq!(
        counts,
        [
            count("", "new", 0),
            count("", "open", 0),
            count("", "quoted", 1),
            count("", "won", 0),
            count("u1", "new", 1),
        ]
    );
    let postgres_counts: Vec<Count> = sqlx::query_as(COUNTS)
        .fetch_all(&postgres.pool)
        .await
        .unwrap();
    assert_eq!(counts, postgres_counts);
    let derived: Vec<Derived> = sqlx::query_as(DERIVED)
        .fetch_all(&sqlite.pool)
        .await
        .unwrap();
    assert_eq!(
        derived,
        [
            (
                "i1".to_owned(),
                1,
                1,
                "2026-01-02T00:00:00.000000Z".to_owned()
            ),
            (
                "i2".to_owned(),
                2,
                0,
                "2026-01-03T00:00:00.000000Z".to_owned()
            ),
        ]
    );
    let postgres_derived: Vec<Derived> = sqlx::query_as(DERIVED)
        .fetch_all(&postgres.pool)
        .await
        .unwrap();
    assert_eq!(derived, postgres_derived);
}
