//! The rendering benchmark: the js-framework-benchmark operations on the inbox's
//! rows (`tests/bench/rows.mjs` on `tests/bench/rows.html`), the real row
//! component from a bundle built with the widgets' `bench-rows` feature against
//! the same rows in plain JavaScript, in the same run.

use anyhow::{Context, Result};

use crate::bundle::{self, BuildOptions};
use crate::process;
use crate::workspace::Workspace;

/// Timed runs of each operation on each side (10,000 rows: half as many; 10 lists
/// later: 3). Each is seconds on a 2-core machine: 1,000 rows take about a second to
/// lay out here.
const RUNS: u32 = 6;

/// Builds the benchmark's bundle, runs the script; returns its report as text.
pub(crate) fn run(workspace: &Workspace) -> Result<String> {
    let dist = workspace.target_dir.join("bench").join("rows-dist");
    bundle::build_variant(
        workspace,
        &BuildOptions::default(),
        Some("bench-rows"),
        &dist,
    )?;
    let output = process::output(
        process::command("node", &workspace.root)
            .arg(workspace.root.join("tests/bench/rows.mjs"))
            .arg(&dist)
            .arg(RUNS.to_string()),
    )?;
    let figures: serde_json::Value =
        serde_json::from_str(output.trim()).context("reading the rendering benchmark's figures")?;
    Ok(text(&figures))
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => f64::NAN,
        length if length % 2 == 1 => sorted[middle],
        _ => (sorted[middle - 1] + sorted[middle]) / 2.0,
    }
}

/// Each operation's medians and spread on both sides, their ratio, and the
/// geometric mean of the ratios.
fn text(figures: &serde_json::Value) -> String {
    let mut out = String::new();
    push_line!(
        out,
        "the inbox's rows, every row in the DOM: ms from the call to the end of the next \
         frame, each on a new list, median [min–max] over {} runs (10,000 rows: half as \
         many; 10 lists later: 3)",
        figures["runs"]
    );
    push_line!(
        out,
        "{:<26} {:>26} {:>26} {:>8}",
        "operation",
        "<crm-inquiry-inbox> rows",
        "plain JavaScript",
        "ratio"
    );
    let times = |value: &serde_json::Value| -> Vec<f64> {
        value
            .as_array()
            .map(|values| {
                values
                    .iter()
                    .filter_map(serde_json::Value::as_f64)
                    .collect()
            })
            .unwrap_or_default()
    };
    let shown = |values: &[f64]| {
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        format!("{:.1} [{low:.1}–{high:.1}]", median(values))
    };
    let mut ratios = Vec::new();
    for operation in figures["operations"].as_array().into_iter().flatten() {
        let ours = times(&operation["ours"]);
        let floor = times(&operation["floor"]);
        let ratio = median(&ours) / median(&floor);
        // Only js-framework-benchmark's own operations make its summary figure.
        if operation["extra"] != serde_json::Value::Bool(true) {
            ratios.push(ratio);
        }
        push_line!(
            out,
            "{:<26} {:>26} {:>26} {:>8.2}",
            operation["name"].as_str().unwrap_or_default(),
            shown(&ours),
            shown(&floor),
            ratio
        );
    }
    let geometric_mean =
        (ratios.iter().map(|ratio| ratio.ln()).sum::<f64>() / ratios.len() as f64).exp();
    push_line!(
        out,
        "geometric mean of the ratios: {geometric_mean:.2} (js-framework-benchmark's \
         summary figure; 1.00 would be plain JavaScript)"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn the_report_has_each_ratio_and_their_geometric_mean() {
        let figures = serde_json::json!({
            "runs": 3,
            "operations": [
                { "name": "create 1,000 rows", "ours": [20.0, 10.0, 30.0], "floor": [5.0, 5.0, 5.0] },
                { "name": "select a row", "ours": [8.0, 8.0, 8.0], "floor": [1.0, 2.0, 3.0] },
                { "name": "select, 10 lists later", "extra": true, "ours": [90.0], "floor": [1.0] },
            ],
        });
        let report = text(&figures);
        assert!(report.contains("create 1,000 rows"), "{report}");
        assert!(report.contains("20.0 [10.0–30.0]"), "{report}");
        assert!(report.contains("4.00"), "{report}");
        assert!(report.contains("90.00"), "{report}");
        // √(4 × 4) = 4: the extra operation is not in it.
        assert!(
            report.contains("geometric mean of the ratios: 4.00"),
            "{report}"
        );
    }
}
