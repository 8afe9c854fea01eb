//! `cargo xtask build`: the drop-in bundle `dist/crm-widgets.js` + `dist/crm-widgets.wasm`
//! (and `.br`/`.gz` copies), built from the `widgets` crate.
//!
//! Steps: compile the cdylib with full LTO, run wasm-bindgen in-process, inline its JS
//! snippets into one self-initialising ES module, wasm-opt the wasm, compress both.

mod inline;
mod loader;
mod lockfile;
mod wasm_features;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use wasm_bindgen_cli_support::Bindgen;

use crate::package;
use crate::process;
use crate::sizes::{self, FileSizes};
use crate::steps::Steps;
use crate::workspace::Workspace;

/// The bundle's file stem: `crm-widgets.js` and `crm-widgets.wasm`.
const BUNDLE_NAME: &str = "crm-widgets";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct BuildOptions {
    /// Faster, bigger: `release` profile (no LTO), no wasm-opt, name section kept.
    pub(crate) dev: bool,
}

impl BuildOptions {
    fn profile(&self) -> &'static str {
        if self.dev { "release" } else { "wasm-release" }
    }
}

struct Bundle {
    js: String,
    wasm: Vec<u8>,
    wasm_opt_flags: Vec<&'static str>,
}

/// Builds the bundle into `dist/`; the tools (wasm32 target, npm packages) must be there.
/// Returns the size of each file a browser downloads.
pub(crate) fn build(workspace: &Workspace, options: &BuildOptions) -> Result<Vec<FileSizes>> {
    build_variant(workspace, options, None, &workspace.dist_dir())
}

/// Builds the bundle with only `features` of the widgets crate (all by default) into
/// `dist`: `cargo xtask bench --full` measures each widget alone this way.
pub(crate) fn build_variant(
    workspace: &Workspace,
    options: &BuildOptions,
    features: Option<&str>,
    dist: &Path,
) -> Result<Vec<FileSizes>> {
    let mut steps = Steps::new("build");
    steps.run("check wasm-bindgen versions", || {
        lockfile::check_wasm_bindgen_versions(&workspace.root)
    })?;
    let compiled = steps.run("compile widgets to wasm", || {
        compile_widgets(workspace, options, features)
    })?;
    let bundle = steps.run("wasm-bindgen and inline snippets", || {
        bind(&compiled, options)
    })?;
    let js_name = format!("{BUNDLE_NAME}.js");
    let wasm_name = format!("{BUNDLE_NAME}.wasm");
    steps.run("write dist/", || {
        clean_directory(dist)?;
        let js_path = dist.join(&js_name);
        fs::write(&js_path, &bundle.js)
            .with_context(|| format!("writing {}", js_path.display()))?;
        package::copy_into(workspace, dist)
    })?;
    if options.dev {
        steps.run("copy wasm (--dev: no wasm-opt)", || {
            write(&dist.join(&wasm_name), &bundle.wasm)
        })?;
    } else {
        steps.run("wasm-opt -Oz", || {
            optimise(workspace, &bundle, &dist.join(&wasm_name))
        })?;
    }
    steps.run("validate wasm with node", || {
        validate(workspace, &dist.join(&wasm_name))
    })?;
    let sizes = steps.run("compress (brotli 11, gzip 9)", || {
        sizes::write_compressed(dist, &[js_name.as_str(), wasm_name.as_str()])
    })?;
    steps.print_summary();
    sizes::print_table(&sizes);
    println!("  Bundle: {}", dist.display());
    Ok(sizes)
}

fn compile_widgets(
    workspace: &Workspace,
    options: &BuildOptions,
    features: Option<&str>,
) -> Result<PathBuf> {
    let profile = options.profile();
    // `cargo rustc --crate-type cdylib`, not `cargo build`: for a cdylib+rlib crate the
    // latter silently skips LTO.
    let mut command = process::cargo(&workspace.root);
    command.args([
        "rustc",
        "-p",
        "widgets",
        "--profile",
        profile,
        "--target",
        WASM_TARGET,
        "--crate-type",
        "cdylib",
    ]);
    if let Some(features) = features {
        command.args(["--no-default-features", "--features", features]);
    }
    process::run(&mut command)?;
    let wasm = workspace
        .target_dir
        .join(WASM_TARGET)
        .join(profile)
        .join("widgets.wasm");
    if !wasm.exists() {
        bail!("cargo finished but {} does not exist", wasm.display());
    }
    Ok(wasm)
}

