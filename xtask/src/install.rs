//! Tools the builds and tests need, installed only when missing: rustup target and
//! components, npm packages from the lock file, and Debian's Chromium for browser tests.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::workspace::Workspace;
use crate::{postgres, process};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const WRK: &str = "/usr/bin/wrk";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Browser downloads (`npx playwright install`) do not work on CI machines; Debian's
/// packages do. Fonts are otherwise only a recommendation, which we skip to keep it quick.
const CHROMIUM_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-liberation"];
/// Debian's packages for `python3 -m venv` (with pip, through ensurepip).
const PYTHON_PACKAGES: [&str; 2] = ["python3", "python3-venv"];
/// Executables the bundle build and the tests take from `node_modules/.bin`.
const NODE_BINARIES: [&str; 3] = ["wasm-opt", "playwright", "tsc"];

/// What `cargo xtask build` and `demo` need.
pub(crate) fn ensure_build_tools(workspace: &Workspace) -> Result<()> {
    ensure_wasm_target(workspace)?;
    ensure_node_modules(workspace)
}

/// What `cargo xtask test` needs: the build tools, clippy and rustfmt, Chromium,
/// and PostgreSQL's server programs.
pub(crate) fn ensure_test_tools(workspace: &Workspace) -> Result<()> {
    ensure_rust_components(workspace)?;
    ensure_build_tools(workspace)?;
    ensure_chromium(workspace)?;
    ensure_postgres(workspace)
}

/// Where Debian's `postgresql` package puts `initdb` and `pg_ctl`, per version.
const POSTGRES_BINARIES: &str = "/usr/lib/postgresql";

/// Debian's PostgreSQL server programs, for api-stub's tests on PostgreSQL (not
/// needed when `CRM_TEST_POSTGRES_URL` names a server).
pub(crate) fn ensure_postgres(workspace: &Workspace) -> Result<()> {
    if std::env::var_os(postgres::SERVER_URL).is_some() {
        println!("postgresql: the tests use {}", postgres::SERVER_URL);
        return Ok(());
    }
    let installed = || {
        std::fs::read_dir(POSTGRES_BINARIES).is_ok_and(|versions| {
            versions
                .flatten()
                .any(|version| version.path().join("bin/initdb").is_file())
        })
    };
    if installed() {
        println!("postgresql: server programs in {POSTGRES_BINARIES} present");
        return Ok(());
    }
    apt_install(workspace, &["postgresql"])?;
    if !installed() {
        bail!("installing postgresql did not provide {POSTGRES_BINARIES}/*/bin/initdb");
    }
    Ok(())
}

fn ensure_wasm_target(workspace: &Workspace) -> Result<()> {
    let installed = process::output(process::command("rustup", &workspace.root).args([
        "target",
        "list",
        "--installed",
    ]))
    .context("rustup is needed to add the wasm32 target; install Rust with rustup")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("rust target {WASM_TARGET}: installed");
        return Ok(());
    }
    process::run(process::command("rustup", &workspace.root).args(["target", "add", WASM_TARGET]))
}

fn ensure_rust_components(workspace: &Workspace) -> Result<()> {
    let installed = process::output(process::command("rustup", &workspace.root).args([
        "component",
        "list",
        "--installed",
    ]))
    .context("rustup is needed to check for clippy and rustfmt; install Rust with rustup")?;
    let missing: Vec<&str> = ["clippy", "rustfmt"]
        .into_iter()
        .filter(|component| {
            !installed
                .lines()
                .any(|line| line.starts_with(&format!("{component}-")))
        })
        .collect();
    if missing.is_empty() {
        println!("rust components clippy, rustfmt: installed");
        return Ok(());
    }
    process::run(
        process::command("rustup", &workspace.root)
            .args(["component", "add"])
            .args(&missing),
    )
}

fn ensure_node_modules(workspace: &Workspace) -> Result<()> {
    let up_to_date = node_modules_match_lock(workspace)?
        && NODE_BINARIES
            .iter()
            .all(|name| workspace.node_bin(name).exists());
    if up_to_date {
        println!("node_modules: up to date with package-lock.json");
        return Ok(());
    }
    process::run(process::command("npm", &workspace.root).args(["ci", "--no-audit", "--no-fund"]))
        .context("`npm ci` failed; Node.js >= 20 with npm must be installed")?;
    for name in NODE_BINARIES {
        let path = workspace.node_bin(name);
        if !path.exists() {
            bail!(
                "`npm ci` did not install {}; is it in package.json?",
                path.display()
            );
        }
    }
    Ok(())
}

/// Whether npm's record of what it installed (`node_modules/.package-lock.json`) lists
/// exactly the packages, versions and integrity hashes of `package-lock.json`.
fn node_modules_match_lock(workspace: &Workspace) -> Result<bool> {
    let installed_path = workspace.node_modules().join(".package-lock.json");
    if !installed_path.exists() {
        return Ok(false);
    }
    let wanted = read_json(&workspace.root.join("package-lock.json"))?;
    let installed = read_json(&installed_path)?;
    Ok(lock_is_satisfied(&wanted, &installed))
}

fn read_json(path: &Path) -> Result<Value> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}

