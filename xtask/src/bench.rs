//! `cargo xtask bench`: the server side so far: api-stub's inbox queries over a
//! database of N generated inquiries (seeded once by `api-stub seed` and kept in
//! `target/bench/`), measured by the `inbox` benchmark of api-stub (p50/p90/p99 per
//! request, concurrent throughput, peak memory). Figures, not pass/fail.

use anyhow::{Context, Result};

use crate::process;
use crate::seed::{self, SeedOptions};
use crate::workspace::Workspace;

/// What to measure on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BenchOptions {
    /// Generated inquiries on top of the demo story.
    pub(crate) inquiries: u64,
    /// Generated member companies besides the demo members.
    pub(crate) members: u32,
}

impl Default for BenchOptions {
    fn default() -> BenchOptions {
        BenchOptions {
            inquiries: 100_000,
            members: 8,
        }
    }
}

pub(crate) fn run(workspace: &Workspace, options: &BenchOptions) -> Result<()> {
    process::run(process::cargo(&workspace.root).args(["build", "--release", "-p", "api-stub"]))?;
    let directory = workspace.target_dir.join("bench");
    let database = directory.join(format!(
        "inbox-{}-{}.db",
        options.inquiries, options.members
    ));
    // Written last by a seed that finished: a database without it is incomplete.
    let complete = directory.join(format!(
        "inbox-{}-{}.complete",
        options.inquiries, options.members
    ));
    if complete.exists() && database.exists() {
        println!("reusing {}", database.display());
    } else {
        seed::remove_database(&database)?;
        seed::seed(
            &workspace.target_dir.join("release").join("api-stub"),
            workspace,
            &database,
            &SeedOptions {
                inquiries: options.inquiries,
                members: options.members,
                years: 3,
                database: Some(database.clone()),
            },
        )?;
        std::fs::write(&complete, b"")
            .with_context(|| format!("writing {}", complete.display()))?;
    }
    process::run(
        process::cargo(&workspace.root)
            .args([
                "bench",
                "-p",
                "api-stub",
                "--bench",
                "inbox",
                "--",
                "--database",
            ])
            .arg(&database),
    )
}
