//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure:
//! tools, fmt, clippy (native and wasm32), unit and integration tests (api-stub's
//! API tests on SQLite, then again on a PostgreSQL server started here), schemathesis
//! against api-stub, the bundle, its TypeScript declarations against a host's usage,
//! api-stub, and the Playwright browser tests against them.

use std::env;
use std::process::Command;

use anyhow::{Result, bail};

use crate::bundle::{self, BuildOptions};
use crate::install;
use crate::steps::Steps;
use crate::workspace::Workspace;
use crate::{postgres, process, schemathesis};

const PLAYWRIGHT_CONFIG: &str = "tests/playwright.config.mjs";
/// A host's TypeScript using the package's declarations, type-checked (not run).
const TYPESCRIPT_CHECK: &str = "tests/package/tsconfig.json";

pub(crate) fn run(workspace: &Workspace) -> Result<()> {
    configure_environment();
    let root = &workspace.root;
    let cargo = |arguments: &[&str]| -> Result<()> {
        let mut command = process::cargo(root);
        command.args(arguments);
        process::run(&mut command)
    };
    let mut steps = Steps::new("test");
    let outcome = (|| -> Result<()> {
        steps.run("tools", || install::ensure_test_tools(workspace))?;
        steps.run("cargo fmt", || cargo(&["fmt", "--all", "--", "--check"]))?;
        steps.run("clippy (native)", || {
            cargo(&[
                "clippy",
                "--locked",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        })?;
        steps.run("clippy (wasm32)", || {
            cargo(&[
                "clippy",
                "--locked",
                "-p",
                "widgets",
                "-p",
                "contract",
                "--target",
                "wasm32-unknown-unknown",
                // Also the rendering benchmark's rows (`bench-rows`), so they stay built.
                "--features",
                "widgets/bench-rows",
                "--",
                "-D",
                "warnings",
            ])
        })?;
        // One PostgreSQL server for every test that needs one (api-stub's
        // schema and search tests, then its whole API suite on PostgreSQL).
        let server = steps.run("start PostgreSQL", postgres::Server::start)?;
        let on_postgres = |arguments: &[&str], whole_suite: bool| -> Result<()> {
            let mut command = process::cargo(root);
            command
                .args(arguments)
                .env(postgres::SERVER_URL, server.url());
            if whole_suite {
                command.env("CRM_TEST_DATABASE", "postgres");
            }
            process::run(&mut command)
        };
        steps.run("cargo test", || {
            on_postgres(&["test", "--locked", "--workspace"], false)
        })?;
        // The very same command as above, so that nothing is built again (a
        // narrower selection, `-p api-stub` or `--test api`, resolves features
        // differently and rebuilds every dependency); the unit tests it runs
        // again take seconds.
        steps.run("API tests on PostgreSQL", || {
            on_postgres(&["test", "--locked", "--workspace"], true)
        })?;
        drop(server);
        steps.run("schemathesis", || schemathesis::run(workspace))?;
        steps.run("bundle", || {
            bundle::build(workspace, &BuildOptions::default()).map(drop)
        })?;
        steps.run("TypeScript declarations (tsc --strict)", || {
            process::run(
                process::command(workspace.node_bin("tsc"), root)
                    .args(["--project", TYPESCRIPT_CHECK]),
            )
        })?;
        steps.run("build api-stub", || {
            cargo(&["build", "--locked", "-p", "api-stub"])
        })?;
        steps.run("browser tests", || {
            process::run(&mut playwright(workspace)?)
        })?;
        Ok(())
    })();
    steps.print_summary();
    outcome?;
    println!("\nAll checks passed.");
    Ok(())
}

/// CI logs are files: no colour codes or progress bars, but backtraces on panics.
/// Values already set by the caller win.
fn configure_environment() {
    let ci = env::var_os("CI").is_some_and(|value| !value.is_empty() && value != "false");
    let mut defaults = vec![("RUST_BACKTRACE", "1")];
    if ci {
        defaults.extend([
            ("CARGO_TERM_COLOR", "never"),
            ("CARGO_TERM_PROGRESS_WHEN", "never"),
            // Incremental artefacts only cost time and disk on a fresh clone.
            ("CARGO_INCREMENTAL", "0"),
        ]);
    }
    defaults.retain(|(key, _)| env::var_os(key).is_none());
    process::set_cargo_environment(defaults);
}

fn playwright(workspace: &Workspace) -> Result<Command> {
    let config = workspace.root.join(PLAYWRIGHT_CONFIG);
    if !config.exists() {
        bail!(
            "{} does not exist: the browser tests are not in this checkout yet",
            config.display()
        );
    }
    let api_stub = workspace.api_stub_bin();
    if !api_stub.exists() {
        bail!("{} was not built", api_stub.display());
    }
    let mut command = process::command(workspace.node_bin("playwright"), &workspace.root);
    command
        .args(["test", "--config", PLAYWRIGHT_CONFIG])
        .env("CRM_API_STUB_BIN", &api_stub)
        .env("CRM_ROOT", &workspace.root)
        .env("CRM_CHROMIUM", install::CHROMIUM)
        // The fixture's api-stub inherits this: the churn test's thousands of loads
        // within a minute are a stress test of the widgets, not of the rate limit.
        .env("CRM_RATE_LIMIT_PER_MINUTE", "0");
    Ok(command)
}
