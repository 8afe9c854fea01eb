//! `cargo xtask bench [--full]`: the figures that say whether we are fast and
//! small, written to `BENCHMARKS.md` with the machine, versions and date.
//!
//! 1. Bundle: what a host downloads for the whole suite (raw, gzip, brotli; the
//!    CSS inside the wasm shown apart), against the budget of 250 KB brotli: the
//!    command fails above it, once everything else is measured. `--full` also
//!    builds each widget alone (cargo features) to show what each weighs.
//! 2. Server in process: api-stub's `inbox` benchmark (p50/p90/p99 of the list
//!    queries without TCP, throughput, peak memory) over a database of generated
//!    inquiries, seeded once by `api-stub seed` and kept in `target/bench/`.
//! 3. Server under load: wrk from a separate process on loopback ([`load`]).
//! 4. Browser: the data layer against its plain-JavaScript floor, the quote
//!    builder on 300 lines, the host page with and without the suite, memory
//!    over 1,000 mounts ([`browser`]).
//!
//! The quick run uses 100,000 inquiries; `--full` adds 1,000,000 for the server.

/// Appends one formatted line to a `String`.
macro_rules! push_line {
    ($out:expr, $($argument:tt)*) => {{
        $out.push_str(&format!($($argument)*));
        $out.push('\n');
    }};
}

mod browser;
mod load;
mod report;
mod rows;
mod server;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::bundle::{self, BuildOptions};
use crate::install;
use crate::seed::{self, SeedOptions};
use crate::sizes::{self, FileSizes};
use crate::workspace::Workspace;
use crate::{postgres, process};

use report::Report;

/// What the whole suite may weigh, brotli-compressed, in bytes (250 KB).
const BUNDLE_BUDGET: u64 = 250_000;

/// The database size `--full` adds for the server benchmarks.
const FULL_INQUIRIES: u64 = 1_000_000;

/// What to measure on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BenchOptions {
    /// Generated inquiries on top of the demo story.
    pub(crate) inquiries: u64,
    /// Generated member companies besides the demo members.
    pub(crate) members: u32,
    /// Also 1,000,000 inquiries for the server, and each widget's own bundle.
    pub(crate) full: bool,
    /// Only the rendering benchmark, printed (BENCHMARKS.md is left alone).
    pub(crate) rendering_only: bool,
}

impl Default for BenchOptions {
    fn default() -> BenchOptions {
        BenchOptions {
            inquiries: 100_000,
            members: 8,
            full: false,
            rendering_only: false,
        }
    }
}

