//! The schemathesis step of `cargo xtask test` (also `cargo xtask schemathesis`):
//! property-based tests of api-stub against its own OpenAPI document.
//!
//! schemathesis comes from PyPI, pinned in `tests/schemathesis/requirements.txt`,
//! into a venv under the target directory (reinstalled only when that file's
//! SHA-256 changes). api-stub runs on an ephemeral port with a fresh demo database
//! and no rate limit. Two runs follow: the member API as a manager, and the ingest
//! endpoint with the portal's service token. Every response must be no 5xx and
//! conform to the document (status code, content type, headers, body schema).
//! Generation is bounded (a fixed number of examples per operation) and seeded, so a
//! run takes under two minutes and repeats itself.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::workspace::Workspace;
use crate::{install, process};

const REQUIREMENTS: &str = "tests/schemathesis/requirements.txt";
const HOOKS: &str = "tests/schemathesis/hooks.py";
/// Written into the venv after a successful install: the requirements' SHA-256.
const STAMP: &str = "requirements.sha256";
const MEMBER_TOKEN: &str = "demo-brightway-manager";
const PORTAL_TOKEN: &str = "demo-portal-service-token";
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";
/// Test cases per operation and phase: about 90 s for both runs on two cores.
const MAX_EXAMPLES: &str = "100";
/// Fixed, so that a run repeats the previous one (as far as the server answers alike).
const SEED: &str = "20261122";
const LISTENING: &str = "api-stub listening on ";

/// One schemathesis run: who calls which operations.
struct Run {
    name: &'static str,
    token: &'static str,
    filter: &'static [&'static str],
}

const RUNS: [Run; 2] = [
    Run {
        name: "member API",
        token: MEMBER_TOKEN,
        // The event stream never ends; ingest takes the portal's token.
        filter: &[
            "--exclude-path",
            "/changes/stream",
            "--exclude-path",
            "/ingest/inquiries",
        ],
    },
    Run {
        name: "ingest",
        token: PORTAL_TOKEN,
        filter: &["--include-path", "/ingest/inquiries"],
    },
];

pub(crate) fn run(workspace: &Workspace) -> Result<()> {
    let schemathesis = ensure_installed(workspace)?;
    process::run(process::cargo(&workspace.root).args(["build", "--locked", "-p", "api-stub"]))?;
    let work = workspace.target_dir.join("schemathesis");
    if work.exists() {
        fs::remove_dir_all(&work).with_context(|| format!("removing {}", work.display()))?;
    }
    fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;

    let server = Server::start(workspace, &work)?;
    let base_url = format!("{}/api/v1", server.address);
    let mut failed = Vec::new();
    for run in &RUNS {
        println!("\n--- schemathesis: {} ---", run.name);
        let schema = format!("{base_url}/openapi.json");
        let mut command =
            schemathesis_command(workspace, &schemathesis, &work, &schema, &base_url, run);
        command.args(["--header", &format!("Authorization: Bearer {}", run.token)]);
        if let Err(error) = process::run(&mut command) {
            eprintln!("schemathesis ({}) failed: {error:#}", run.name);
            failed.push(run.name);
        }
    }
    let log = server.stop()?;
    if !failed.is_empty() {
        bail!(
            "schemathesis found problems ({}); each failure above comes with a curl command \
             that reproduces it. To rerun against a server of your own: \
             `{} --addr 127.0.0.1:8080 --database-url sqlite://target/schemathesis/again.db \
             --seed-demo --rate-limit-per-minute 0` and the schemathesis command above with \
             http://127.0.0.1:8080 (or just `cargo xtask schemathesis`). Server log: {}",
            failed.join(", "),
            workspace.api_stub_bin().display(),
            log.display()
        );
    }
    Ok(())
}

/// Runs schemathesis against someone else's server (`cargo xtask conformance`):
/// the committed contract (not what the server serves) with `token`, a member
/// user's, and with `ingest_token`, the portal's service token, when given.
pub(crate) fn check_server(
    workspace: &Workspace,
    base_url: &str,
    token: &str,
    ingest_token: Option<&str>,
) -> Result<()> {
    let schemathesis = ensure_installed(workspace)?;
    let work = workspace.target_dir.join("conformance");
    fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let schema = workspace.root.join(crate::openapi::DOCUMENT);
    let schema = schema.to_string_lossy();
    let [member, ingest] = &RUNS;
    let mut runs = vec![(member, token)];
    if let Some(ingest_token) = ingest_token {
        runs.push((ingest, ingest_token));
    }
    let mut failed = Vec::new();
    for (run, token) in runs {
        println!("\n--- schemathesis: {} ---", run.name);
        let mut command =
            schemathesis_command(workspace, &schemathesis, &work, &schema, base_url, run);
        command.args(["--header", &format!("Authorization: Bearer {token}")]);
        if let Err(error) = process::run(&mut command) {
            eprintln!("schemathesis ({}) failed: {error:#}", run.name);
            failed.push(run.name);
        }
    }
    if !failed.is_empty() {
        bail!(
            "schemathesis found problems ({}); each failure above comes with a curl command \
             that reproduces it",
            failed.join(", ")
        );
    }
    Ok(())
}

