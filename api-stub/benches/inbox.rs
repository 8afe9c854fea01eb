//! Inbox benchmark: latency of the list queries (the inbox, its filters, search, a
//! rep's view, the next page) and of one inquiry, against a database seeded by
//! `api-stub seed` (`cargo xtask bench` seeds and runs it). Requests go through the
//! whole application (routing, authentication, rate limit off, JSON) in process,
//! without the TCP round trip. Prints p50/p90/p99 per request; the floor of the
//! first page (its rows and total straight from SQLite: no HTTP, authentication,
//! tags, counts or JSON); the throughput of eight concurrent clients on the
//! inbox, and the process's peak memory.
//!
//! `cargo bench -p api-stub --bench inbox -- --database FILE [--seconds S]`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark: a failed set-up must stop it, and its report goes to stdout"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use api_stub::config::Settings;
use api_stub::{AppState, StaticDirs, app, database};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Samples per request at least and at most; between them, as many as fit in the
/// time budget.
const MIN_SAMPLES: usize = 15;
const MAX_SAMPLES: usize = 400;
const WARM_UP: usize = 3;
const CONCURRENT_CLIENTS: usize = 8;

struct Options {
    database: PathBuf,
    budget: Duration,
}

fn options() -> Options {
    let mut database = None;
    let mut seconds = 8.0_f64;
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--database" => database = arguments.next().map(PathBuf::from),
            "--seconds" => {
                seconds = arguments
                    .next()
                    .and_then(|value| value.parse().ok())
                    .expect("--seconds needs a number");
            }
            // `cargo bench` passes `--bench`; nothing else is expected.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    Options {
        database: database.expect("--database FILE (seeded by `api-stub seed`) is required"),
        budget: Duration::from_secs_f64(seconds),
    }
}

