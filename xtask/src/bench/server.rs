//! A release api-stub serving host-demo and the bundle on a free port, for the
//! browser and load benchmarks.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use anyhow::{Context, Result, bail};

use crate::process;
use crate::workspace::Workspace;

pub(crate) struct Server {
    child: Child,
    pub(crate) url: String,
}

impl Server {
    /// Starts `target/release/api-stub` on the SQLite file `database` with
    /// `extra` arguments.
    pub(crate) fn start(workspace: &Workspace, database: &Path, extra: &[&str]) -> Result<Server> {
        Server::start_on(
            workspace,
            &format!("sqlite://{}", database.display()),
            extra,
        )
    }

    /// Starts `target/release/api-stub` on the database at `url`.
    pub(crate) fn start_on(workspace: &Workspace, url: &str, extra: &[&str]) -> Result<Server> {
        let mut child = process::command(
            workspace.target_dir.join("release").join("api-stub"),
            &workspace.root,
        )
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--database-url")
        .arg(url)
        .arg("--host-demo-dir")
        .arg(workspace.root.join("host-demo"))
        .arg("--dist-dir")
        .arg(workspace.dist_dir())
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("starting api-stub")?;
        let stdout = child.stdout.take().context("api-stub's output")?;
        let mut lines = BufReader::new(stdout).lines();
        while let Some(line) = lines.next() {
            let line = line.context("reading api-stub's output")?;
            if let Some(url) = line.split("listening on ").nth(1) {
                let url = url.split_whitespace().next().unwrap_or_default().to_owned();
                // Keep reading what it prints, so that a full pipe never stalls it.
                std::thread::spawn(move || lines.for_each(drop));
                return Ok(Server { child, url });
            }
        }
        let status = child.wait().context("waiting for api-stub")?;
        bail!("api-stub ended ({status}) before it was listening")
    }

    /// The process's peak resident memory so far (Linux's `VmHWM`), in KiB.
    pub(crate) fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    }

    pub(crate) fn stop(&mut self) {
        // SIGKILL is enough: the database is a throwaway copy.
        drop(self.child.kill());
        drop(self.child.wait());
    }
}
