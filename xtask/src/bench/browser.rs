//! The widgets in headless Chromium against host-demo's origin, served by a
//! release api-stub from a copy of a seeded database (the benchmarks change
//! data): the data layer (`tests/bench/data-layer.mjs`), then what the suite
//! costs the page that embeds it and memory over many mounts
//! (`tests/bench/host-impact.mjs`).

use std::path::Path;

use anyhow::{Context, Result};

use super::server::Server;
use crate::process;
use crate::seed;
use crate::workspace::Workspace;

/// The seeded rep whose inbox the browser benchmark opens (about 9 % of the
/// generated inquiries are theirs).
pub(crate) const BROWSER_TOKEN: &str = "demo-brightway-rep";

/// Mount/unmount cycles of the memory benchmark.
const CYCLES: u32 = 1000;

/// Runs both scripts; returns their reports as text.
pub(crate) fn run(workspace: &Workspace, database: &Path) -> Result<(String, String)> {
    let copy = workspace.target_dir.join("bench").join("browser.db");
    seed::remove_database(&copy)?;
    std::fs::copy(database, &copy)
        .with_context(|| format!("copying {} to {}", database.display(), copy.display()))?;
    let mut server = Server::start(workspace, &copy, &[])?;
    let script = |name: &str, extra: &[String]| {
        process::output(
            process::command("node", &workspace.root)
                .arg(workspace.root.join("tests/bench").join(name))
                .arg(&server.url)
                .arg(BROWSER_TOKEN)
                .args(extra),
        )
    };
    let data_layer = script("data-layer.mjs", &[]);
    let impact = data_layer
        .is_ok()
        .then(|| script("host-impact.mjs", &["3".to_owned(), CYCLES.to_string()]));
    server.stop();
    seed::remove_database(&copy)?;
    let figures: serde_json::Value = serde_json::from_str(data_layer?.trim())
        .context("reading the browser benchmark's figures")?;
    let impact: serde_json::Value =
        serde_json::from_str(impact.context("the data-layer benchmark failed")??.trim())
            .context("reading the host-impact benchmark's figures")?;
    Ok((browser_text(&figures), impact_text(&impact)))
}

/// The host page with and without the suite, and memory over mounts.
fn impact_text(figures: &serde_json::Value) -> String {
    let mut out = String::new();
    push_line!(
        out,
        "a portal page with and without the three widgets (tests/bench/host-page.html; \
         the tags' heights reserved as the README says, and, last, not), from navigation \
         until the widgets show their data, plus one second; median [min–max] over {} visits",
        figures["impact"]["bare"]["cold"]["runs"]
    );
    push_line!(
        out,
        "{:<32} {:>18} {:>18} {:>18} {:>16} {:>9} {:>9}",
        "",
        "main thread ms",
        "of it script ms",
        "blocking time ms",
        "layout shift",
        "tasks>50",
        "longest"
    );
    for (page, page_label) in [
        ("bare", "page alone"),
        ("suite", "page + suite"),
        ("unreserved", "page + suite, no heights"),
    ] {
        for (visit, visit_label) in [("cold", "cold"), ("warm", "warm")] {
            let row = &figures["impact"][page][visit];
            push_line!(
                out,
                "{:<32} {:>18} {:>18} {:>18} {:>16} {:>9} {:>9}",
                format!("{page_label}, {visit_label}"),
                range(&row["mainThread"]),
                range(&row["script"]),
                range(&row["blocking"]),
                range(&row["shift"]),
                row["longTasks"].to_string(),
                format!("{} ms", row["longest"]),
            );
        }
    }
    for visit in ["cold", "warm"] {
        let added = |key: &str| {
            figures["impact"]["suite"][visit][key]["median"]
                .as_f64()
                .unwrap_or(f64::NAN)
                - figures["impact"]["bare"][visit][key]["median"]
                    .as_f64()
                    .unwrap_or(f64::NAN)
        };
        push_line!(
            out,
            "added by the suite, {visit}: {:.0} ms of main-thread time, {:.0} ms of blocking time, \
             layout shift {:.3}",
            added("mainThread"),
            added("blocking"),
            added("shift")
        );
    }
    let memory = &figures["memory"];
    let (before, early, after) = (&memory["before"], &memory["early"], &memory["after"]);
    push_line!(
        out,
        "\nthe three widgets mounted and unmounted {} times on one page, after garbage \
         collection: the member's records loaded (the inbox mounted once until up to \
         date), no widget mounted → after {} cycles → after {}",
        memory["cycles"],
        memory["tenth"],
        memory["cycles"]
    );
    let mib = |value: &serde_json::Value| {
        format!("{:.2} MiB", value.as_f64().unwrap_or(0.0) / 1_048_576.0)
    };
    for (key, label, in_mib) in [
        ("jsHeap", "JavaScript heap", true),
        ("wasm", "wasm linear memory", true),
        ("nodes", "DOM nodes", false),
        ("listeners", "event listeners", false),
    ] {
        let show = |value: &serde_json::Value| {
            if in_mib {
                mib(value)
            } else {
                value.to_string()
            }
        };
        push_line!(
            out,
            "{label:<20} {} → {} → {}",
            show(&before[key]),
            show(&early[key]),
            show(&after[key])
        );
    }
    out
}

