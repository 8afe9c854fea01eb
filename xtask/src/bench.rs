//! `cargo xtask bench`: api-stub's inbox queries over a database of N generated
//! inquiries (seeded once by `api-stub seed` and kept in `target/bench/`),
//! measured by the `inbox` benchmark of api-stub (p50/p90/p99 per request,
//! concurrent throughput, peak memory); then the widgets' data layer in headless
//! Chromium against host-demo served from a copy of that database
//! (`tests/bench/data-layer.mjs`: first rows and full sync cold, from the cache,
//! after ten changes elsewhere; long tasks; then the inbox against its plain
//! JavaScript floor, `tests/bench/inbox-floor.html`; and the quote builder on a
//! 300-line quote, `tests/bench/quote-300.html`: a quantity typed to the new
//! total on screen). Figures, not pass/fail.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use anyhow::{Context, Result, bail};

use crate::bundle::{self, BuildOptions};
use crate::install;
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
    )?;
    browser(workspace, &database)
}

/// The seeded rep whose inbox the browser benchmark opens (about 9 % of the
/// generated inquiries are theirs).
const BROWSER_TOKEN: &str = "demo-brightway-rep";

/// The data layer in headless Chromium, on a copy of `database` (the benchmark
/// changes inquiries).
fn browser(workspace: &Workspace, database: &Path) -> Result<()> {
    install::ensure_build_tools(workspace)?;
    install::ensure_chromium(workspace)?;
    bundle::build(workspace, &BuildOptions::default())?;
    let copy = workspace.target_dir.join("bench").join("browser.db");
    seed::remove_database(&copy)?;
    std::fs::copy(database, &copy)
        .with_context(|| format!("copying {} to {}", database.display(), copy.display()))?;
    let mut server = Server::start(workspace, &copy)?;
    let output = process::output(
        process::command("node", &workspace.root)
            .arg(workspace.root.join("tests/bench/data-layer.mjs"))
            .arg(&server.url)
            .arg(BROWSER_TOKEN),
    );
    server.stop();
    seed::remove_database(&copy)?;
    let figures: serde_json::Value =
        serde_json::from_str(output?.trim()).context("reading the browser benchmark's figures")?;
    print_browser(&figures);
    Ok(())
}

fn print_browser(figures: &serde_json::Value) {
    println!(
        "\ndata layer in headless Chromium, {} inquiries in {BROWSER_TOKEN}'s inbox \
         (ms from navigation start: median [min–max] over runs)",
        figures["inquiries"]
    );
    println!(
        "{:<34} {:>22} {:>22} {:>12} {:>14}",
        "", "first rows", "up to date", "long tasks", "longest task"
    );
    let range = |value: &serde_json::Value| {
        format!("{} [{}–{}]", value["median"], value["min"], value["max"])
    };
    for (key, label) in [
        ("cold", "cold (new profile, full sync)"),
        ("warm", "warm (from the cache)"),
        ("delta", "after 10 changes elsewhere"),
    ] {
        let row = &figures[key];
        println!(
            "{label:<34} {:>22} {:>22} {:>12} {:>14}",
            range(&row["firstRows"]),
            range(&row["upToDate"]),
            row["longTasksPerVisit"]["median"].to_string(),
            format!("{} ms", row["longestTask"]),
        );
    }
    let search = &figures["search"];
    println!(
        "search, keystroke to updated count: first {} ms (makes the search text), then {} ms",
        search["first"],
        range(&search["next"])
    );
    print_inbox(&figures["inbox"]);
    let quote = &figures["quote"]["editToTotal"];
    println!(
        "\nquote builder, {}-line quote: a quantity typed to the new total on screen: \
         {} ms median, {} ms p95, {} ms max ({} edits)",
        figures["quote"]["lines"], quote["median"], quote["p95"], quote["max"], quote["runs"]
    );
}

/// The inbox against its plain-JavaScript floor, with the ratio of medians.
fn print_inbox(inbox: &serde_json::Value) {
    println!(
        "\ninbox against its floor (plain JavaScript, same rows, same cache, same run; \
         ms: median / p95 / max)"
    );
    println!(
        "{:<40} {:>22} {:>22} {:>8}",
        "", "<crm-inquiry-inbox>", "floor", "ratio"
    );
    let widget = &inbox["widget"];
    let floor = &inbox["floor"];
    let ratio = |ours: &serde_json::Value, theirs: &serde_json::Value| match (
        ours.as_f64(),
        theirs.as_f64(),
    ) {
        (Some(ours), Some(theirs)) if theirs > 0.0 => format!("{:.2}", ours / theirs),
        _ => "–".to_owned(),
    };
    println!(
        "{:<40} {:>22} {:>22} {:>8}",
        "first rows from the cache (from nav.)",
        widget["firstRows"]["median"].to_string(),
        floor["firstRows"]["median"].to_string(),
        ratio(
            &widget["firstRows"]["median"],
            &floor["firstRows"]["median"]
        ),
    );
    let three = |value: &serde_json::Value| {
        format!("{} / {} / {}", value["median"], value["p95"], value["max"])
    };
    for (key, label) in [
        ("search", "search keystroke to update"),
        ("filter", "score filter to update"),
        ("scrollStep", "one scroll step (250 px) of work"),
        ("frame", "frame interval while scrolling"),
    ] {
        println!(
            "{label:<40} {:>22} {:>22} {:>8}",
            three(&widget[key]),
            three(&floor[key]),
            ratio(&widget[key]["median"], &floor[key]["median"]),
        );
    }
}

/// A release api-stub serving host-demo and the bundle on a free port.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(workspace: &Workspace, database: &Path) -> Result<Server> {
        let mut child = process::command(
            workspace.target_dir.join("release").join("api-stub"),
            &workspace.root,
        )
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--database-url")
        .arg(format!("sqlite://{}", database.display()))
        .arg("--host-demo-dir")
        .arg(workspace.root.join("host-demo"))
        .arg("--dist-dir")
        .arg(workspace.dist_dir())
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

    fn stop(&mut self) {
        // SIGKILL is enough: the database is a throwaway copy.
        drop(self.child.kill());
        drop(self.child.wait());
    }
}