fn lock_is_satisfied(wanted: &Value, installed: &Value) -> bool {
    let (Some(wanted), Some(installed)) = (
        wanted.get("packages").and_then(Value::as_object),
        installed.get("packages").and_then(Value::as_object),
    ) else {
        return false;
    };
    // The root package ("") is only in the lock file; optional packages npm skipped on this
    // platform are only absent from the installed record.
    let all_wanted_present =
        wanted
            .iter()
            .filter(|(key, _)| !key.is_empty())
            .all(|(key, entry)| match installed.get(key) {
                Some(present) => ["version", "integrity"]
                    .iter()
                    .all(|field| present.get(field) == entry.get(field)),
                None => entry.get("optional").and_then(Value::as_bool) == Some(true),
            });
    let nothing_extra = installed.keys().all(|key| wanted.contains_key(key));
    all_wanted_present && nothing_extra
}

pub(crate) fn ensure_chromium(workspace: &Workspace) -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("chromium: {CHROMIUM} and {CHROMEDRIVER} present");
        return Ok(());
    }
    apt_install(workspace, &CHROMIUM_PACKAGES)?;
    if !Path::new(CHROMIUM).exists() {
        bail!(
            "installing {} did not provide {CHROMIUM}",
            CHROMIUM_PACKAGES.join(" ")
        );
    }
    Ok(())
}

/// The load generator of `cargo xtask bench` (Debian's `wrk`, a separate process).
pub(crate) fn ensure_wrk(workspace: &Workspace) -> Result<()> {
    if Path::new(WRK).exists() {
        return Ok(());
    }
    apt_install(workspace, &["wrk"])?;
    if !Path::new(WRK).exists() {
        bail!("installing wrk did not provide {WRK}");
    }
    Ok(())
}

/// What the schemathesis step needs: `python3` with its `venv` module.
pub(crate) fn ensure_python_venv(workspace: &Workspace) -> Result<()> {
    let has_venv = || {
        process::succeeds(
            process::command("python3", &workspace.root).args(["-m", "venv", "--help"]),
        )
    };
    if has_venv() {
        println!("python3 with venv: present");
        return Ok(());
    }
    apt_install(workspace, &PYTHON_PACKAGES)?;
    if !has_venv() {
        bail!(
            "installing {} did not provide `python3 -m venv`",
            PYTHON_PACKAGES.join(" ")
        );
    }
    Ok(())
}

/// `apt-get update` and `apt-get install` of `packages`, as root or with passwordless sudo.
fn apt_install(workspace: &Workspace, packages: &[&str]) -> Result<()> {
    let listed = packages.join(" ");
    let sudo = if is_root(workspace)? {
        None
    } else if process::succeeds(process::command("sudo", &workspace.root).args(["-n", "true"])) {
        Some("sudo")
    } else {
        bail!(
            "{listed} must be installed, which needs root. Run as root, or install them \
             yourself: `sudo apt-get install -y --no-install-recommends {listed}`"
        );
    };
    let apt_get = |arguments: &[&str]| {
        let mut command = match sudo {
            Some(sudo) => {
                let mut command = process::command(sudo, &workspace.root);
                command.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
                command
            }
            None => {
                let mut command = process::command("apt-get", &workspace.root);
                command.env("DEBIAN_FRONTEND", "noninteractive");
                command
            }
        };
        command.args(arguments);
        process::run(&mut command)
    };
    apt_get(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(packages);
    apt_get(&install)
}

fn is_root(workspace: &Workspace) -> Result<bool> {
    let uid = process::output(process::command("id", &workspace.root).arg("-u"))?;
    Ok(uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lock(packages: Value) -> Value {
        json!({ "lockfileVersion": 3, "packages": packages })
    }

    #[test]
    fn installed_record_matching_the_lock_is_up_to_date() {
        let wanted = lock(json!({
            "": { "devDependencies": { "binaryen": "132.0.0" } },
            "node_modules/binaryen": { "version": "132.0.0", "integrity": "sha512-a" },
            "node_modules/fsevents": { "version": "2.3.2", "integrity": "sha512-b", "optional": true },
        }));
        let installed = lock(json!({
            "node_modules/binaryen": { "version": "132.0.0", "integrity": "sha512-a", "dev": true },
        }));
        assert!(lock_is_satisfied(&wanted, &installed));
    }

    #[test]
    fn changed_missing_or_extra_packages_are_stale() {
        let wanted = lock(json!({
            "node_modules/binaryen": { "version": "132.0.0", "integrity": "sha512-a" },
        }));
        let older = lock(json!({
            "node_modules/binaryen": { "version": "131.0.0", "integrity": "sha512-z" },
        }));
        let extra = lock(json!({
            "node_modules/binaryen": { "version": "132.0.0", "integrity": "sha512-a" },
            "node_modules/left-pad": { "version": "1.3.0", "integrity": "sha512-c" },
        }));
        assert!(!lock_is_satisfied(&wanted, &older));
        assert!(!lock_is_satisfied(&wanted, &lock(json!({}))));
        assert!(!lock_is_satisfied(&wanted, &extra));
        assert!(!lock_is_satisfied(&wanted, &json!({})));
    }
}
