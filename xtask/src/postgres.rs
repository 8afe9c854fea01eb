//! A PostgreSQL server for the test and bench commands: the one
//! `CRM_TEST_POSTGRES_URL` names, or a throwaway of our own, started from Debian's
//! server programs in a temporary data directory on a free loopback port and
//! stopped (and deleted) when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::process;

/// The variable naming an administrator's URL of a running server.
pub(crate) const SERVER_URL: &str = "CRM_TEST_POSTGRES_URL";

/// Where Debian's `postgresql` package puts each version's server programs.
const DEBIAN_BINARIES: &str = "/usr/lib/postgresql";

/// A server the tests may create databases on.
pub(crate) struct Server {
    url: String,
    /// Held for its `Drop`, which stops the server.
    _own: Option<OwnServer>,
}

impl Server {
    /// The configured server, or a new one of our own.
    pub(crate) fn start() -> Result<Server> {
        if let Some(url) = std::env::var(SERVER_URL).ok().filter(|url| !url.is_empty()) {
            return Ok(Server { url, _own: None });
        }
        let own = OwnServer::start()?;
        Ok(Server {
            url: format!("postgres://crm@127.0.0.1:{}/postgres", own.port),
            _own: Some(own),
        })
    }

    /// An administrator's URL (database `postgres`), for `CRM_TEST_POSTGRES_URL`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

struct OwnServer {
    dir: PathBuf,
    pg_ctl: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl OwnServer {
    fn start() -> Result<OwnServer> {
        let bin = binaries().with_context(|| {
            format!(
                "no PostgreSQL server programs in {DEBIAN_BINARIES}/*/bin: install Debian's \
                 `postgresql` package, or set {SERVER_URL} to an administrator's URL"
            )
        })?;
        let dir = std::env::temp_dir().join(format!("crm-xtask-postgres-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing the stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // PostgreSQL refuses to run as root: then it runs as Debian's `postgres`
        // user, which owns the directory.
        let as_postgres = running_as_root();
        if as_postgres {
            process::run(Command::new("chown").arg("postgres:").arg(&dir))?;
        }
        // A port free now; the server takes it a moment later.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .context("finding a free port")?
            .port();
        let server = OwnServer {
            pg_ctl: bin.join("pg_ctl"),
            dir,
            port,
            as_postgres,
        };
        let data = server.dir.join("data");
        process::run(
            server
                .command(&bin.join("initdb"))
                .arg("--pgdata")
                .arg(&data)
                .args([
                    "--auth=trust",
                    "--username=crm",
                    "--encoding=UTF8",
                    "--locale=C",
                ]),
        )?;
        // Durability is not what tests measure: no fsync.
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off \
             -c synchronous_commit=off -c max_connections=300",
            server.dir.display()
        );
        process::run(
            server
                .command(&server.pg_ctl)
                .arg("start")
                .arg("--pgdata")
                .arg(&data)
                .arg("--wait")
                .arg("--log")
                .arg(server.dir.join("server.log"))
                .arg("-o")
                .arg(options),
        )
        .with_context(|| {
            format!(
                "starting PostgreSQL (its log: {})",
                server.dir.join("server.log").display()
            )
        })?;
        println!("postgresql: a server of our own on 127.0.0.1:{port}");
        Ok(server)
    }

    fn command(&self, program: &Path) -> Command {
        let mut command = if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        command.current_dir(&self.dir);
        command
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let stopped = self
            .command(&self.pg_ctl)
            .arg("stop")
            .arg("--pgdata")
            .arg(self.dir.join("data"))
            .args(["--mode=immediate", "--wait"])
            .output();
        match stopped {
            Ok(output) if output.status.success() => {
                if let Err(error) = std::fs::remove_dir_all(&self.dir) {
                    eprintln!("cannot remove {}: {error}", self.dir.display());
                }
            }
            Ok(output) => eprintln!(
                "cannot stop PostgreSQL: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(error) => eprintln!("cannot stop PostgreSQL: {error}"),
        }
    }
}

/// Debian's newest server programs' directory.
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(DEBIAN_BINARIES)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn running_as_root() -> bool {
    process::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}
