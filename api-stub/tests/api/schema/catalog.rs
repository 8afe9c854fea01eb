//! Each database's schema as its own catalog describes it, in one shape so that
//! the two can be compared: SQLite's pragmas, PostgreSQL's `pg_index`,
//! `pg_constraint` and `information_schema` (see `schema.rs` for what may differ).

use std::collections::{BTreeMap, BTreeSet};

use api_stub::sql::DbPool;
use sqlx::{PgPool, Row};

#[derive(Debug, Default)]
pub(super) struct Schema {
    pub(super) tables: BTreeMap<String, Table>,
    /// Full-text search tables (SQLite: FTS5; PostgreSQL: tsvector + GIN).
    pub(super) search: BTreeSet<String>,
    /// SQLite: the tables with a rowid; PostgreSQL: those with a `rowid` identity
    /// column standing for it.
    pub(super) rowid: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) columns: BTreeMap<String, Column>,
    pub(super) primary_key: Vec<String>,
    pub(super) unique: BTreeSet<Vec<String>>,
    /// `FOREIGN KEY (a) REFERENCES t(b) ON DELETE …`, in PostgreSQL's spelling.
    pub(super) foreign_keys: BTreeSet<String>,
    pub(super) indexes: BTreeMap<String, Index>,
    pub(super) triggers: BTreeSet<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Column {
    pub(super) kind: String,
    pub(super) not_null: bool,
    pub(super) default: Option<String>,
    pub(super) generated: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Index {
    pub(super) unique: bool,
    /// `column`, `column DESC` or `column COLLATE nocase`.
    pub(super) keys: Vec<String>,
    /// The partial index's condition, normalised.
    pub(super) condition: Option<String>,
}

/// Lower case, single spaces, no enclosing parentheses.
pub(super) fn normalised(condition: &str) -> String {
    let mut text = condition.trim().to_lowercase();
    while text.starts_with('(') && text.ends_with(')') {
        text = text[1..text.len() - 1].trim().to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A default as written, without PostgreSQL's `::type` cast.
pub(super) fn default_value(text: Option<String>) -> Option<String> {
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
pub(super) async fn strings_of<'c, D>(
    pool: &sqlx::Pool<D>,
    sql: &'c str,
    table: &'c str,
) -> BTreeSet<String>
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

pub(super) async fn sqlite_schema(pool: &DbPool) -> Schema {
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
                    format!("{column} COLLATE nocase")
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

pub(super) async fn postgres_schema(pool: &PgPool) -> Schema {
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
                    ARRAY(SELECT coalesce(k.collname::text, '') \
                          FROM unnest(i.indcollation::oid[]) WITH ORDINALITY AS u (oid, n) \
                          LEFT JOIN pg_collation k ON k.oid = u.oid ORDER BY u.n) AS collations, \
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
            let collations: Vec<String> = index.get("collations");
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
                .zip(collations)
                .map(|((key, option), collation)| {
                    // A key named like a keyword comes back quoted ("position").
                    let mut key = key.replace('"', "");
                    if collation == "nocase" {
                        key.push_str(" COLLATE nocase");
                    }
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
