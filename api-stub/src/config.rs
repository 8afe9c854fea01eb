//! Start-up configuration, from command-line flags or the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// How the server is configured. Every flag also reads an environment variable, so
/// the same binary runs from a shell, `cargo xtask demo` and a container alike.
#[derive(Clone, Debug, Parser)]
#[command(name = "api-stub", version, about)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (the bound one is printed).
    #[arg(long, env = "CRM_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// SQLite database URL; the file is created when missing.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://crm.db")]
    pub database_url: String,

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
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
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
        ])
        .unwrap();
        assert_eq!(config.addr.port(), 0);
        assert!(config.seed_demo);
        assert_eq!(config.log_format, LogFormat::Json);
        assert_eq!(config.dist_dir, PathBuf::from("/tmp/dist"));
    }

    #[test]
    fn a_bad_address_is_refused() {
        assert!(Config::try_parse_from(["api-stub", "--addr", "localhost"]).is_err());
    }
}
