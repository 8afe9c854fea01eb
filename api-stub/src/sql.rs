//! SQL built piece by piece with numbered placeholders (`$1`, `$2`, …): the one
//! spelling both SQLite and PostgreSQL accept, where sqlx's `QueryBuilder` writes
//! each backend's own (`?` for SQLite). Every query of api-stub, static or built
//! here, numbers its placeholders, so the same text runs on both databases.
//!
//! The API is `QueryBuilder`'s: `push` text, `push_bind` a value (its placeholder
//! is written and the value kept), `separated` lists, `push_values` rows, then
//! `build`, `build_query_as` or `build_query_scalar`.

use std::fmt::Display;

use sqlx::error::BoxDynError;
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Arguments, Database, Encode, FromRow, Type};

/// The database api-stub's queries run on: sqlx's `Any`, which is SQLite or
/// PostgreSQL as the database URL says.
pub type Db = sqlx::Any;

/// A pool of connections to [`Db`].
pub type DbPool = sqlx::Pool<Db>;

/// One connection to [`Db`].
pub type DbConnection = <Db as Database>::Connection;

/// The arguments of a query on [`Db`].
pub type DbArguments<'args> = <Db as Database>::Arguments<'args>;

/// Which database a pool or connection is on, for the few statements whose
/// spelling differs (full-text search, the writers' lock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, the embedded default.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The backend `pool` connects to, from its URL.
    pub fn of_pool(pool: &DbPool) -> Backend {
        match pool.connect_options().database_url.scheme() {
            "postgres" | "postgresql" => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// The backend of an open connection.
    pub fn of(connection: &DbConnection) -> Backend {
        match connection.backend_name() {
            "PostgreSQL" => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// A 0/1 integer column read as a boolean: both databases store flags as
/// integers, and sqlx's `Any` reads a `bool` only from a boolean column. Row
/// fields take it with `#[sqlx(try_from = "Flag")]`; scalars read it and
/// convert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

impl sqlx::Type<Db> for Flag {
    fn type_info() -> <Db as Database>::TypeInfo {
        <i64 as sqlx::Type<Db>>::type_info()
    }

    fn compatible(ty: &<Db as Database>::TypeInfo) -> bool {
        <i64 as sqlx::Type<Db>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, Db> for Flag {
    fn decode(value: <Db as Database>::ValueRef<'r>) -> Result<Flag, BoxDynError> {
        match <i64 as sqlx::Decode<'r, Db>>::decode(value)? {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            other => Err(format!("a flag column holds {other}, not 0 or 1").into()),
        }
    }
}

/// SQL text and the values bound to its placeholders, in order.
pub struct Sql<'args> {
    text: String,
    /// `None` once built; the first value that failed to encode, if any.
    arguments: Option<Result<DbArguments<'args>, BoxDynError>>,
    bound: usize,
}

impl<'args> Sql<'args> {
    /// Starts with `init`.
    pub fn new(init: impl Display) -> Sql<'args> {
        Sql {
            text: init.to_string(),
            arguments: Some(Ok(DbArguments::default())),
            bound: 0,
        }
    }

    /// Appends `sql` as it is (never a value: those go through [`Sql::push_bind`]).
    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        self.text.push_str(&sql.to_string());
        self
    }

    /// Appends the next placeholder and binds `value` to it.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'args + Encode<'args, Db> + Type<Db>,
    {
        if let Some(Ok(arguments)) = &mut self.arguments
            && let Err(error) = arguments.add(value)
        {
            self.arguments = Some(Err(error));
        }
        self.bound += 1;
        self.text.push('$');
        self.text.push_str(&self.bound.to_string());
        self
    }

    /// Pushes and binds through `separator`-separated items.
    pub fn separated(&mut self, separator: &'static str) -> Separated<'_, 'args> {
        Separated {
            sql: self,
            separator,
            first: true,
        }
    }

    /// Appends `VALUES (…), (…)`, one row per item, filled by `push_row`.
    pub fn push_values<I, F>(&mut self, rows: I, mut push_row: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(Separated<'_, 'args>, I::Item),
    {
        self.push("VALUES ");
        for (index, row) in rows.into_iter().enumerate() {
            if index > 0 {
                self.push(", ");
            }
            self.push("(");
            push_row(self.separated(", "), row);
            self.push(")");
        }
        self
    }

    /// The SQL text so far.
    pub fn sql(&self) -> &str {
        &self.text
    }

    fn take_arguments(&mut self) -> Result<DbArguments<'args>, BoxDynError> {
        self.arguments
            .take()
            .unwrap_or_else(|| Err("an SQL query was built twice".into()))
    }

    /// The query, to execute. (Its arguments live as long as the borrow of the
    /// text: sqlx ties the two together.)
    pub fn build<'q>(&'q mut self) -> Query<'q, Db, DbArguments<'q>> {
        let arguments: Result<DbArguments<'q>, BoxDynError> = self.take_arguments();
        sqlx_core::query::query_with_result(&self.text, arguments)
    }

    /// The query, each row read as a `T`.
    pub fn build_query_as<'q, T>(&'q mut self) -> QueryAs<'q, Db, T, DbArguments<'q>>
    where
        T: for<'r> FromRow<'r, <Db as Database>::Row>,
    {
        let arguments: Result<DbArguments<'q>, BoxDynError> = self.take_arguments();
        sqlx_core::query_as::query_as_with_result(&self.text, arguments)
    }

    /// The query, each row's first column read as a `T`.
    pub fn build_query_scalar<'q, T>(&'q mut self) -> QueryScalar<'q, Db, T, DbArguments<'q>>
    where
        (T,): for<'r> FromRow<'r, <Db as Database>::Row>,
    {
        let arguments: Result<DbArguments<'q>, BoxDynError> = self.take_arguments();
        sqlx_core::query_scalar::query_scalar_with_result(&self.text, arguments)
    }
}

/// Items of a list, with a separator between them.
pub struct Separated<'sql, 'args> {
    sql: &'sql mut Sql<'args>,
    separator: &'static str,
    first: bool,
}

impl<'args> Separated<'_, 'args> {
    fn separate(&mut self) {
        if !self.first {
            self.sql.push(self.separator);
        }
        self.first = false;
    }

    /// Appends the separator (but before the first item), then `sql`.
    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        self.separate();
        self.sql.push(sql);
        self
    }

    /// Appends the separator (but before the first item), then binds `value`.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'args + Encode<'args, Db> + Type<Db>,
    {
        self.separate();
        self.sql.push_bind(value);
        self
    }

    /// Appends `sql` without a separator.
    pub fn push_unseparated(&mut self, sql: impl Display) -> &mut Self {
        self.sql.push(sql);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Sql;

    #[test]
    fn placeholders_are_numbered_in_order_through_lists_and_rows() {
        let mut sql = Sql::new("SELECT * FROM t WHERE a = ");
        sql.push_bind(1_i64).push(" AND b IN (");
        let mut list = sql.separated(", ");
        list.push_bind("x").push_bind("y");
        list.push_unseparated(")");
        assert_eq!(sql.sql(), "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");

        let mut insert = Sql::new("INSERT INTO t (a, b) ");
        insert.push_values([(1_i64, "p"), (2, "q")], |mut row, (a, b)| {
            row.push_bind(a).push_bind(b);
        });
        assert_eq!(
            insert.sql(),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
