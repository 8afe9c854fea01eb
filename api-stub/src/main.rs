//! The api-stub binary: reads [`Config`], opens and migrates the database, optionally
//! seeds the demo data, then serves [`api_stub::app`] until Ctrl-C or SIGTERM.

use std::io::Write;

use anyhow::Context;
use api_stub::{AppState, Config, LogFormat, StaticDirs, database, seed};
use clap::Parser;
use time::OffsetDateTime;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    init_tracing(config.log_format)?;

    let pool = database::connect(&config.database_url).await?;
    database::migrate(&pool).await?;
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
    tracing::info!(%bound, database = %config.database_url, "serving");

    let state = AppState::new(
        pool.clone(),
        StaticDirs {
            host_demo: config.host_demo_dir,
            dist: config.dist_dir,
        },
    );
    axum::serve(listener, api_stub::app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server failed")?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
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