/// wasm-bindgen (`--target web`) in-process, then the JS glue made into one module.
fn bind(compiled: &Path, options: &BuildOptions) -> Result<Bundle> {
    let compiled_bytes =
        fs::read(compiled).with_context(|| format!("reading {}", compiled.display()))?;
    let wasm_opt_flags = wasm_features::binaryen_flags(&compiled_bytes)
        .with_context(|| format!("reading the wasm features of {}", compiled.display()))?;
    let mut output = Bindgen::new()
        .input_bytes(BUNDLE_NAME, compiled_bytes)
        .web(true)?
        .out_name(BUNDLE_NAME)
        .remove_name_section(!options.dev)
        .remove_producers_section(true)
        .omit_default_module_path(false)
        .generate_output()
        .context("wasm-bindgen failed")?;
    if !output.npm_dependencies().is_empty() {
        bail!("the widgets declare npm dependencies, which a drop-in bundle cannot have");
    }
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for (crate_identifier, snippets) in output.snippets() {
        for (index, source) in snippets.iter().enumerate() {
            modules.insert(
                format!("./snippets/{crate_identifier}/inline{index}.js"),
                source.clone(),
            );
        }
    }
    for (identifier, source) in output.local_modules() {
        modules.insert(format!("./snippets/{identifier}"), source.clone());
    }
    let inlined = inline::inline_imports(output.js(), &modules)?;
    // Imports the wasm takes straight from a snippet (no JS shim) are only looked up when
    // the module is instantiated: check them now, not in the browser.
    for import in output.wasm().imports.iter() {
        if let Some(exports) = inlined.exports.get(&import.module)
            && !exports.contains(&import.name)
        {
            bail!(
                "the wasm imports `{}` from `{}`, which does not export it (exports: {exports:?})",
                import.name,
                import.module
            );
        }
    }
    let js = loader::self_initialising(&inlined.js, BUNDLE_NAME)?;
    println!(
        "glue: {} bytes, {} module(s) inlined",
        js.len(),
        modules.len()
    );
    let wasm = output.wasm_mut().emit_wasm();
    Ok(Bundle {
        js,
        wasm,
        wasm_opt_flags,
    })
}

/// Runs npm's binaryen (Debian's is too old and breaks the module) from a staging copy
/// into `destination`, with exactly the features rustc compiled with.
fn optimise(workspace: &Workspace, bundle: &Bundle, destination: &Path) -> Result<()> {
    let staging = workspace
        .bundle_work_dir()
        .join(format!("{BUNDLE_NAME}.bindgen.wasm"));
    write(&staging, &bundle.wasm)?;
    process::run(
        process::command(workspace.node_bin("wasm-opt"), &workspace.root)
            .arg("-Oz")
            .args(&bundle.wasm_opt_flags)
            .args([
                "--strip-debug",
                "--strip-producers",
                "--strip-target-features",
            ])
            .arg(&staging)
            .arg("-o")
            .arg(destination),
    )
}

/// Compiles the final module with V8, the engine Chromium uses, so an invalid module
/// fails the build rather than the page.
fn validate(workspace: &Workspace, wasm: &Path) -> Result<()> {
    const SCRIPT: &str = "new WebAssembly.Module(require('fs').readFileSync(process.argv[1]))";
    process::run(
        process::command("node", &workspace.root)
            .args(["-e", SCRIPT])
            .arg(wasm),
    )
    .context("the bundle's wasm does not compile in node (V8)")
}

/// Empties `directory` (creating it if needed), so no stale file is ever published.
fn clean_directory(directory: &Path) -> Result<()> {
    if directory.exists() {
        fs::remove_dir_all(directory)
            .with_context(|| format!("removing {}", directory.display()))?;
    }
    fs::create_dir_all(directory).with_context(|| format!("creating {}", directory.display()))
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}
