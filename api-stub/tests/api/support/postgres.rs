//! A real PostgreSQL database for a test: on the server `CRM_TEST_POSTGRES_URL`
//! names (an administrator's URL; a fresh database is created on it), or else on
//! a throwaway server of its own, started from Debian's `postgresql` binaries in
//! a temporary directory, listening on a Unix socket there only (so no port can
//! collide), and stopped and removed when the test ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, Executor};

use api_stub::database;

use super::TempDir;
use super::templates::{self, Content};

/// The variable naming an existing server to create test databases on.
const SERVER_URL: &str = "CRM_TEST_POSTGRES_URL";

/// Where Debian installs PostgreSQL's server programs (not on `PATH`).
const DEBIAN_BINARIES: &str = "/usr/lib/postgresql";

pub(crate) struct TestPostgres {
    pub(crate) pool: PgPool,
    /// Where the database is, for another pool.
    options: PgConnectOptions,
    server: Server,
}

enum Server {
    /// A database created on the server named by `CRM_TEST_POSTGRES_URL`.
    Shared {
        admin: Box<PgConnectOptions>,
        database: String,
    },
    /// A server of the test's own, stopped when dropped.
    Own { _server: OwnServer },
}

impl TestPostgres {
    /// An empty database on a running server.
    pub(crate) async fn start() -> TestPostgres {
        TestPostgres::copy_of(None).await
    }

    /// A database migrated and holding `content`: a copy of this process's
    /// template on a shared server; migrated and filled here on a server of the
    /// test's own.
    pub(crate) async fn holding(content: Content) -> TestPostgres {
        let shared_admin = std::env::var(SERVER_URL)
            .ok()
            .map(|url| admin_options(&url));
        match shared_admin {
            Some(admin) => TestPostgres::copy_of(Some(templates::postgres(&admin, content))).await,
            None => {
                let postgres = TestPostgres::start().await;
                let pool = database::connect(&postgres.url()).await.unwrap();
                database::migrate(&pool).await.unwrap();
                templates::fill(&pool, content).await;
                pool.close().await;
                postgres
            }
        }
    }

    /// A new database, a copy of `template` when given.
    async fn copy_of(template: Option<&str>) -> TestPostgres {
        let database = format!("crm_test_{}", uuid::Uuid::new_v4().simple());
        let (admin, server) = match std::env::var(SERVER_URL) {
            Ok(url) => {
                let admin = admin_options(&url);
                (
                    admin.clone(),
                    Server::Shared {
                        admin: Box::new(admin),
                        database: database.clone(),
                    },
                )
            }
            Err(_) => {
                let own = OwnServer::start();
                (own.admin(), Server::Own { _server: own })
            }
        };
        let mut connection = admin.connect().await.unwrap_or_else(|error| {
            panic!("cannot connect to the test PostgreSQL server as its administrator: {error}")
        });
        connection
            .execute(
                match template {
                    Some(template) => format!("CREATE DATABASE {database} TEMPLATE {template}"),
                    None => format!("CREATE DATABASE {database}"),
                }
                .as_str(),
            )
            .await
            .unwrap();
        connection.close().await.unwrap();
        let options = admin.database(&database);
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
            .unwrap();
        TestPostgres {
            pool,
            options,
            server,
        }
    }

    /// Where the database is.
    pub(crate) fn options(&self) -> &PgConnectOptions {
        &self.options
    }

    /// The database's URL.
    pub(crate) fn url(&self) -> String {
        self.options.to_url_lossy().to_string()
    }
}

impl Drop for TestPostgres {
    /// Drops the database on a shared server, closing whatever connections the
    /// test left open (a server of the test's own is stopped and removed
    /// instead). On a thread of its own: a test's runtime cannot block on it.
    fn drop(&mut self) {
        let Server::Shared { admin, database } = &self.server else {
            return;
        };
        let (admin, database) = (admin.clone(), database.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut connection = admin.connect().await?;
                connection
                    .execute(format!("DROP DATABASE {database} WITH (FORCE)").as_str())
                    .await?;
                connection.close().await
            })?;
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("cannot drop a test database: {dropped:?}");
        }
    }
}

/// The server named by `CRM_TEST_POSTGRES_URL`, whose value is `url`.
fn admin_options(url: &str) -> PgConnectOptions {
    url.parse()
        .unwrap_or_else(|error| panic!("{SERVER_URL}={url:?} is not a PostgreSQL URL: {error}"))
}

/// A PostgreSQL server in a temporary directory, on a Unix socket there.
struct OwnServer {
    dir: TempDir,
    pg_ctl: PathBuf,
    as_postgres: bool,
}

/// The port only names the socket file (`.s.PGSQL.5432`); nothing listens on TCP.
const SOCKET_PORT: u16 = 5432;

impl OwnServer {
    fn start() -> OwnServer {
        let bin = server_binaries().unwrap_or_else(|| {
            panic!(
                "no PostgreSQL server programs (initdb, pg_ctl) on PATH or in {DEBIAN_BINARIES}/*/bin: \
                 install Debian's `postgresql` package (`cargo xtask test` does), or set {SERVER_URL} \
                 to an administrator's URL of a running server"
            )
        });
        let dir = TempDir::new();
        // PostgreSQL refuses to run as root: then the server runs as the
        // `postgres` user that Debian's package creates, and owns the directory.
        let as_postgres = running_as_root();
        if as_postgres {
            run(
                Command::new("chown").arg("postgres:").arg(dir.path()),
                "chown",
            );
        }
        let server = OwnServer {
            pg_ctl: bin.join("pg_ctl"),
            dir,
            as_postgres,
        };
        let data = server.dir.path().join("data");
        run(
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
            "initdb",
        );
        let options = format!(
            "-c listen_addresses='' -k {} -p {SOCKET_PORT} -c fsync=off",
            server.dir.path().display()
        );
        run(
            server
                .command(&server.pg_ctl)
                .arg("start")
                .arg("--pgdata")
                .arg(&data)
                .arg("--wait")
                .arg("--log")
                .arg(server.dir.path().join("server.log"))
                .arg("-o")
                .arg(options),
            "pg_ctl start",
        );
        server
    }

    fn admin(&self) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(self.dir.path())
            .port(SOCKET_PORT)
            .username("crm")
            .database("postgres")
    }

    fn command(&self, program: &Path) -> Command {
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let stopped = self
            .command(&self.pg_ctl)
            .arg("stop")
            .arg("--pgdata")
            .arg(self.dir.path().join("data"))
            .args(["--mode=immediate", "--wait"])
            .output();
        if let Err(error) = stopped {
            eprintln!("cannot stop the test PostgreSQL server: {error}");
        }
    }
}

/// The directory holding `initdb` and `pg_ctl`: the one on `PATH`, or Debian's
/// newest version.
fn server_binaries() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
    });
    on_path.or_else(|| {
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
    })
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

fn run(command: &mut Command, what: &str) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {what}: {error}"));
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