fn browser_text(figures: &serde_json::Value) -> String {
    let mut out = String::new();
    push_line!(
        out,
        "\ndata layer in headless Chromium, {} inquiries in {BROWSER_TOKEN}'s inbox \
         (ms from navigation start: median [min–max] over runs)",
        figures["inquiries"]
    );
    push_line!(
        out,
        "{:<34} {:>22} {:>22} {:>12} {:>14}",
        "",
        "first rows",
        "up to date",
        "long tasks",
        "longest task"
    );
    for (key, label) in [
        ("cold", "cold (new profile, full sync)"),
        ("warm", "warm (from the cache)"),
        ("delta", "after 10 changes elsewhere"),
    ] {
        let row = &figures[key];
        push_line!(
            out,
            "{label:<34} {:>22} {:>22} {:>12} {:>14}",
            range(&row["firstRows"]),
            range(&row["upToDate"]),
            row["longTasksPerVisit"]["median"].to_string(),
            format!("{} ms", row["longestTask"]),
        );
    }
    let search = &figures["search"];
    push_line!(
        out,
        "search, keystroke to updated count: first {} ms (makes the search text), then {} ms",
        search["first"],
        range(&search["next"])
    );
    inbox_text(&mut out, &figures["inbox"]);
    let quote = &figures["quote"]["editToTotal"];
    push_line!(
        out,
        "\nquote builder, {}-line quote: a quantity typed to the new total on screen: \
         {} ms median, {} ms p95, {} ms max ({} edits)",
        figures["quote"]["lines"],
        quote["median"],
        quote["p95"],
        quote["max"],
        quote["runs"]
    );
    out
}

/// The inbox against its plain-JavaScript floor, with the ratio of medians.
fn inbox_text(out: &mut String, inbox: &serde_json::Value) {
    push_line!(
        out,
        "\ninbox against its floor (plain JavaScript, same rows, same cache, same run; \
         ms: median / p95 / max)"
    );
    push_line!(
        out,
        "{:<40} {:>22} {:>22} {:>8}",
        "",
        "<crm-inquiry-inbox>",
        "floor",
        "ratio"
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
    push_line!(
        out,
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
        push_line!(
            out,
            "{label:<40} {:>22} {:>22} {:>8}",
            three(&widget[key]),
            three(&floor[key]),
            ratio(&widget[key]["median"], &floor[key]["median"]),
        );
    }
}

/// `median [min–max]`.
fn range(value: &serde_json::Value) -> String {
    format!("{} [{}–{}]", value["median"], value["min"], value["max"])
}
