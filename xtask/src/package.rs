//! `cargo xtask package`: writes the published package's metadata, generated from the
//! widgets crate (`widgets::package`), to `widgets/package/`: `package.json`, the
//! Custom Elements Manifest and the TypeScript declarations. They are committed, and
//! a widgets test fails when they differ from what the source generates. `build`
//! copies them into `dist/` beside the bundle.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::process;
use crate::workspace::Workspace;

/// Where the generated files are committed, relative to the workspace root.
pub(crate) const DIRECTORY: &str = "widgets/package";

/// The files `widgets::package::files` generates.
pub(crate) const FILES: [&str; 3] = ["package.json", "custom-elements.json", "crm-widgets.d.ts"];

pub(crate) fn write(workspace: &Workspace) -> Result<()> {
    let directory = workspace.root.join(DIRECTORY);
    fs::create_dir_all(&directory).with_context(|| format!("creating {}", directory.display()))?;
    process::run(
        process::cargo(&workspace.root)
            .args([
                "run",
                "--quiet",
                "--locked",
                "-p",
                "widgets",
                "--example",
                "package",
                "--",
            ])
            .arg(&directory),
    )
}

/// Copies the committed files into `dist`.
pub(crate) fn copy_into(workspace: &Workspace, dist: &Path) -> Result<()> {
    for name in FILES {
        let source = workspace.root.join(DIRECTORY).join(name);
        fs::copy(&source, dist.join(name)).with_context(|| {
            format!(
                "copying {} into {} (run `cargo xtask package`)",
                source.display(),
                dist.display()
            )
        })?;
    }
    Ok(())
}