fn schemathesis_command(
    workspace: &Workspace,
    schemathesis: &Path,
    work: &Path,
    schema: &str,
    base_url: &str,
    run: &Run,
) -> Command {
    let mut command = process::command(schemathesis, work);
    command
        .env("SCHEMATHESIS_HOOKS", workspace.root.join(HOOKS))
        .arg("run")
        .arg(schema)
        .args(["--url", base_url])
        .args(run.filter)
        .args(["--checks", CHECKS])
        // The examples phase trips a CPython 3.11 bug (an AST recursion-depth
        // mismatch); the document has no examples to speak of anyway.
        .args(["--phases", "coverage,fuzzing,stateful"])
        .args(["--max-examples", MAX_EXAMPLES])
        .args(["--seed", SEED, "--generation-database", "none"])
        // One worker: with two threads, Hypothesis's lambda descriptions call
        // `ast.parse` concurrently, which CPython 3.11 does not survive (a random
        // "AST constructor recursion depth mismatch" SystemError fails the run).
        .args(["--workers", "1"])
        .args(["--request-timeout", "10"])
        .args(["--report", "junit", "--report-dir"])
        .arg(work.join(format!("report-{}", run.name.replace(' ', "-"))))
        .arg("--no-color");
    command
}

/// The venv's `schemathesis`, installed from the pinned requirements if needed.
fn ensure_installed(workspace: &Workspace) -> Result<PathBuf> {
    let venv = workspace.target_dir.join("schemathesis-venv");
    let requirements = workspace.root.join(REQUIREMENTS);
    let wanted = hex::encode(Sha256::digest(
        fs::read(&requirements).with_context(|| format!("reading {}", requirements.display()))?,
    ));
    let schemathesis = venv.join("bin").join("schemathesis");
    let stamp = venv.join(STAMP);
    let installed = fs::read_to_string(&stamp).is_ok_and(|text| text.trim() == wanted);
    if installed && schemathesis.exists() {
        println!("schemathesis: installed in {}", venv.display());
        return Ok(schemathesis);
    }
    install::ensure_python_venv(workspace)?;
    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("removing {}", venv.display()))?;
    }
    process::run(
        process::command("python3", &workspace.root)
            .args(["-m", "venv"])
            .arg(&venv),
    )?;
    process::run(
        process::command(venv.join("bin").join("pip"), &workspace.root)
            .args([
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "--quiet",
                "-r",
            ])
            .arg(&requirements),
    )
    .context("installing schemathesis from PyPI failed")?;
    fs::write(&stamp, &wanted).with_context(|| format!("writing {}", stamp.display()))?;
    Ok(schemathesis)
}

/// api-stub on an ephemeral port with a fresh demo database; killed when dropped.
struct Server {
    child: Child,
    address: String,
    log: PathBuf,
}

impl Server {
    fn start(workspace: &Workspace, work: &Path) -> Result<Server> {
        let log = work.join("api-stub.log");
        let log_file =
            fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let mut command = process::command(workspace.api_stub_bin(), &workspace.root);
        command
            .args(["--addr", "127.0.0.1:0", "--seed-demo"])
            .arg("--database-url")
            .arg(format!("sqlite://{}", work.join("crm.db").display()))
            .args(["--rate-limit-per-minute", "0", "--log-format", "json"])
            .arg("--host-demo-dir")
            .arg(workspace.root.join("host-demo"))
            .arg("--dist-dir")
            .arg(workspace.dist_dir())
            .stdout(Stdio::piped())
            .stderr(log_file);
        println!("$ {}", process::describe(&command));
        let mut child = command.spawn().context("could not start api-stub")?;
        let stdout = child
            .stdout
            .take()
            .context("api-stub's stdout was not captured")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .context("reading api-stub's first line")?;
        let Some(address) = line.trim_end().strip_prefix(LISTENING) else {
            // Reaped before the error is reported; its log says why it stopped.
            let status = child.wait().context("waiting for api-stub")?;
            bail!(
                "api-stub did not start ({status}); its log is {}",
                log.display()
            );
        };
        let address = address.trim_end_matches('/').to_owned();
        println!("api-stub: {address} (log: {})", log.display());
        Ok(Server {
            child,
            address,
            log,
        })
    }

    /// Stops the server; returns its log's path. A server that died on its own
    /// (a crash under test) is an error.
    fn stop(mut self) -> Result<PathBuf> {
        if let Some(status) = self.child.try_wait().context("checking on api-stub")? {
            bail!(
                "api-stub exited during the tests ({status}); its log is {}",
                self.log.display()
            );
        }
        self.child.kill().context("stopping api-stub")?;
        self.child.wait().context("waiting for api-stub")?;
        Ok(self.log.clone())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Only when `stop` was not reached (an early error): never leave it running.
        if matches!(self.child.try_wait(), Ok(None)) {
            if let Err(error) = self.child.kill() {
                eprintln!("could not stop api-stub: {error}");
            }
            if let Err(error) = self.child.wait() {
                eprintln!("could not reap api-stub: {error}");
            }
        }
    }
}