async fn get(router: &Router, path: &str, token: &str) -> (Duration, serde_json::Value) {
    let request = Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let started = Instant::now();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let elapsed = started.elapsed();
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&body)
    );
    (elapsed, serde_json::from_slice(&body).unwrap())
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn milliseconds(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

/// Peak resident memory of this process, from `/proc/self/status` (Linux).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .map(|line| line.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

#[tokio::main]
async fn main() {
    let options = options();
    let url = format!("sqlite://{}", options.database.display());
    let pool = database::connect(&url).await.unwrap();
    database::migrate(&pool).await.unwrap();
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries")
        .fetch_one(&pool)
        .await
        .unwrap();
    let router = app(AppState::with_settings(
        pool.clone(),
        StaticDirs {
            host_demo: PathBuf::from("host-demo"),
            dist: PathBuf::from("dist"),
        },
        Settings {
            rate_limit_per_minute: 0,
            ..Settings::default()
        },
    ));

    const OWNER: &str = "demo-brightway-owner";
    const REP: &str = "demo-brightway-rep";
    let (_, first_page) = get(&router, "/api/v1/inquiries?limit=50", OWNER).await;
    let member_total = first_page["total"].as_u64().unwrap_or_default();
    let cursor = first_page["next_cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let inquiry = first_page["items"][0]["id"].as_str().unwrap().to_owned();
    let requests: Vec<(&str, String, &str)> = vec![
        (
            "inbox, first page",
            "/api/v1/inquiries?limit=50".into(),
            OWNER,
        ),
        (
            "inbox, next page",
            format!("/api/v1/inquiries?limit=50&cursor={cursor}"),
            OWNER,
        ),
        (
            "status new/open/quoted",
            "/api/v1/inquiries?limit=50&status=new,open,quoted".into(),
            OWNER,
        ),
        (
            "unread",
            "/api/v1/inquiries?limit=50&unread=true".into(),
            OWNER,
        ),
        (
            "score ≥ 60, by score",
            "/api/v1/inquiries?limit=50&score_min=60&sort=score_desc".into(),
            OWNER,
        ),
        (
            "country DE",
            "/api/v1/inquiries?limit=50&country=DE".into(),
            OWNER,
        ),
        (
            "overdue first",
            "/api/v1/inquiries?limit=50&status=new,open&sort=due_asc".into(),
            OWNER,
        ),
        (
            "search one word",
            "/api/v1/inquiries?limit=50&q=floodlight".into(),
            OWNER,
        ),
        (
            "search two words",
            "/api/v1/inquiries?limit=50&q=solar+street".into(),
            OWNER,
        ),
        (
            "search a rare name",
            "/api/v1/inquiries?limit=50&q=Lichtwerk".into(),
            OWNER,
        ),
        ("a rep's inbox", "/api/v1/inquiries?limit=50".into(), REP),
        ("one inquiry", format!("/api/v1/inquiries/{inquiry}"), OWNER),
    ];

    println!(
        "database: {} inquiries in all, {member_total} of them Brightway's",
        total
    );
    println!(
        "{:<24} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "request", "samples", "p50 ms", "p90 ms", "p99 ms", "matches"
    );
    for (name, path, token) in &requests {
        let mut matches = String::new();
        for _ in 0..WARM_UP {
            let (_, body) = get(&router, path, token).await;
            matches = body["total"]
                .as_u64()
                .map_or_else(|| "-".to_owned(), |total| total.to_string());
        }
        let mut samples = Vec::new();
        let started = Instant::now();
        while samples.len() < MAX_SAMPLES
            && (samples.len() < MIN_SAMPLES || started.elapsed() < options.budget)
        {
            samples.push(get(&router, path, token).await.0);
        }
        samples.sort();
        println!(
            "{name:<24} {:>8} {:>9} {:>9} {:>9} {matches:>9}",
            samples.len(),
            milliseconds(percentile(&samples, 0.5)),
            milliseconds(percentile(&samples, 0.9)),
            milliseconds(percentile(&samples, 0.99)),
        );
    }

    // The floor of the first page: its rows from the index and its total from the
    // kept counts, straight from SQLite, with no HTTP, authentication, tags,
    // per-status counts or JSON.
    let member: String = sqlx::query_scalar("SELECT member_id FROM inquiries WHERE id = $1")
        .bind(&inquiry)
        .fetch_one(&pool)
        .await
        .unwrap();
    let floor = || async {
        let started = Instant::now();
        let rows = sqlx::query(
            "SELECT * FROM inquiries WHERE member_id = $1 \
             ORDER BY received_at DESC, id DESC LIMIT 50",
        )
        .bind(&member)
        .fetch_all(&pool)
        .await
        .unwrap();
        // The count the triggers keep, as the API reads it for this page.
        let total: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(count), 0) FROM inquiry_counts WHERE member_id = $1",
        )
        .bind(&member)
        .fetch_one(&pool)
        .await
        .unwrap();
        (started.elapsed(), rows.len(), total)
    };
    let mut samples = Vec::new();
    let mut matches = 0;
    let started = Instant::now();
    while samples.len() < MAX_SAMPLES
        && (samples.len() < MIN_SAMPLES || started.elapsed() < options.budget)
    {
        let (elapsed, rows, total) = floor().await;
        assert_eq!(rows, 50.min(usize::try_from(total).unwrap()));
        matches = total;
        samples.push(elapsed);
    }
    samples.sort();
    println!(
        "{:<24} {:>8} {:>9} {:>9} {:>9} {matches:>9}",
        "floor: first page, SQL",
        samples.len(),
        milliseconds(percentile(&samples, 0.5)),
        milliseconds(percentile(&samples, 0.9)),
        milliseconds(percentile(&samples, 0.99)),
    );

    // Throughput: eight clients asking for the inbox's first page at once.
    let started = Instant::now();
    let deadline = started + options.budget;
    let clients: Vec<_> = (0..CONCURRENT_CLIENTS)
        .map(|_| {
            let router = router.clone();
            tokio::spawn(async move {
                let mut done = 0_u64;
                while Instant::now() < deadline {
                    get(&router, "/api/v1/inquiries?limit=50", OWNER).await;
                    done += 1;
                }
                done
            })
        })
        .collect();
    let mut done = 0;
    for client in clients {
        done += client.await.unwrap();
    }
    println!(
        "inbox first page, {CONCURRENT_CLIENTS} concurrent clients: {:.0} requests/s \
         ({} cores)",
        done as f64 / started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!("peak resident memory: {}", peak_rss());
    pool.close().await;
}
