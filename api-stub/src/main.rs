//! The api-stub binary: reads [`Config`], opens and migrates the database, optionally
//! seeds the demo data, then serves [`api_stub::app`] until Ctrl-C or SIGTERM, with
//! [`api_stub::housekeeping`] every few minutes. `api-stub openapi` prints the
//! OpenAPI document instead; `api-stub seed` seeds the database (demo story plus
//! optional bulk data) and exits.

use std::io::Write;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use api_stub::config::Command;
use api_stub::{AppState, Config, LogFormat, StaticDirs, database, seed};
use clap::Parser;
use time::OffsetDateTime;
use tracing_subscriber::EnvFilter;

/// How often expired idempotency keys and change-feed entries are deleted.
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(10 * 60);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    if config.command == Some(Command::Openapi) {
        return print_openapi();
    }
    init_tracing(config.log_format)?;

    let pool = database::connect_with(&config.database_url, config.pool_settings()).await?;
    database::migrate(&pool).await?;
    if let Some(Command::Seed {
        inquiries,
        members,
        years,
    }) = config.command
    {
        let result = seed_command(&pool, inquiries, members, years).await;
        pool.close().await;
        return result;
    }
    if config.seed_demo {
        let outcome = seed::seed_demo(&pool, OffsetDateTime::now_utc())
            .await
            .context("cannot seed the demo data")?;
        tracing::info!(?outcome, "demo data");
    }

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let bound = listener
        .local_addr()
        .context("cannot read the bound address")?;
    // The one line on stdout: test harnesses and `cargo xtask demo` read the port here.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "api-stub listening on http://{bound}").context("cannot write to stdout")?;
    stdout.flush().context("cannot flush stdout")?;
    drop(stdout);
    tracing::info!(%bound, database = %database::redacted(&config.database_url), "serving");

    let settings = config.settings();
    let state = AppState::with_settings(
        pool.clone(),
        StaticDirs {
            host_demo: config.host_demo_dir,
            dist: config.dist_dir,
        },
        settings,
    );
    let housekeeping = tokio::spawn(housekeep(state.clone()));
    let changes = state.changes.clone();
    // With the peer's address, which the rate limit uses for requests without a token.
    let service = api_stub::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            // Open change streams would keep the server waiting forever.
            changes.shut_down();
        })
        .await
        .context("the server failed")?;
    housekeeping.abort();
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `api-stub seed`: the demo data set when the database is empty, then the bulk data,
/// with a progress line on stderr.
async fn seed_command(
    pool: &api_stub::sql::DbPool,
    inquiries: u64,
    members: u32,
    years: u32,
) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let started = Instant::now();
    let outcome = seed::seed_demo(pool, now)
        .await
        .context("cannot seed the demo data")?;
    match outcome {
        seed::SeedOutcome::Seeded(counts) => eprintln!(
            "demo data: {} members, {} users, {} customers, {} inquiries, {} quote revisions",
            counts.members, counts.users, counts.customers, counts.inquiries, counts.quotes
        ),
        seed::SeedOutcome::AlreadyPopulated => {
            eprintln!("demo data: already there");
        }
    }
    if inquiries == 0 && members == 0 {
        return Ok(());
    }
    let mut bar = Progress::new(inquiries);
    let counts = seed::seed_bulk(
        pool,
        now,
        seed::BulkOptions {
            inquiries,
            members,
            years,
        },
        &mut |done| bar.update(done),
    )
    .await
    .context("cannot seed the bulk data")?;
    bar.finish();
    eprintln!(
        "bulk data: {} inquiries ({} messages, {} tags), {} generated members with {} users \
         in {:.1} s",
        counts.inquiries,
        counts.messages,
        counts.tags,
        counts.members,
        counts.users,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A progress line on stderr: redrawn in place on a terminal, every tenth otherwise.
struct Progress {
    total: u64,
    started: Instant,
    drawn: Instant,
    tenths: u64,
    terminal: bool,
}

impl Progress {
    fn new(total: u64) -> Progress {
        Progress {
            total,
            started: Instant::now(),
            drawn: Instant::now(),
            tenths: 0,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    fn update(&mut self, done: u64) {
        let tenths = done.saturating_mul(10) / self.total.max(1);
        if self.terminal {
            if self.drawn.elapsed() < Duration::from_millis(100) && done < self.total {
                return;
            }
            self.drawn = Instant::now();
            eprint!("\r{}", self.line(done));
        } else if tenths > self.tenths {
            self.tenths = tenths;
            eprintln!("{}", self.line(done));
        }
    }

    fn line(&self, done: u64) -> String {
        const WIDTH: u64 = 30;
        let filled = done.saturating_mul(WIDTH) / self.total.max(1);
        let bar: String = (0..WIDTH)
            .map(|cell| if cell < filled { '#' } else { '-' })
            .collect();
        let seconds = self.started.elapsed().as_secs_f64().max(0.001);
        format!(
            "inquiries [{bar}] {done}/{} {:>3}%  {:.0}/s ",
            self.total,
            done.saturating_mul(100) / self.total.max(1),
            done as f64 / seconds
        )
    }

    fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}

/// Writes the OpenAPI document, pretty-printed with a final newline, to stdout.
fn print_openapi() -> anyhow::Result<()> {
    let document = api_stub::routes::openapi_document();
    let text = serde_json::to_string_pretty(&document).context("cannot encode the document")?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").context("cannot write to stdout")?;
    stdout.flush().context("cannot flush stdout")
}

/// Deletes what is kept only for a while, now and then every [`HOUSEKEEPING_INTERVAL`].
async fn housekeep(state: AppState) {
    let mut interval = tokio::time::interval(HOUSEKEEPING_INTERVAL);
    loop {
        interval.tick().await;
        if let Err(error) = api_stub::housekeeping(&state, OffsetDateTime::now_utc()).await {
            tracing::warn!(%error, "housekeeping failed; trying again later");
        }
    }
}

fn init_tracing(format: LogFormat) -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new("info,sqlx=warn"))
        .context("invalid log filter")?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let installed = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    installed.map_err(|error| anyhow::anyhow!(error).context("cannot install the logger"))
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM; in-flight requests then finish.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
