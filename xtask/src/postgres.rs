//! A PostgreSQL server for the test and bench commands: for the tests, the one
//! `CRM_TEST_POSTGRES_URL` names, or a throwaway of our own, started from
//! Debian's server programs in a temporary data directory on a free loopback
//! port and stopped (and deleted) when dropped; for the benchmark, one of our own
//! whose data directory is kept (its seeded databases are reused).

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
        let dir = std::env::temp_dir().join(format!("crm-xtask-postgres-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing the stale {}", dir.display()))?;
        }
        Server::own(dir, false)
    }

    /// A server of our own on the data in `dir` (created when missing), which
    /// stays when the server stops.
    pub(crate) fn start_kept(dir: &Path) -> Result<Server> {
        Server::own(dir.to_owned(), true)
    }

    fn own(dir: PathBuf, keep: bool) -> Result<Server> {
        let own = OwnServer::start(dir, keep)?;
        Ok(Server {
            url: format!("postgres://crm@127.0.0.1:{}/postgres", own.port),
            _own: Some(own),
        })
    }

    /// The data directory of a server of our own.
    pub(crate) fn data_dir(&self) -> Option<PathBuf> {
        self._own.as_ref().map(|own| own.dir.join("data"))
    }

    /// The URL of database `name` on this server.
    pub(crate) fn database_url(&self, name: &str) -> String {
        match self.url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => self.url.clone(),
        }
    }

    /// Creates database `name`, a copy of `template` when given.
    pub(crate) fn create_database(&self, name: &str, template: Option<&str>) -> Result<()> {
        let own = self.own_server("createdb")?;
        let mut command = own.client("createdb");
        if let Some(template) = template {
            command.args(["--template", template]);
        }
        process::run(command.arg(name))
    }

    /// Drops database `name` if it exists.
    pub(crate) fn drop_database(&self, name: &str) -> Result<()> {
        let own = self.own_server("dropdb")?;
        process::run(own.client("dropdb").args(["--if-exists", "--force", name]))
    }

    fn own_server(&self, what: &str) -> Result<&OwnServer> {
        self._own
            .as_ref()
            .with_context(|| format!("{what} runs only on a server of our own"))
    }

    /// An administrator's URL (database `postgres`), for `CRM_TEST_POSTGRES_URL`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

struct OwnServer {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    /// Keep the data directory when stopping.
    keep: bool,
}

impl OwnServer {
    fn start(dir: PathBuf, keep: bool) -> Result<OwnServer> {
        let bin = binaries().with_context(|| {
            format!(
                "no PostgreSQL server programs in {DEBIAN_BINARIES}/*/bin: install Debian's \
                 `postgresql` package, or set {SERVER_URL} to an administrator's URL"
            )
        })?;
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
            bin,
            dir,
            port,
            as_postgres,
            keep,
        };
        let data = server.dir.join("data");
        if !data.join("PG_VERSION").is_file() {
            process::run(
                server
                    .command(&server.bin.join("initdb"))
                    .arg("--pgdata")
                    .arg(&data)
                    .args([
                        "--auth=trust",
                        "--username=crm",
                        "--encoding=UTF8",
                        "--locale=C",
                    ]),
            )?;
        }
        // Commits do not wait for the disk (as SQLite's WAL with synchronous
        // NORMAL); a throwaway server for tests does not sync at all.
        let fsync = if keep { "on" } else { "off" };
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync={fsync} \
             -c synchronous_commit=off -c max_connections=300",
            server.dir.display()
        );
        process::run(
            server
                .command(&server.bin.join("pg_ctl"))
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

    /// A client program (`createdb`, `dropdb`) connecting as the administrator.
    fn client(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin.join(program));
        command.args(["--host", "127.0.0.1", "--username", "crm", "--port"]);
        command.arg(self.port.to_string());
        command
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
            .command(&self.bin.join("pg_ctl"))
            .arg("stop")
            .arg("--pgdata")
            .arg(self.dir.join("data"))
            .args(["--mode=immediate", "--wait"])
            .output();
        match stopped {
            Ok(output) if output.status.success() => {
                if self.keep {
                    return;
                }
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

/// The version of Debian's newest server programs, e.g. `15.14` (from
/// `postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)`).
pub(crate) fn version() -> Option<String> {
    let output =
        process::output(Command::new(binaries()?.join("postgres")).arg("--version")).ok()?;
    let (_, rest) = output.split_once("(PostgreSQL)")?;
    rest.split_whitespace().next().map(str::to_owned)
}
