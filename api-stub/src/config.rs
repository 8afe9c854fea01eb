//! Start-up configuration, from command-line flags or the environment, and the
//! [`Settings`] the running application reads from it.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::http::HeaderValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::database::PoolSettings;

/// How the server is configured. Every flag also reads an environment variable, so
/// the same binary runs from a shell, `cargo xtask demo` and a container alike.
#[derive(Clone, Debug, Parser)]
#[command(name = "api-stub", version, about)]
pub struct Config {
    /// What to do instead of serving (nothing: serve).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on; port 0 picks a free port (the bound one is printed).
    #[arg(long, env = "CRM_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Database URL: `sqlite://crm.db` (the file is created when missing) or
    /// `postgres://user:password@host/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://crm.db",
        global = true
    )]
    pub database_url: String,

    /// Database connections this instance opens at most.
    #[arg(long, env = "CRM_DATABASE_MAX_CONNECTIONS", default_value_t = PoolSettings::DEFAULT_MAX_CONNECTIONS,
          value_parser = clap::value_parser!(u32).range(1..=1000), global = true)]
    pub database_max_connections: u32,

    /// Seconds a request waits for a database connection before it is answered
    /// 503 (database unavailable).
    #[arg(long, env = "CRM_DATABASE_ACQUIRE_TIMEOUT_SECONDS",
          default_value_t = PoolSettings::DEFAULT_ACQUIRE_TIMEOUT_SECONDS,
          value_parser = clap::value_parser!(u64).range(1..=600), global = true)]
    pub database_acquire_timeout_seconds: u64,

    /// Seconds one SQL statement may run on PostgreSQL before it is cancelled
    /// (the request is answered 503); 0: no limit. Not applied on SQLite.
    #[arg(long, env = "CRM_DATABASE_STATEMENT_TIMEOUT_SECONDS",
          default_value_t = PoolSettings::DEFAULT_STATEMENT_TIMEOUT_SECONDS,
          value_parser = clap::value_parser!(u64).range(0..=86_400), global = true)]
    pub database_statement_timeout_seconds: u64,

    /// Insert the demo data set (members, users, tokens, customers, inquiries) when
    /// the database has no members yet.
    /// In the environment: `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`.
    #[arg(long, env = "CRM_SEED_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
    pub seed_demo: bool,

    /// Directory of the host demo pages, served at `/`.
    #[arg(long, env = "CRM_HOST_DEMO_DIR", default_value = "host-demo")]
    pub host_demo_dir: PathBuf,

    /// Directory of the built widget bundle, served at `/dist/`.
    #[arg(long, env = "CRM_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Log line format on stderr; the filter comes from `RUST_LOG`.
    #[arg(long, env = "CRM_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,

    /// Largest request body accepted, in bytes; larger ones get a 413 problem.
    #[arg(long, env = "CRM_MAX_BODY_BYTES", default_value_t = Settings::DEFAULT_MAX_BODY_BYTES,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_body_bytes: u32,

    /// API requests per minute per bearer token (or per client address without one),
    /// also the burst allowed at once; more get a 429 problem with `Retry-After`.
    /// 0 turns rate limiting off.
    #[arg(long, env = "CRM_RATE_LIMIT_PER_MINUTE", default_value_t = Settings::DEFAULT_RATE_LIMIT_PER_MINUTE)]
    pub rate_limit_per_minute: u32,

    /// An origin (`https://portal.example`) whose pages may call the API from the
    /// browser (CORS). Repeat the flag for several; in the environment, separate them
    /// with commas. None: only pages of the API's own origin.
    #[arg(long = "cors-origin", env = "CRM_CORS_ORIGINS", value_delimiter = ',',
          value_parser = parse_origin)]
    pub cors_origins: Vec<HeaderValue>,

    /// Days the change feed keeps its entries; a client whose cursor is older gets
    /// 410 Gone and reloads its lists.
    #[arg(long, env = "CRM_CHANGE_RETENTION_DAYS", default_value_t = Settings::DEFAULT_CHANGE_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub change_retention_days: u32,
}

/// What the binary does besides serving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Print the OpenAPI document (JSON) to stdout and exit, without a database.
    Openapi,
    /// Seed the database at `--database-url` and exit: the demo data set (when the
    /// database has no members yet), then `--inquiries` older generated inquiries
    /// over the demo members and `--members` generated member companies. Progress
    /// goes to stderr.
    Seed {
        /// Generated inquiries to add on top of the demo story (0: the story only).
        #[arg(long, default_value_t = 0,
              value_parser = clap::value_parser!(u64).range(0..=crate::seed::MAX_INQUIRIES))]
        inquiries: u64,
        /// Member companies to generate besides the two demo members.
        #[arg(long, default_value_t = 0,
              value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::seed::MAX_MEMBERS)))]
        members: u32,
        /// How many years back the generated inquiries reach.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
        years: u32,
    },
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The limits and policies the running application applies, from [`Config`] or,
/// in tests, chosen directly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Requests per minute (and burst) per token or client address; 0: unlimited.
    pub rate_limit_per_minute: u32,
    /// Origins allowed to call the API cross-origin; empty: same origin only.
    pub cors_origins: Vec<HeaderValue>,
    /// How long change-feed entries are kept.
    pub change_retention: time::Duration,
    /// Serve the demo portal's buyer form endpoint, `POST /demo/buyer-inquiries`
    /// (with `--seed-demo`).
    pub demo_storefront: bool,
}

