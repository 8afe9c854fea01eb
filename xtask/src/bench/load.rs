//! api-stub under load from a separate process: Debian's `wrk` on loopback
//! against a release api-stub (rate limit off) on a copy of a seeded database.
//! Per request: requests per second, p50 and p99 latency, errors; then the
//! server's peak resident memory. wrk's own Lua `done` hook prints the figures
//! as JSON, so nothing is scraped from its human-readable output.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use super::server::Server;
use crate::install;
use crate::process;
use crate::workspace::Workspace;

/// Seconds of load per request, after a one-second warm-up.
pub(crate) const SECONDS: u32 = 10;
/// wrk threads and open connections. Two cores: wrk and the server share them.
pub(crate) const THREADS: u32 = 2;
pub(crate) const CONNECTIONS: u32 = 16;

pub(crate) const OWNER: &str = "demo-brightway-owner";

/// One request's figures.
pub(crate) struct Row {
    pub(crate) request: &'static str,
    pub(crate) per_second: f64,
    pub(crate) p50_ms: f64,
    pub(crate) p99_ms: f64,
    pub(crate) requests: u64,
    pub(crate) failed: u64,
}

pub(crate) struct Figures {
    pub(crate) rows: Vec<Row>,
    pub(crate) peak_memory_kib: Option<u64>,
}

/// Reports the figures as JSON; `errors` counts sockets' errors and non-2xx/3xx.
const DONE: &str = r#"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\nWRK-FIGURES {"requests":%d,"seconds":%f,"p50_us":%d,"p99_us":%d,"failed":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
"#;

/// Measures the inbox list (filters and search), one inquiry and a quote write,
/// on the database at `url`.
pub(crate) fn run(workspace: &Workspace, url: &str) -> Result<Figures> {
    install::ensure_wrk(workspace)?;
    let mut server = Server::start_on(workspace, url, &["--rate-limit-per-minute", "0"])?;
    let result = measure(workspace, &server);
    let peak_memory_kib = server.peak_memory_kib();
    server.stop();
    Ok(Figures {
        rows: result?,
        peak_memory_kib,
    })
}