pub(crate) fn run(workspace: &Workspace, options: &BenchOptions) -> Result<()> {
    install::ensure_build_tools(workspace)?;
    install::ensure_chromium(workspace)?;
    if options.rendering_only {
        print!("{}", rows::run(workspace)?);
        return Ok(());
    }
    let mut report = Report::new(options.full);

    let widgets = if options.full {
        widget_sizes(workspace)?
    } else {
        Vec::new()
    };
    // Last, so that dist/ holds the whole suite for the browser benchmarks.
    let suite = bundle::build(workspace, &BuildOptions::default())?;
    let (bundle_text, over_budget) = bundle_report(workspace, &suite, &widgets)?;
    report.add("Bundle", bundle_text);

    process::run(process::cargo(&workspace.root).args(["build", "--release", "-p", "api-stub"]))?;
    let mut sizes = vec![options.inquiries];
    if options.full && options.inquiries != FULL_INQUIRIES {
        sizes.push(FULL_INQUIRIES);
    }
    let mut in_process = String::new();
    let mut loads = Vec::new();
    let mut databases = Vec::new();
    for &inquiries in &sizes {
        let database = seeded(workspace, inquiries, options.members)?;
        databases.push(database.clone());
        let output = process::output(
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
        print!("{output}");
        push_line!(
            in_process,
            "{} inquiries:\n{}",
            thousands(inquiries),
            output.trim_end()
        );
        in_process.push('\n');
        let copy = workspace.target_dir.join("bench").join("load.db");
        seed::remove_database(&copy)?;
        std::fs::copy(&database, &copy)
            .with_context(|| format!("copying {} to {}", database.display(), copy.display()))?;
        let figures = load::run(workspace, &format!("sqlite://{}", copy.display()));
        seed::remove_database(&copy)?;
        loads.push((inquiries, figures?));
    }
    let postgres_loads = postgres_loads(workspace, &sizes, options.members)?;
    report.add_text(
        "Server, in process",
        "api-stub's `inbox` benchmark (`api-stub/benches/inbox.rs`): each request through \
         the whole application (routing, authentication, JSON) without TCP, on SQLite.",
        &in_process,
    );
    report.add(
        "Server under load",
        format!(
            "Debian's wrk from a separate process on loopback, {} threads and {} connections \
             for {} s per request after a 1 s warm-up, against a release api-stub (rate \
             limit off) on a copy of the database; both share the machine's cores. Asked as \
             `{}`, the owner of a demo member.\n\n{}",
            load::THREADS,
            load::CONNECTIONS,
            load::SECONDS,
            load::OWNER,
            load::markdown(&loads)
        ),
    );
    report.add(
        "Server under load, PostgreSQL",
        format!(
            "The same requests and load against the same api-stub on PostgreSQL {}: a server \
             of the benchmark's own on this machine (data in `target/bench/postgres/`, \
             default settings but `synchronous_commit = off`, so that commits do not wait for \
             the disk, as SQLite's WAL with `synchronous = NORMAL`), on a copy of a \
             database seeded alike; api-stub, PostgreSQL and wrk share the cores. The peak \
             memory is api-stub's alone (SQLite's page cache lives in api-stub; PostgreSQL's \
             memory is its own).\n\n{}",
            postgres::version().unwrap_or_else(|| "(version unknown)".to_owned()),
            load::markdown(&postgres_loads)
        ),
    );

    let rendering = rows::run(workspace)?;
    print!("{rendering}");
    report.add_text(
        "Browser: rendering the inbox's rows",
        "The js-framework-benchmark operations on every row at once (no virtual list): \
         `tests/bench/rows.mjs` on `tests/bench/rows.html`. Ours is the inbox's real row \
         component in a keyed `<For>`, from a bundle built with the widgets' `bench-rows` \
         feature; the floor is the same rows' DOM built from a template and changed in place \
         in plain JavaScript, in the same run and the same shadow-root stylesheet.",
        &rendering,
    );

    // The browser benchmarks on the quick size (the first database).
    let (data_layer, impact) = browser::run(workspace, &databases[0])?;
    print!("{data_layer}\n{impact}");
    report.add_text(
        "Browser: data layer, inbox and quote builder",
        "Headless Chromium against host-demo's origin on a copy of the database; \
         `tests/bench/data-layer.mjs`. The floor is `tests/bench/inbox-floor.html`: the \
         same rows from the same IndexedDB cache in plain JavaScript, in the same run.",
        &data_layer,
    );
    report.add_text(
        "Browser: cost to the host page, memory",
        "`tests/bench/host-impact.mjs` on `tests/bench/host-page.html`. For scale: an \
         average HubSpot chat embed costs a page about 1.2 s of main-thread time.",
        &impact,
    );
    report.write(workspace)?;
    if let Some(over) = over_budget {
        bail!(
            "the bundle is {} brotli, {} over the budget of 250 KB ({} bytes); \
             every other figure is in BENCHMARKS.md",
            sizes::human_bytes(over + BUNDLE_BUDGET),
            sizes::human_bytes(over),
            thousands(BUNDLE_BUDGET)
        );
    }
    Ok(())
}

/// The load figures on PostgreSQL for each size: databases seeded once and kept
/// in the benchmark's own server, each measured on a fresh copy (the quote
/// writes change it).
fn postgres_loads(
    workspace: &Workspace,
    sizes: &[u64],
    members: u32,
) -> Result<Vec<(u64, load::Figures)>> {
    install::ensure_postgres(workspace)?;
    let server =
        postgres::Server::start_kept(&workspace.target_dir.join("bench").join("postgres"))?;
    let data = server
        .data_dir()
        .context("the benchmark's server is its own")?;
    let mut loads = Vec::new();
    for &inquiries in sizes {
        let name = format!("inbox_{inquiries}_{members}");
        // Written last by a seed that finished, beside the data it describes.
        let complete = data.join(format!("crm-{name}.complete"));
        if complete.exists() {
            println!("reusing the PostgreSQL database {name}");
        } else {
            server.drop_database(&name)?;
            server.create_database(&name, None)?;
            seed::seed_url(
                &workspace.target_dir.join("release").join("api-stub"),
                workspace,
                &server.database_url(&name),
                &SeedOptions {
                    inquiries,
                    members,
                    ..SeedOptions::default()
                },
            )?;
            std::fs::write(&complete, b"")
                .with_context(|| format!("writing {}", complete.display()))?;
        }
        server.drop_database("load")?;
        server.create_database("load", Some(&name))?;
        let figures = load::run(workspace, &server.database_url("load"));
        server.drop_database("load")?;
        loads.push((inquiries, figures?));
    }
    Ok(loads)
}

/// The database of `inquiries` generated inquiries, seeded once and kept.
fn seeded(workspace: &Workspace, inquiries: u64, members: u32) -> Result<PathBuf> {
    let directory = workspace.target_dir.join("bench");
    let database = directory.join(format!("inbox-{inquiries}-{members}.db"));
    // Written last by a seed that finished: a database without it is incomplete.
    let complete = directory.join(format!("inbox-{inquiries}-{members}.complete"));
    if complete.exists() && database.exists() {
        println!("reusing {}", database.display());
        return Ok(database);
    }
    seed::remove_database(&database)?;
    seed::seed(
        &workspace.target_dir.join("release").join("api-stub"),
        workspace,
        &database,
        &SeedOptions {
            inquiries,
            members,
            years: 3,
            database: Some(database.clone()),
        },
    )?;
    std::fs::write(&complete, b"").with_context(|| format!("writing {}", complete.display()))?;
    Ok(database)
}

/// The widgets crate's feature of each tag, for the one-widget builds.
const WIDGET_FEATURES: [(&str, &str); 3] = [
    ("<crm-inquiry-inbox>", "inquiry-inbox"),
    ("<crm-customer-card>", "customer-card"),
    ("<crm-quote-builder>", "quote-builder"),
];

/// Each widget built alone: its tag and its files' sizes.
fn widget_sizes(workspace: &Workspace) -> Result<Vec<(&'static str, Vec<FileSizes>)>> {
    let mut widgets = Vec::new();
    for (tag, feature) in WIDGET_FEATURES {
        let dist = workspace
            .target_dir
            .join("bench")
            .join(format!("dist-{feature}"));
        let sizes =
            bundle::build_variant(workspace, &BuildOptions::default(), Some(feature), &dist)?;
        widgets.push((tag, sizes));
    }
    Ok(widgets)
}

/// The bundle's table and the budget's verdict; with the bytes over budget.
fn bundle_report(
    workspace: &Workspace,
    suite: &[FileSizes],
    widgets: &[(&str, Vec<FileSizes>)],
) -> Result<(String, Option<u64>)> {
    let row = |name: String, files: &[FileSizes]| {
        let sum = |size: fn(&FileSizes) -> u64| files.iter().map(size).sum::<u64>();
        vec![
            name,
            sizes::human_bytes(sum(|file| file.raw)),
            sizes::human_bytes(sum(|file| file.gzip)),
            sizes::human_bytes(sum(|file| file.brotli)),
        ]
    };
    let mut rows: Vec<Vec<String>> = suite
        .iter()
        .map(|file| row(format!("`{}`", file.name), std::slice::from_ref(file)))
        .collect();
    rows.push(row("**the whole suite**".to_owned(), suite));
    let css = embedded_css(workspace)?;
    rows.push(row(
        "of which CSS (inside the wasm, as written)".to_owned(),
        std::slice::from_ref(&css),
    ));
    for (tag, files) in widgets {
        rows.push(row(format!("`{tag}` alone (whole bundle)"), files));
    }
    let total: u64 = suite.iter().map(|file| file.brotli).sum();
    let over = total.checked_sub(BUNDLE_BUDGET).filter(|over| *over > 0);
    let verdict = match over {
        Some(over) => format!(
            "**Over budget**: {} brotli against a budget of 250 KB ({} bytes), {} too much.",
            sizes::human_bytes(total),
            thousands(BUNDLE_BUDGET),
            sizes::human_bytes(over)
        ),
        None => format!(
            "Within budget: {} brotli against 250 KB ({} bytes).",
            sizes::human_bytes(total),
            thousands(BUNDLE_BUDGET)
        ),
    };
    let mut text = format!(
        "Everything a host downloads for the whole suite (`cargo xtask build`: the JS \
         module and the wasm; the styles are compiled into the wasm). Brotli at quality 11 \
         and gzip at 9, as `dist/` serves them.\n\n{}\n{verdict}\n",
        report::table(&["file", "raw", "gzip", "brotli"], &rows)
    );
    if widgets.is_empty() {
        text.push_str(
            "\nEach widget alone is measured by `cargo xtask bench --full` (cargo features \
             `inquiry-inbox`, `customer-card`, `quote-builder`).\n",
        );
    }
    println!("{text}");
    Ok((text, over))
}

/// The stylesheets the widgets compile in, compressed together.
fn embedded_css(workspace: &Workspace) -> Result<FileSizes> {
    let mut css = Vec::new();
    collect_css(&workspace.root.join("widgets/src"), &mut css)?;
    sizes::measure("css", &css)
}

fn collect_css(directory: &Path, css: &mut Vec<u8>) -> Result<()> {
    let mut entries = std::fs::read_dir(directory)
        .with_context(|| format!("reading {}", directory.display()))?
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_css(&path, css)?;
        } else if path.extension().is_some_and(|extension| extension == "css") {
            css.extend(
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?,
            );
        }
    }
    Ok(())
}

/// `1,000,000`.
pub(crate) fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(250_000), "250,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
