//! `BENCHMARKS.md`: what `cargo xtask bench` measured, with the machine, the
//! versions and the date, so that runs can be compared over time.

use anyhow::{Context, Result};

use crate::install;
use crate::process;
use crate::workspace::Workspace;

/// The sections of one run, in the order they were measured.
pub(crate) struct Report {
    mode: &'static str,
    sections: Vec<(String, String)>,
}

impl Report {
    pub(crate) fn new(full: bool) -> Report {
        Report {
            mode: if full {
                "cargo xtask bench --full"
            } else {
                "cargo xtask bench"
            },
            sections: Vec::new(),
        }
    }

    /// A section: its heading and its Markdown body.
    pub(crate) fn add(&mut self, heading: impl Into<String>, body: impl Into<String>) {
        self.sections.push((heading.into(), body.into()));
    }

    /// A section whose body is preformatted text, as printed.
    pub(crate) fn add_text(&mut self, heading: impl Into<String>, intro: &str, text: &str) {
        let body = format!("{intro}\n\n```text\n{}\n```\n", text.trim_end());
        self.add(heading, body);
    }

    pub(crate) fn write(&self, workspace: &Workspace) -> Result<()> {
        let mut markdown = String::from("# Benchmarks\n\n");
        push_line!(
            markdown,
            "Written by `{}` on {}, at commit {}. Figures, not verdicts, except the \
             bundle budget. Times are wall-clock on a shared machine: compare ratios \
             measured in the same run rather than absolute figures across runs.\n",
            self.mode,
            command_line(workspace, "date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            commit(workspace),
        );
        markdown.push_str("| Machine and versions | |\n|---|---|\n");
        for (name, value) in machine(workspace) {
            push_line!(markdown, "| {name} | {value} |");
        }
        for (heading, body) in &self.sections {
            markdown.push_str(&format!("\n## {heading}\n\n{body}"));
            if !body.ends_with('\n') {
                markdown.push('\n');
            }
        }
        let path = workspace.root.join("BENCHMARKS.md");
        std::fs::write(&path, markdown).with_context(|| format!("writing {}", path.display()))?;
        println!("\nwrote {}", path.display());
        Ok(())
    }
}

/// What the figures depend on: the machine and the tools' versions.
fn machine(workspace: &Workspace) -> Vec<(&'static str, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or_else(
            || "unknown".to_owned(),
            |kib| format!("{:.1} GiB", kib as f64 / 1_048_576.0),
        );
    let system = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    vec![
        ("CPU", format!("{cpu}, {cores} cores available")),
        ("Memory", memory),
        ("System", system),
        ("Rust", command_line(workspace, "rustc", &["--version"])),
        (
            "Chromium",
            command_line(workspace, install::CHROMIUM, &["--version"]),
        ),
        ("Node.js", command_line(workspace, "node", &["--version"])),
        (
            "wasm-opt",
            command_line(
                workspace,
                &workspace.node_bin("wasm-opt").to_string_lossy(),
                &["--version"],
            ),
        ),
        ("wrk", wrk_version(workspace)),
        (
            "SQLite",
            "bundled with sqlx (libsqlite3-sys), WAL journal".to_owned(),
        ),
    ]
}

/// wrk prints its version (and usage) on stderr and exits with 1 for `-v`.
fn wrk_version(workspace: &Workspace) -> String {
    std::process::Command::new(install::WRK)
        .arg("-v")
        .current_dir(&workspace.root)
        .output()
        .ok()
        .and_then(|output| {
            let text = String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr);
            text.lines().next().map(str::to_owned)
        })
        .unwrap_or_else(|| "not installed".to_owned())
}

/// The commit measured, and whether the work tree had changes on top of it.
fn commit(workspace: &Workspace) -> String {
    let head = command_line(workspace, "git", &["rev-parse", "--short", "HEAD"]);
    let changes = process::command("git", &workspace.root)
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .is_ok_and(|output| !output.stdout.is_empty());
    if changes {
        format!("{head} with uncommitted changes")
    } else {
        head
    }
}

/// The first line `program arguments` prints on stdout, or "unknown" (what it
/// prints on stderr, like Debian's chromium wrapper's noise, is dropped).
fn command_line(workspace: &Workspace, program: &str, arguments: &[&str]) -> String {
    process::command(program, &workspace.root)
        .args(arguments)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .next()
                .map(|line| line.trim().to_owned())
        })
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A Markdown table.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut markdown = format!("| {} |\n", header.join(" | "));
    push_line!(
        markdown,
        "|{}",
        header
            .iter()
            .enumerate()
            .map(|(index, _)| if index == 0 { "---|" } else { "---:|" })
            .collect::<String>()
    );
    for row in rows {
        push_line!(markdown, "| {} |", row.join(" | "));
    }
    markdown
}