fn measure(workspace: &Workspace, server: &Server) -> Result<Vec<Row>> {
    let inquiry = first_inquiry(workspace, &server.url)?;
    let scripts = workspace.target_dir.join("bench").join("wrk");
    std::fs::create_dir_all(&scripts).with_context(|| format!("creating {}", scripts.display()))?;
    let get = |path: &str| {
        format!(
            "wrk.method = 'GET'\nwrk.path = '{path}'\n\
             wrk.headers['Authorization'] = 'Bearer {OWNER}'\n{DONE}"
        )
    };
    let requests: [(&'static str, String); 5] = [
        ("inbox, first page", get("/api/v1/inquiries?limit=50")),
        (
            "inbox, open and score ≥ 60, by score",
            get("/api/v1/inquiries?limit=50&status=new,open,quoted&score_min=60&sort=score_desc"),
        ),
        (
            "inbox, search \"solar street\"",
            get("/api/v1/inquiries?limit=50&q=solar+street"),
        ),
        ("one inquiry", get(&format!("/api/v1/inquiries/{inquiry}"))),
        ("quote write (POST /quotes)", quote_write()),
    ];
    let mut rows = Vec::new();
    for (index, (request, script)) in requests.iter().enumerate() {
        let path = scripts.join(format!("request-{index}.lua"));
        std::fs::write(&path, script).with_context(|| format!("writing {}", path.display()))?;
        // A short run first, so that caches and the connection pool are warm.
        wrk(workspace, &server.url, &path, 1)?;
        let figures = wrk(workspace, &server.url, &path, SECONDS)?;
        let number = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
        let requests = figures["requests"].as_u64().unwrap_or(0);
        let failed = figures["failed"].as_u64().unwrap_or(0);
        let row = Row {
            request,
            per_second: requests as f64 / number("seconds"),
            p50_ms: number("p50_us") / 1000.0,
            p99_ms: number("p99_us") / 1000.0,
            requests,
            failed,
        };
        // A failing request measures nothing: a wrong script or a server fault.
        if failed * 100 > requests {
            bail!("{request}: {failed} of {requests} requests failed under load");
        }
        println!(
            "{request}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, {failed} failed of {requests}",
            row.per_second, row.p50_ms, row.p99_ms
        );
        rows.push(row);
    }
    Ok(rows)
}

/// A new quote per request, each with its own `Idempotency-Key` (required on POST):
/// the run's tag (each wrk run has its own, see [`wrk`]), the thread, a counter. (A
/// key of the time in seconds instead was taken again by the run after the
/// warm-up, within the same second, while the warm-up's last request with it was
/// still running: the server rightly answered 409.)
fn quote_write() -> String {
    let valid_until = "2099-12-31";
    let body = format!(
        r#"{{"terms":{{"currency":"EUR","incoterm":"FOB","named_place":"Ningbo","payment":{{"method":"telegraphic_transfer","deposit_percent":"30"}},"valid_until":"{valid_until}","lead_time_days":25}},"lines":[{{"kind":"product","name":"LED panel 600x600","quantity":{{"value":"2000","unit":"piece"}},"unit_price":"11.80"}},{{"kind":"freight","name":"Freight to Hamburg","quantity":{{"value":"1","unit":"set"}},"unit_price":"350"}}],"charges":{{"shipping":"0","insurance":"0","tax_percent":"0"}}}}"#
    );
    format!(
        "local counter = 0\n\
         local thread_id = 0\n\
         local threads = 0\n\
         setup = function(thread)\n  threads = threads + 1\n  thread:set('id', threads)\nend\n\
         local run = '0'\n\
         init = function(args)\n  thread_id = id or 0\n  run = args[1] or '0'\nend\n\
         request = function()\n  counter = counter + 1\n  \
         local headers = {{}}\n  \
         headers['Authorization'] = 'Bearer {OWNER}'\n  \
         headers['Content-Type'] = 'application/json'\n  \
         headers['Idempotency-Key'] = string.format('bench-%s-%d-%d', run, thread_id, counter)\n  \
         return wrk.format('POST', '/api/v1/quotes', headers, '{body}')\nend\n{DONE}"
    )
}

/// Runs `script` against `url` for `seconds`; the script's `init` gets a tag
/// of this run that no other run has (its first argument).
fn wrk(workspace: &Workspace, url: &str, script: &Path, seconds: u32) -> Result<serde_json::Value> {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    let run = format!("{started}-{}", RUNS.fetch_add(1, Ordering::Relaxed));
    let output = process::output(
        process::command(install::WRK, &workspace.root)
            .arg(format!("-t{THREADS}"))
            .arg(format!("-c{CONNECTIONS}"))
            .arg(format!("-d{seconds}s"))
            .arg("--timeout")
            .arg("10s")
            .arg("-s")
            .arg(script)
            .arg(url)
            .arg("--")
            .arg(run),
    )?;
    let json = output
        .lines()
        .find_map(|line| line.strip_prefix("WRK-FIGURES "))
        .with_context(|| format!("wrk printed no figures:\n{output}"))?;
    serde_json::from_str(json).with_context(|| format!("reading wrk's figures: {json}"))
}

/// An inquiry of the owner's member, for "one inquiry" (asked with node's fetch).
fn first_inquiry(workspace: &Workspace, url: &str) -> Result<String> {
    const SCRIPT: &str = "const [url, token] = process.argv.slice(1);\
        const response = await fetch(`${url}/api/v1/inquiries?limit=1`, \
          { headers: { authorization: `Bearer ${token}` } });\
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);\
        const page = await response.json();\
        console.log(page.items[0].id);";
    let id = process::output(
        process::command("node", &workspace.root)
            .args(["--input-type=module", "-e", SCRIPT])
            .arg(url)
            .arg(OWNER),
    )?;
    let id = id.trim().to_owned();
    if id.is_empty() || id.contains(char::is_whitespace) {
        bail!("no inquiry to load-test: the list answered {id:?}");
    }
    Ok(id)
}

/// The figures of each database size as a Markdown table.
pub(crate) fn markdown(sizes: &[(u64, Figures)]) -> String {
    let mut rows = Vec::new();
    for (inquiries, figures) in sizes {
        for row in &figures.rows {
            rows.push(vec![
                super::thousands(*inquiries),
                row.request.to_owned(),
                format!("{:.0}", row.per_second),
                format!("{:.2}", row.p50_ms),
                format!("{:.2}", row.p99_ms),
                format!("{} of {}", row.failed, super::thousands(row.requests)),
            ]);
        }
    }
    let mut text = super::report::table(
        &[
            "inquiries",
            "request",
            "requests/s",
            "p50 ms",
            "p99 ms",
            "failed",
        ],
        &rows,
    );
    for (inquiries, figures) in sizes {
        if let Some(kib) = figures.peak_memory_kib {
            push_line!(
                text,
                "\napi-stub's peak resident memory with {} inquiries: {:.0} MiB.",
                super::thousands(*inquiries),
                kib as f64 / 1024.0
            );
        }
    }
    text
}
