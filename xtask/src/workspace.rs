//! Where things are: the workspace root (found from xtask's own manifest, never the cwd)
//! and the paths every command shares.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::process;

pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    /// Cargo's target directory as cargo itself resolves it (`CARGO_TARGET_DIR`,
    /// `build.target-dir`, or `<root>/target`).
    pub(crate) target_dir: PathBuf,
}

impl Workspace {
    pub(crate) fn locate() -> Result<Workspace> {
        // `cargo run` (which `cargo xtask` is) sets it at run time too; prefer that, since a
        // binary can be reused from a target dir shared by two checkouts.
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        let manifest_dir = manifest_dir.as_path();
        let root = manifest_dir
            .parent()
            .with_context(|| {
                format!(
                    "xtask's manifest dir {} has no parent",
                    manifest_dir.display()
                )
            })?
            .to_path_buf();
        let target_dir = cargo_target_dir(&root)?;
        Ok(Workspace { root, target_dir })
    }

    /// The published bundle: only `crm-widgets.js`, `crm-widgets.wasm` and compressed copies.
    pub(crate) fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    pub(crate) fn node_modules(&self) -> PathBuf {
        self.root.join("node_modules")
    }

    /// An executable installed by `npm ci` into `node_modules/.bin`.
    pub(crate) fn node_bin(&self, name: &str) -> PathBuf {
        self.node_modules().join(".bin").join(name)
    }

    /// The debug build of the api-stub server, as `cargo build -p api-stub` leaves it.
    pub(crate) fn api_stub_bin(&self) -> PathBuf {
        self.target_dir.join("debug").join("api-stub")
    }

    /// Scratch space for the bundle build (never published).
    pub(crate) fn bundle_work_dir(&self) -> PathBuf {
        self.target_dir.join("xtask-bundle")
    }
}

fn cargo_target_dir(root: &Path) -> Result<PathBuf> {
    let metadata = process::output(process::cargo(root).args([
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
    ]))?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("`cargo metadata` printed invalid JSON")?;
    let target_dir = metadata
        .get("target_directory")
        .and_then(serde_json::Value::as_str)
        .context("`cargo metadata` output lacks `target_directory`")?;
    Ok(PathBuf::from(target_dir))
}
