//! Running external programs with inherited output, so their logs show up in CI as is,
//! and failing with the command line when they fail.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};

/// Environment every inner cargo gets (xtask cannot change its own: `set_var` is unsafe).
static CARGO_ENVIRONMENT: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();

/// Sets the environment of every later `cargo(…)` command; only the first call counts.
pub(crate) fn set_cargo_environment(variables: Vec<(&'static str, &'static str)>) {
    if CARGO_ENVIRONMENT.set(variables).is_err() {
        eprintln!("warning: the cargo environment was already set; keeping the first one");
    }
}

/// `cargo` in the workspace root: the same cargo that runs xtask (`$CARGO`), so a
/// toolchain chosen by rustup for `cargo xtask` is used for the inner builds too.
pub(crate) fn cargo(root: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = command(cargo, root);
    command.envs(CARGO_ENVIRONMENT.get().into_iter().flatten().copied());
    command
}

pub(crate) fn command(program: impl AsRef<OsStr>, current_dir: &Path) -> Command {
    let mut command = Command::new(program);
    command.current_dir(current_dir);
    command
}

/// Runs `command` with stdin, stdout and stderr inherited; fails unless it exits with 0.
pub(crate) fn run(command: &mut Command) -> Result<()> {
    let line = describe(command);
    println!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}` (is the program installed?)"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `command` and returns its stdout; stderr is inherited so errors stay visible.
pub(crate) fn output(command: &mut Command) -> Result<String> {
    let line = describe(command);
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{line}` (is the program installed?)"))?;
    if !output.status.success() {
        bail!("`{line}` failed ({})", output.status);
    }
    String::from_utf8(output.stdout).with_context(|| format!("`{line}` printed non-UTF-8 output"))
}

/// Whether `command` can be started and exits with 0; its output is discarded.
pub(crate) fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The command line as a shell user would type it, with the environment variables set
/// for this command only (not the common cargo ones) first.
pub(crate) fn describe(command: &Command) -> String {
    let common = CARGO_ENVIRONMENT.get().into_iter().flatten();
    let environment = command
        .get_envs()
        .filter(|(key, _)| !common.clone().any(|(common, _)| key == common))
        .filter_map(|(key, value)| {
            value.map(|value| format!("{}={}", key.to_string_lossy(), value.to_string_lossy()))
        });
    let program = std::iter::once(command.get_program().to_string_lossy().into_owned());
    let arguments = command
        .get_args()
        .map(|argument| argument.to_string_lossy().into_owned());
    environment
        .chain(program)
        .chain(arguments)
        .collect::<Vec<_>>()
        .join(" ")
}
