//! The wasm-bindgen runtime crate (in the wasm) and the in-process bindgen
//! (wasm-bindgen-cli-support) must be the very same version: their schema must match.

use std::path::Path;

use anyhow::{Context, Result, bail};

pub(crate) fn check_wasm_bindgen_versions(root: &Path) -> Result<()> {
    let path = root.join("Cargo.lock");
    let lock =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let runtime = locked_versions(&lock, "wasm-bindgen");
    let bindgen = locked_versions(&lock, "wasm-bindgen-cli-support");
    match (runtime.as_slice(), bindgen.as_slice()) {
        ([runtime], [bindgen]) if runtime == bindgen => {
            println!("wasm-bindgen {runtime} = wasm-bindgen-cli-support {bindgen}");
            Ok(())
        }
        _ => bail!(
            "Cargo.lock has wasm-bindgen {runtime:?} but xtask's wasm-bindgen-cli-support \
             {bindgen:?}; they must be one and the same version. Pin both with `=x.y.z` in the \
             root Cargo.toml [workspace.dependencies] and run `cargo update -p wasm-bindgen`"
        ),
    }
}

/// Every version of package `name` in a Cargo.lock.
fn locked_versions<'a>(lock: &'a str, name: &str) -> Vec<&'a str> {
    let name_line = format!("name = \"{name}\"");
    lock.split("[[package]]")
        .filter(|package| package.lines().any(|line| line.trim() == name_line))
        .filter_map(|package| {
            package
                .lines()
                .find_map(|line| line.trim().strip_prefix("version = \"")?.strip_suffix('"'))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-cli-support"
version = "0.2.131"

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
"#;

    #[test]
    fn finds_versions_by_exact_name() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(
            locked_versions(LOCK, "wasm-bindgen-cli-support"),
            ["0.2.131"]
        );
        assert!(locked_versions(LOCK, "leptos").is_empty());
    }

    #[test]
    fn mismatch_is_an_error() {
        let directory =
            std::env::temp_dir().join(format!("xtask-lock-test-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        std::fs::write(directory.join("Cargo.lock"), LOCK).unwrap();
        let mismatch = check_wasm_bindgen_versions(&directory);
        std::fs::write(
            directory.join("Cargo.lock"),
            LOCK.replace("0.2.131", "0.2.130"),
        )
        .unwrap();
        let matching = check_wasm_bindgen_versions(&directory);
        std::fs::remove_dir_all(&directory).unwrap();
        assert!(mismatch.unwrap_err().to_string().contains("0.2.131"));
        matching.unwrap();
    }
}
