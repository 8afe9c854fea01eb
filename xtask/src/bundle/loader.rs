//! Makes the glue load `<name>.wasm` (not wasm-bindgen's `<name>_bg.wasm`) next to
//! itself and instantiate it on its own, so one `<script type="module">` tag is enough
//! and an importer's `import { configure } from '…'` resolves only once the exports work.

use anyhow::{Result, bail};

/// Rewrites the `--target web` glue generated with `out_name(name)` and
/// `omit_default_module_path(false)`.
pub(crate) fn self_initialising(glue: &str, name: &str) -> Result<String> {
    let generated_path = format!("new URL('{name}_bg.wasm', import.meta.url)");
    let wasm_url = format!("new URL('{name}.wasm', import.meta.url)");
    match glue.matches(&generated_path).count() {
        1 => {}
        count => bail!(
            "expected wasm-bindgen's glue to contain `{generated_path}` once, found it {count} \
             times; has the generated loader changed?"
        ),
    }
    for expected in [
        "async function __wbg_init(module_or_path",
        "__wbg_init as default",
    ] {
        if !glue.contains(expected) {
            bail!("wasm-bindgen's glue lacks `{expected}`; has the generated loader changed?");
        }
    }
    let mut module = glue.replacen(&generated_path, &wasm_url, 1);
    if !module.ends_with('\n') {
        module.push('\n');
    }
    module.push_str(&format!(
        "\n// Added by `cargo xtask build`: instantiate the wasm while this module evaluates, so\n\
         // the exports above work as soon as an importer's `import` resolves.\n\
         await __wbg_init({{ module_or_path: {wasm_url} }});\n"
    ));
    Ok(module)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "\
async function __wbg_init(module_or_path) {
    if (module_or_path === undefined) {
        module_or_path = new URL('crm-widgets_bg.wasm', import.meta.url);
    }
}
export { initSync, __wbg_init as default };";

    #[test]
    fn points_at_the_renamed_wasm_and_initialises() {
        let module = self_initialising(GLUE, "crm-widgets").unwrap();
        assert!(!module.contains("_bg.wasm"), "{module}");
        assert!(module.contains("module_or_path = new URL('crm-widgets.wasm', import.meta.url);"));
        assert!(module.ends_with(
            "await __wbg_init({ module_or_path: new URL('crm-widgets.wasm', import.meta.url) });\n"
        ));
    }

    #[test]
    fn unexpected_glue_is_refused() {
        assert!(self_initialising(GLUE, "other-name").is_err());
        assert!(self_initialising("export function configure() {}", "crm-widgets").is_err());
        let twice = format!("{GLUE}\nnew URL('crm-widgets_bg.wasm', import.meta.url)");
        assert!(self_initialising(&twice, "crm-widgets").is_err());
    }
}
