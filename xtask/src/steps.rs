//! Named, timed steps: a header before each, its duration after, and a summary table.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};

pub(crate) struct Steps {
    title: &'static str,
    records: Vec<Record>,
}

struct Record {
    name: String,
    elapsed: Duration,
    passed: bool,
}

impl Steps {
    pub(crate) fn new(title: &'static str) -> Steps {
        Steps {
            title,
            records: Vec::new(),
        }
    }

    /// Runs one step; its error gets the step's name as context.
    pub(crate) fn run<T>(&mut self, name: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("\n==> [{}] {name}", self.title);
        let start = Instant::now();
        let result = body();
        let elapsed = start.elapsed();
        let passed = result.is_ok();
        self.records.push(Record {
            name: name.to_owned(),
            elapsed,
            passed,
        });
        if passed {
            println!(
                "<== [{}] {name}: ok, {}",
                self.title,
                format_duration(elapsed)
            );
        } else {
            eprintln!(
                "<== [{}] {name}: FAILED after {}",
                self.title,
                format_duration(elapsed)
            );
        }
        result.with_context(|| format!("{}: step `{name}` failed", self.title))
    }

    pub(crate) fn print_summary(&self) {
        let width = self
            .records
            .iter()
            .map(|record| record.name.len())
            .max()
            .unwrap_or(0);
        let total: Duration = self.records.iter().map(|record| record.elapsed).sum();
        println!("\n{} summary:", self.title);
        for record in &self.records {
            let status = if record.passed { "ok" } else { "FAILED" };
            println!(
                "  {:<width$}  {:>6}  {:>8}",
                record.name,
                status,
                format_duration(record.elapsed)
            );
        }
        println!(
            "  {:<width$}  {:>6}  {:>8}",
            "total",
            "",
            format_duration(total)
        );
    }
}

pub(crate) fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds < 60.0 {
        format!("{seconds:.1}s")
    } else {
        let whole = duration.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations() {
        assert_eq!(format_duration(Duration::from_millis(250)), "0.2s");
        assert_eq!(format_duration(Duration::from_millis(59_940)), "59.9s");
        assert_eq!(format_duration(Duration::from_secs(61)), "1m01s");
        assert_eq!(format_duration(Duration::from_secs(1_805)), "30m05s");
    }

    #[test]
    fn failing_step_is_recorded_and_named() {
        let mut steps = Steps::new("test");
        steps.run("first", || Ok(())).unwrap();
        let error = steps
            .run("second", || -> Result<()> { anyhow::bail!("boom") })
            .unwrap_err();
        assert!(format!("{error:#}").contains("step `second` failed: boom"));
        let passed: Vec<bool> = steps.records.iter().map(|record| record.passed).collect();
        assert_eq!(passed, [true, false]);
    }
}
