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
//! - a case-insensitive key (`COLLATE NOCASE`) is `lower(…)`;
//! - an FTS5 table is a table of the same name holding `(rowid, document
//!   tsvector)` with a GIN index on `document`.

use std::collections::{BTreeMap, BTreeSet};

use api_stub::database::{self, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use api_stub::sql::DbPool;
use sqlx::{PgPool, Row};

use crate::support::TempDir;
use crate::support::postgres::TestPostgres;

#[derive(Debug, Default)]
struct Schema {
    tables: BTreeMap<String, Table>,
    /// Full-text search tables (SQLite: FTS5; PostgreSQL: tsvector + GIN).
    search: BTreeSet<String>,
    /// SQLite: the tables with a rowid; PostgreSQL: those with a `rowid` identity
    /// column standing for it.
    rowid: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    unique: BTreeSet<Vec<String>>,
    /// `FOREIGN KEY (a) REFERENCES t(b) ON DELETE …`, in PostgreSQL's spelling.
    foreign_keys: BTreeSet<String>,
    indexes: BTreeMap<String, Index>,
    triggers: BTreeSet<String>,
}

#[derive(Debug, PartialEq, Eq)]
struct Column {
    kind: String,
    not_null: bool,
    default: Option<String>,
    generated: bool,
}

#[derive(Debug, PartialEq, Eq)]
struct Index {
    unique: bool,
    /// `column`, `column DESC` or `lower(column)`.
    keys: Vec<String>,
    /// The partial index's condition, normalised.
    condition: Option<String>,
}

/// Lower case, single spaces, no enclosing parentheses.
fn normalised(condition: &str) -> String {
    let mut text = condition.trim().to_lowercase();
    while text.starts_with('(') && text.ends_with(')') {
        text = text[1..text.len() - 1].trim().to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A default as written, without PostgreSQL's `::type` cast.
fn default_value(text: Option<String>) -> Option<String> {
    text.map(|text| match text.rfind("::") {
        Some(cast)
            if text[cast + 2..]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == ' ') =>
        {
            text[..cast].to_owned()
        }
        _ => text,
    })
}

/// The text column of `sql`'s rows for `table` (bound to `$1`).
async fn strings_of<'c, D>(pool: &sqlx::Pool<D>, sql: &'c str, table: &'c str) -> BTreeSet<String>
where
    D: sqlx::Database,
    for<'r> String: sqlx::Decode<'r, D> + sqlx::Type<D>,
    for<'q> &'q str: sqlx::Encode<'q, D> + sqlx::Type<D>,
    for<'q> <D as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, D>,
    for<'e> &'e sqlx::Pool<D>: sqlx::Executor<'e, Database = D>,
    (String,): for<'r> sqlx::FromRow<'r, D::Row>,
{
    sqlx::query_scalar::<D, String>(sql)
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

async fn sqlite_schema(pool: &DbPool) -> Schema {
    let mut schema = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, _) in tables.iter().filter(|(_, sql)| sql.contains("USING fts5")) {
        schema.search.insert(name.clone());
    }
    let fts_shadow = |name: &str| {
        schema.search.iter().any(|fts| {
            name.strip_prefix(fts.as_str()).is_some_and(|rest| {
                ["_data", "_idx", "_content", "_docsize", "_config"].contains(&rest)
            })
        })
    };
    for (name, sql) in &tables {
        if schema.search.contains(name) || fts_shadow(name) {
            continue;
        }
        let mut table = Table::default();
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid",
        )
        .bind(name)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut primary_key = Vec::new();
        for row in columns {
            let column: String = row.get("name");
            let pk: i64 = row.get("pk");
            let kind = match row.get::<String, _>("type").to_uppercase().as_str() {
                "INTEGER" => "integer",
                "TEXT" => "text",
                "REAL" => "real",
                "BLOB" => "blob",
                other => {
                    panic!("{name}.{column}: SQLite type {other:?} has no PostgreSQL twin here")
                }
            };
            if pk > 0 {
                primary_key.push((pk, column.clone()));
            }
            table.columns.insert(
                column,
                Column {
                    kind: kind.to_owned(),
                    not_null: row.get::<i64, _>("notnull") == 1 || pk > 0,
                    default: default_value(row.get("dflt_value")),
                    generated: matches!(row.get::<i64, _>("hidden"), 2 | 3),
                },
            );
        }
        primary_key.sort();
        table.primary_key = primary_key.into_iter().map(|(_, column)| column).collect();
        // A table with a rowid of its own: not WITHOUT ROWID, and no INTEGER
        // PRIMARY KEY standing for the rowid.
        let integer_key =
            table.primary_key.len() == 1 && table.columns[&table.primary_key[0]].kind == "integer";
        if !sql.contains("WITHOUT ROWID") && !integer_key {
            schema.rowid.insert(name.clone());
        }
        let indexes =
            sqlx::query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(name)
                .fetch_all(pool)
                .await
                .unwrap();
        for index in indexes {
            let index_name: String = index.get("name");
            let origin: String = index.get("origin");
            let keys = sqlx::query(
                "SELECT name, \"desc\", coll FROM pragma_index_xinfo($1) WHERE key = 1 ORDER BY seqno",
            )
            .bind(&index_name)
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .map(|key| {
                let column: Option<String> = key.get("name");
                let column = column.unwrap_or_else(|| panic!("{index_name}: expression keys are not compared"));
                let column = if key.get::<String, _>("coll").eq_ignore_ascii_case("NOCASE") {
                    format!("lower({column})")
                } else {
                    column
                };
                if key.get::<i64, _>("desc") == 1 {
                    format!("{column} DESC")
                } else {
                    column
                }
            })
            .collect::<Vec<_>>();
            match origin.as_str() {
                "pk" => {}
                "u" => {
                    table.unique.insert(keys);
                }
                _ => {
                    let condition = if index.get::<i64, _>("partial") == 1 {
                        let sql: String = sqlx::query_scalar(
                            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1",
                        )
                        .bind(&index_name)
                        .fetch_one(pool)
                        .await
                        .unwrap();
                        let (_, condition) = sql.rsplit_once("WHERE").unwrap_or_else(|| {
                            panic!("{index_name} is partial but has no WHERE: {sql}")
                        });
                        Some(normalised(condition))
                    } else {
                        None
                    };
                    table.indexes.insert(
                        index_name,
                        Index {
                            unique: index.get::<i64, _>("unique") == 1,
                            keys,
                            condition,
                        },
                    );
                }
            }
        }
        let foreign_keys = sqlx::query(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(name)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut grouped: BTreeMap<i64, (String, Vec<String>, Vec<String>, String)> =
            BTreeMap::new();
        for key in foreign_keys {
            let entry = grouped.entry(key.get("id")).or_insert_with(|| {
                (
                    key.get("table"),
                    Vec::new(),
                    Vec::new(),
                    key.get("on_delete"),
                )
            });
            entry.1.push(key.get("from"));
            entry.2.push(key.get("to"));
        }
        for (target, from, to, on_delete) in grouped.into_values() {
            let action = match on_delete.as_str() {
                "NO ACTION" => String::new(),
                other => format!(" ON DELETE {other}"),
            };
            table.foreign_keys.insert(format!(
                "FOREIGN KEY ({}) REFERENCES {target}({}){action}",
                from.join(", "),
                to.join(", ")
            ));
        }
        table.triggers = strings_of(
            pool,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
            name,
        )
        .await;
        schema.tables.insert(name.clone(), table);
    }
    schema
}

async fn postgres_schema(pool: &PgPool) -> Schema {
    let mut schema = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
         AND tablename <> '_sqlx_migrations' ORDER BY tablename",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for name in tables {
        let mut table = Table::default();
        let columns = sqlx::query(
            "SELECT column_name::text AS name, data_type::text AS kind, is_nullable::text AS nullable, \
                    column_default::text AS dflt, is_generated::text AS generated, is_identity::text AS identity \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        for row in columns {
            let column: String = row.get("name");
            let kind: String = row.get("kind");
            let kind = match (
                column.as_str(),
                kind.as_str(),
                row.get::<String, _>("identity").as_str(),
            ) {
                ("rowid", "bigint", "YES") => "rowid",
                (_, "bigint", _) => "integer",
                (_, "text", _) => "text",
                (_, "double precision", _) => "real",
                (_, "bytea", _) => "blob",
                (_, "tsvector", _) => "tsvector",
                (_, other, _) => {
                    panic!("{name}.{column}: PostgreSQL type {other:?} has no SQLite twin here")
                }
            };
            table.columns.insert(
                column,
                Column {
                    kind: kind.to_owned(),
                    not_null: row.get::<String, _>("nullable") == "NO",
                    default: default_value(row.get("dflt")),
                    generated: row.get::<String, _>("generated") == "ALWAYS",
                },
            );
        }
        let indexes = sqlx::query(
            "SELECT c.relname::text AS name, i.indexrelid::int8 AS oid, i.indisunique AS is_unique, \
                    i.indisprimary AS is_primary, i.indnkeyatts::int8 AS keys, \
                    string_to_array(i.indoption::text, ' ')::int2[] AS options, am.amname::text AS method, \
                    pg_get_expr(i.indpred, i.indrelid) AS condition, \
                    EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS constraint_backed \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam \
             WHERE i.indrelid = $1::regclass",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut gin = Vec::new();
        for index in indexes {
            let index_name: String = index.get("name");
            let oid: i64 = index.get("oid");
            let options: Vec<i16> = index.get("options");
            let definitions: Vec<String> = sqlx::query_scalar(
                "SELECT pg_get_indexdef($1::oid, k::int, true) FROM generate_series(1, $2) AS k ORDER BY k",
            )
            .bind(oid)
            .bind(index.get::<i64, _>("keys"))
            .fetch_all(pool)
            .await
            .unwrap();
            let keys: Vec<String> = definitions
                .into_iter()
                .zip(options)
                .map(|(key, option)| {
                    // A key named like a keyword comes back quoted ("position").
                    let key = key.replace('"', "");
                    if option & 1 == 1 {
                        format!("{key} DESC")
                    } else {
                        key
                    }
                })
                .collect();
            if index.get::<String, _>("method") == "gin" {
                gin.push(keys);
            } else if index.get::<bool, _>("is_primary") {
                table.primary_key = keys;
            } else if index.get::<bool, _>("constraint_backed") {
                table.unique.insert(keys);
            } else {
                table.indexes.insert(
                    index_name,
                    Index {
                        unique: index.get("is_unique"),
                        keys,
                        condition: index
                            .get::<Option<String>, _>("condition")
                            .map(|c| normalised(&c)),
                    },
                );
            }
        }
        // An explicit rowid (and its unique key) is SQLite's implicit one.
        if table
            .columns
            .get("rowid")
            .is_some_and(|column| column.kind == "rowid")
        {
            table.columns.remove("rowid");
            table.unique.remove(&vec!["rowid".to_owned()]);
            schema.rowid.insert(name.clone());
        }
        let search_shape = table.columns.len() == 2
            && table
                .columns
                .get("document")
                .is_some_and(|column| column.kind == "tsvector" && column.not_null)
            && table
                .columns
                .get("rowid")
                .is_some_and(|column| column.kind == "integer" && column.not_null)
            && table.primary_key == ["rowid"]
            && gin == [vec!["document".to_owned()]];
        if search_shape {
            schema.search.insert(name);
            continue;
        }
        assert!(gin.is_empty(), "{name}: a GIN index outside a search table");
        table.foreign_keys = strings_of(
            pool,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass",
            &name,
        )
        .await;
        table.triggers = strings_of(
            pool,
            "SELECT tgname::text FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal",
            &name,
        )
        .await;
        schema.tables.insert(name, table);
    }
    schema
}

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
    postgres.finish().await;
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
    postgres.finish().await;
}
