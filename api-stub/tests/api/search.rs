//! Full-text search finds the same rows on both databases: FTS5 on SQLite, a
//! `tsvector` built by `api_stub::search` on PostgreSQL. The same rows are
//! indexed in both and every search is run in both; a few searches also say
//! which rows they must find, so that two empty answers cannot agree.

use api_stub::database;
use api_stub::search::{self, INQUIRIES, Terms, search_text};
use api_stub::sql::{Backend, DbPool, Sql};
use contract::validation::FieldErrors;

use crate::support::TempDir;
use crate::support::postgres::TestPostgres;

/// Inquiries' fields (subject, body, buyer, product), by rowid, as written.
const ROWS: [(i64, [&str; 4]); 5] = [
    (
        1,
        [
            "LED Panel Light 600x600",
            "Hello, we need 2,000 pcs of LED panels for our shops.",
            "Klaus Müller Müller Handels GmbH k.mueller@mueller-handels.de",
            "LED panel",
        ],
    ),
    (
        2,
        [
            "太阳能路灯询价",
            "您好，我们想采购LED面板灯，请报价。",
            "王伟 深圳贸易 wang@163.com",
            "太阳能路灯",
        ],
    ),
    (
        3,
        [
            "Café equipment",
            "Prix pour 500 unités, s'il vous plaît",
            "Élodie Durand",
            "",
        ],
    ),
    // "panel" ends one field and "light" starts the next: not a phrase.
    (
        4,
        ["Spare parts", "we need a panel", "light industries ltd", ""],
    ),
    (
        5,
        [
            "NEAR(x) OR \"quotes\" AND *",
            "Teléfono: +34 600 123 456",
            "José Núñez",
            "panel-light",
        ],
    ),
];

/// What an inbox search finds, with the rows it must find.
const TYPED: [(&str, &[i64]); 22] = [
    ("led", &[1, 2]),
    ("LED pan", &[1]),
    ("panel", &[1, 4, 5]),
    ("muller", &[1]),
    ("MÜLLER handels", &[1]),
    ("k.mueller@mueller-handels.de", &[1]),
    ("mueller-hand", &[1]),
    ("面板", &[2]),
    ("面板灯", &[2]),
    ("太阳", &[2]),
    ("板面", &[]),
    ("cafe", &[3]),
    ("unités s'il", &[3]),
    ("panel-light", &[1, 5]),
    ("panel light", &[1, 4, 5]),
    ("NEAR(x", &[5]),
    ("\"quotes\" AND", &[5]),
    ("2,000", &[1]),
    ("2000", &[]),
    ("600x6", &[1]),
    ("nunez +34", &[5]),
    ("?!", &[]),
];

/// What a customer or product search (`q`) finds: every word a prefix.
const PARAMETERS: [(&str, &[i64]); 4] = [
    ("pan lig", &[1, 4, 5]),
    ("müll hand", &[1]),
    ("elo dur", &[3]),
    ("ltd spare", &[4]),
];

async fn indexed(pool: &DbPool) {
    let mut connection = pool.acquire().await.unwrap();
    for (rowid, fields) in ROWS {
        let fields = fields.map(search_text);
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        INQUIRIES
            .put(&mut connection, rowid, &fields)
            .await
            .unwrap();
    }
    // Replacing a row's text forgets the old one.
    INQUIRIES
        .put(&mut connection, 6, &["obsolete", "", "", ""])
        .await
        .unwrap();
    INQUIRIES
        .put(&mut connection, 6, &["current", "", "", ""])
        .await
        .unwrap();
}

async fn found(pool: &DbPool, terms: &Terms) -> Vec<i64> {
    let mut query = Sql::new("SELECT f.rowid FROM inquiries_fts f WHERE 1 = 1");
    search::INQUIRIES.push_matching(
        &mut query,
        "f.rowid",
        &terms.condition(Backend::of_pool(pool)),
    );
    query.push(" ORDER BY f.rowid");
    query.build_query_scalar().fetch_all(pool).await.unwrap()
}

#[tokio::test]
async fn both_databases_find_the_same_rows() {
    let dir = TempDir::new();
    let sqlite = database::connect(&format!("sqlite://{}", dir.path().join("crm.db").display()))
        .await
        .unwrap();
    database::migrate(&sqlite).await.unwrap();
    let server = TestPostgres::start().await;
    let postgres = database::connect(&server.url()).await.unwrap();
    database::migrate(&postgres).await.unwrap();
    indexed(&sqlite).await;
    indexed(&postgres).await;

    let typed = TYPED
        .iter()
        .map(|(text, expected)| (*text, Terms::typed(text), *expected));
    let mut errors = FieldErrors::new();
    let parameters: Vec<_> = PARAMETERS
        .iter()
        .map(|(text, expected)| (*text, Terms::parameter(text, "q", &mut errors), *expected))
        .collect();
    errors.finish().unwrap();
    for (text, terms, expected) in typed.chain(parameters) {
        let Some(terms) = terms else {
            assert!(expected.is_empty(), "{text:?} is not a search");
            continue;
        };
        let on_sqlite = found(&sqlite, &terms).await;
        let on_postgres = found(&postgres, &terms).await;
        assert_eq!(on_sqlite, expected, "SQLite, {text:?}");
        assert_eq!(on_postgres, expected, "PostgreSQL, {text:?}");
    }
    for (word, rows) in [("obsolete", &[][..]), ("current", &[6][..])] {
        let terms = Terms::typed(word).unwrap();
        assert_eq!(found(&sqlite, &terms).await, rows, "SQLite, {word}");
        assert_eq!(found(&postgres, &terms).await, rows, "PostgreSQL, {word}");
    }
    postgres.close().await;
}