impl Settings {
    /// 1 MiB.
    pub const DEFAULT_MAX_BODY_BYTES: u32 = 1024 * 1024;
    /// 20 requests a second on average, with a burst of a whole minute's worth.
    pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 1200;
    /// A month: long enough for a laptop that was closed over a holiday.
    pub const DEFAULT_CHANGE_RETENTION_DAYS: u32 = 30;
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            max_body_bytes: Settings::DEFAULT_MAX_BODY_BYTES as usize,
            rate_limit_per_minute: Settings::DEFAULT_RATE_LIMIT_PER_MINUTE,
            cors_origins: Vec::new(),
            demo_storefront: false,
            change_retention: time::Duration::days(i64::from(
                Settings::DEFAULT_CHANGE_RETENTION_DAYS,
            )),
        }
    }
}

impl Config {
    /// How the database's pool is sized and timed.
    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.database_max_connections,
            acquire_timeout: std::time::Duration::from_secs(self.database_acquire_timeout_seconds),
            statement_timeout: (self.database_statement_timeout_seconds > 0)
                .then(|| std::time::Duration::from_secs(self.database_statement_timeout_seconds)),
        }
    }

    /// The settings of the application this configuration serves.
    pub fn settings(&self) -> Settings {
        Settings {
            max_body_bytes: usize::try_from(self.max_body_bytes).unwrap_or(usize::MAX),
            rate_limit_per_minute: self.rate_limit_per_minute,
            cors_origins: self.cors_origins.clone(),
            change_retention: time::Duration::days(i64::from(self.change_retention_days)),
            demo_storefront: self.seed_demo,
        }
    }
}

/// An origin as browsers send it in `Origin`: `http(s)://host[:port]`, nothing after.
fn parse_origin(text: &str) -> Result<HeaderValue, String> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("{text:?} is not an origin: it must start with http:// or https://")
        })?;
    let well_formed = !rest.is_empty()
        && rest
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b".-:[]".contains(&byte));
    if !well_formed {
        return Err(format!(
            "{text:?} is not an origin: scheme, host and optional port only, no path or trailing slash"
        ));
    }
    HeaderValue::from_str(text).map_err(|error| format!("{text:?}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_without_flags() {
        let config = Config::try_parse_from(["api-stub"]).unwrap();
        assert_eq!(config.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.log_format, LogFormat::Pretty);
        assert_eq!(config.host_demo_dir, PathBuf::from("host-demo"));
        assert_eq!(config.command, None);
        assert_eq!(config.settings(), Settings::default());
        assert_eq!(config.pool_settings(), PoolSettings::default());
        assert_eq!(config.settings().max_body_bytes, 1_048_576);
        assert_eq!(config.settings().rate_limit_per_minute, 1200);
        assert!(config.settings().cors_origins.is_empty());
    }

    #[test]
    fn flags_override_defaults() {
        let config = Config::try_parse_from([
            "api-stub",
            "--addr",
            "127.0.0.1:0",
            "--seed-demo",
            "--log-format",
            "json",
            "--dist-dir",
            "/tmp/dist",
            "--max-body-bytes",
            "2048",
            "--rate-limit-per-minute",
            "0",
            "--cors-origin",
            "https://portal.example",
            "--cors-origin",
            "http://localhost:3000",
            "--change-retention-days",
            "7",
            "--database-max-connections",
            "32",
            "--database-statement-timeout-seconds",
            "0",
        ])
        .unwrap();
        assert_eq!(config.addr.port(), 0);
        assert!(config.seed_demo);
        assert_eq!(config.log_format, LogFormat::Json);
        assert_eq!(config.dist_dir, PathBuf::from("/tmp/dist"));
        let settings = config.settings();
        assert_eq!(settings.max_body_bytes, 2048);
        assert_eq!(settings.rate_limit_per_minute, 0);
        assert_eq!(
            settings.cors_origins,
            ["https://portal.example", "http://localhost:3000"]
        );
        assert_eq!(settings.change_retention, time::Duration::days(7));
        assert_eq!(
            config.pool_settings(),
            PoolSettings {
                max_connections: 32,
                acquire_timeout: std::time::Duration::from_secs(5),
                statement_timeout: None,
            }
        );
    }

    #[test]
    fn the_openapi_subcommand_parses() {
        let config = Config::try_parse_from(["api-stub", "openapi"]).unwrap();
        assert_eq!(config.command, Some(Command::Openapi));
    }

    #[test]
    fn the_seed_subcommand_parses_and_bounds_its_sizes() {
        let config = Config::try_parse_from([
            "api-stub",
            "seed",
            "--database-url",
            "sqlite://big.db",
            "--inquiries",
            "1000000",
            "--members",
            "8",
        ])
        .unwrap();
        assert_eq!(config.database_url, "sqlite://big.db");
        assert_eq!(
            config.command,
            Some(Command::Seed {
                inquiries: 1_000_000,
                members: 8,
                years: 3
            })
        );
        for bad in [
            ["--inquiries", "-1"],
            ["--inquiries", "many"],
            ["--members", "1001"],
            ["--years", "0"],
        ] {
            assert!(
                Config::try_parse_from(["api-stub", "seed", bad[0], bad[1]]).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn bad_values_are_refused() {
        for arguments in [
            &["api-stub", "--addr", "localhost"][..],
            &["api-stub", "--max-body-bytes", "0"],
            &["api-stub", "--cors-origin", "portal.example"],
            &["api-stub", "--cors-origin", "https://portal.example/"],
            &["api-stub", "--cors-origin", "https://portal.example/app"],
            &["api-stub", "--change-retention-days", "0"],
        ] {
            assert!(
                Config::try_parse_from(arguments).is_err(),
                "{arguments:?} accepted"
            );
        }
    }
}
