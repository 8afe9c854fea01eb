//! `cargo xtask seed`: a fresh database with the demo story and, on top, as many
//! generated older inquiries as asked for (up to millions), written by
//! `api-stub seed` with its progress bar. `cargo xtask demo` seeds its database the
//! same way.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::process;
use crate::workspace::Workspace;

/// What `cargo xtask seed` writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SeedOptions {
    /// Generated inquiries on top of the demo story.
    pub(crate) inquiries: u64,
    /// Generated member companies besides the two demo members.
    pub(crate) members: u32,
    /// How many years back the generated inquiries reach.
    pub(crate) years: u32,
    /// The database file; `None`: the demo's, `target/demo/crm.db`.
    pub(crate) database: Option<PathBuf>,
}

impl Default for SeedOptions {
    fn default() -> SeedOptions {
        SeedOptions {
            inquiries: 100_000,
            members: 0,
            years: 3,
            database: None,
        }
    }
}

/// Generated history in the demo's database: two years of older inquiries under
/// the story, so that the inbox, its filters and its search have depth.
pub(crate) const DEMO_HISTORY: u64 = 2_000;

pub(crate) fn run(workspace: &Workspace, options: &SeedOptions) -> Result<()> {
    // Optimised: a million inquiries take minutes in release, far longer in debug.
    process::run(process::cargo(&workspace.root).args(["build", "--release", "-p", "api-stub"]))?;
    let database = options
        .database
        .clone()
        .unwrap_or_else(|| demo_database(workspace));
    remove_database(&database)?;
    seed(
        &workspace.target_dir.join("release").join("api-stub"),
        workspace,
        &database,
        options,
    )?;
    println!("seeded {}", database.display());
    Ok(())
}

/// The demo's database file.
pub(crate) fn demo_database(workspace: &Workspace) -> PathBuf {
    workspace.root.join("target").join("demo").join("crm.db")
}

/// Runs `api_stub seed` on the SQLite file `database` (created with its
/// directory when missing).
pub(crate) fn seed(
    api_stub: &Path,
    workspace: &Workspace,
    database: &Path,
    options: &SeedOptions,
) -> Result<()> {
    if let Some(directory) = database.parent() {
        std::fs::create_dir_all(directory)
            .with_context(|| format!("creating {}", directory.display()))?;
    }
    seed_url(
        api_stub,
        workspace,
        &format!("sqlite://{}", database.display()),
        options,
    )
}

/// Runs `api_stub seed` on the database at `url` (SQLite or PostgreSQL).
pub(crate) fn seed_url(
    api_stub: &Path,
    workspace: &Workspace,
    url: &str,
    options: &SeedOptions,
) -> Result<()> {
    let mut command = process::command(api_stub, &workspace.root);
    command
        .arg("seed")
        .arg("--database-url")
        .arg(url)
        .arg("--inquiries")
        .arg(options.inquiries.to_string())
        .arg("--members")
        .arg(options.members.to_string())
        .arg("--years")
        .arg(options.years.to_string())
        // Progress and totals only, not the server's info log.
        .env("RUST_LOG", "warn,sqlx=error");
    process::run(&mut command)
}

/// Deletes a SQLite database with its write-ahead log and shared-memory files;
/// says so when there was one.
pub(crate) fn remove_database(database: &Path) -> Result<()> {
    let mut removed = false;
    for suffix in ["", "-wal", "-shm"] {
        let mut path = database.as_os_str().to_owned();
        path.push(suffix);
        let path = Path::new(&path);
        if path.exists() {
            std::fs::remove_file(path).with_context(|| format!("removing {}", path.display()))?;
            removed = true;
        }
    }
    if removed {
        println!("removed the database {}", database.display());
    }
    Ok(())
}
