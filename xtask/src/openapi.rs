//! `cargo xtask openapi`: writes the API's OpenAPI document, as `api-stub openapi`
//! prints it, to `contract/openapi.json`. api-stub's test `openapi::` fails when the
//! committed file differs from what the server serves.

use std::fs;

use anyhow::{Context, Result};

use crate::process;
use crate::workspace::Workspace;

/// Where the document is committed, relative to the workspace root.
pub(crate) const DOCUMENT: &str = "contract/openapi.json";

pub(crate) fn write(workspace: &Workspace) -> Result<()> {
    let printed = process::output(process::cargo(&workspace.root).args([
        "run", "--quiet", "--locked", "-p", "api-stub", "--", "openapi",
    ]))?;
    let text = normalise(&printed)?;
    let path = workspace.root.join(DOCUMENT);
    let unchanged = fs::read_to_string(&path).is_ok_and(|current| current == text);
    if unchanged {
        println!("{DOCUMENT}: up to date");
        return Ok(());
    }
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    println!("{DOCUMENT}: written");
    Ok(())
}

/// The document as committed: api-stub's pretty JSON (its order follows the code, so
/// it is stable), checked to parse, with exactly one final newline.
fn normalise(printed: &str) -> Result<String> {
    let value: serde_json::Value =
        serde_json::from_str(printed).context("`api-stub openapi` printed invalid JSON")?;
    anyhow::ensure!(
        value.get("openapi").and_then(serde_json::Value::as_str) == Some("3.1.0"),
        "`api-stub openapi` printed no OpenAPI 3.1.0 document"
    );
    Ok([printed.trim_end(), "\n"].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_end_in_one_newline_and_must_be_openapi_3_1() {
        assert_eq!(
            normalise("{\"openapi\": \"3.1.0\"}\n\n").unwrap(),
            "{\"openapi\": \"3.1.0\"}\n"
        );
        assert!(normalise("{\"openapi\": \"3.0.3\"}").is_err());
        assert!(normalise("not json").is_err());
    }
}
