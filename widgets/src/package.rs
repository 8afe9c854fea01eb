//! What `dist/` publishes about the elements, generated from their definitions:
//! `package.json`, the Custom Elements Manifest (`custom-elements.json`) and the
//! TypeScript declarations (`crm-widgets.d.ts`).
//!
//! The tags, observed attributes and properties come from each
//! [`ElementDefinition`], the events from [`CrmEvent`], the enumerations from the
//! contract, the CSS custom properties and their defaults from the stylesheets.
//! This module adds the words (descriptions, detail fields, parts) and its tests
//! fail when it and the definitions disagree. `cargo xtask package` writes the
//! files to `widgets/package/` (committed; a test compares them), and
//! `cargo xtask build` copies them into `dist/`. Compiled for the host only: none
//! of it ships in the wasm.

mod docs;
mod typescript;

use serde_json::{Value, json};

use docs::{ELEMENTS, ElementDoc, THEME_TOKENS};

/// The bundle's module, as `dist/` names it.
pub const MODULE: &str = "crm-widgets.js";

/// The package's files: `(file name, contents)`.
#[must_use]
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("package.json", package_json()),
        ("custom-elements.json", custom_elements_json()),
        ("crm-widgets.d.ts", typescript::declarations()),
    ]
}

fn pretty(value: &Value) -> String {
    // Serialising a `Value` cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn package_json() -> String {
    pretty(&json!({
        "name": "@crm-widgets/elements",
        "version": env!("CARGO_PKG_VERSION"),
        "description": env!("CARGO_PKG_DESCRIPTION"),
        "license": env!("CARGO_PKG_LICENSE"),
        "type": "module",
        "main": MODULE,
        "module": MODULE,
        "types": "crm-widgets.d.ts",
        "exports": {
            ".": { "types": "./crm-widgets.d.ts", "default": "./crm-widgets.js" },
            "./crm-widgets.wasm": "./crm-widgets.wasm",
            "./custom-elements.json": "./custom-elements.json",
            "./package.json": "./package.json"
        },
        "customElements": "custom-elements.json",
        "sideEffects": [MODULE],
        "files": [
            "crm-widgets.js", "crm-widgets.js.br", "crm-widgets.js.gz",
            "crm-widgets.wasm", "crm-widgets.wasm.br", "crm-widgets.wasm.gz",
            "crm-widgets.d.ts", "custom-elements.json"
        ]
    }))
}

/// `--crm-…` names used through `var()` in `css`, each with its fallback (the
/// default) when it has one, in order of first use.
fn custom_properties(css: &str) -> Vec<(String, Option<String>)> {
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    for (start, _) in css.match_indices("var(--crm-") {
        let rest = &css[start + "var(".len()..];
        let name_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let default = rest[name_end..].strip_prefix(',').map(|after| {
            let mut depth = 0_u32;
            let end = after
                .char_indices()
                .find(|&(_, c)| match c {
                    '(' => {
                        depth += 1;
                        false
                    }
                    ')' if depth == 0 => true,
                    ')' => {
                        depth -= 1;
                        false
                    }
                    _ => false,
                })
                .map_or(after.len(), |(index, _)| index);
            after[..end].trim().to_owned()
        });
        if !found.iter().any(|(known, _)| known == name) {
            found.push((name.to_owned(), default));
        }
    }
    found
}

/// The theme's tokens, then the element's own custom properties:
/// `(name, default, description)`.
fn css_properties(element: &ElementDoc) -> Vec<(String, Option<String>, &'static str)> {
    let theme = custom_properties(crate::element::THEME_CSS);
    let own = custom_properties(element.definition.styles);
    theme
        .into_iter()
        .chain(own)
        .map(|(name, default)| {
            let description = THEME_TOKENS
                .iter()
                .chain(element.css_properties)
                .find(|(known, _)| *known == name)
                .map_or("", |(_, description)| description);
            (name, default, description)
        })
        .collect()
}

/// `api-base` → `apiBase`: the property reflecting an attribute.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn element_json(element: &ElementDoc) -> Value {
    let attributes: Vec<_> = docs::COMMON
        .iter()
        .chain(element.attributes)
        .map(|attribute| {
            json!({
                "name": attribute.name,
                "description": attribute.description,
                "type": { "text": format!("{} | null", attribute.ty) },
                "fieldName": camel_case(attribute.name),
            })
        })
        .collect();
    let members: Vec<_> = docs::COMMON
        .iter()
        .chain(element.attributes)
        .map(|attribute| {
            json!({
                "kind": "field",
                "name": camel_case(attribute.name),
                "description": attribute.description,
                "type": { "text": format!("{} | null", attribute.ty) },
                "attribute": attribute.name,
                "reflects": true,
            })
        })
        .chain(element.properties.iter().map(|property| {
            json!({
                "kind": "field",
                "name": camel_case(property.name),
                "description": property.description,
                "type": { "text": format!("{} | undefined", property.ty) },
            })
        }))
        .collect();
    let events: Vec<_> = element
        .events
        .iter()
        .map(|event| {
            json!({
                "name": event.event.name(),
                "description": event.description,
                "type": { "text": format!("CustomEvent<{}>", event.detail) },
            })
        })
        .collect();
    let parts: Vec<_> = element
        .parts
        .iter()
        .map(|(name, description)| json!({ "name": name, "description": description }))
        .collect();
    let css_properties: Vec<_> = css_properties(element)
        .into_iter()
        .map(|(name, default, description)| {
            let mut property = json!({ "name": name, "description": description });
            if let Some(default) = default {
                property["default"] = json!(default);
            }
            property
        })
        .collect();
    json!({
        "kind": "class",
        "name": element.class,
        "tagName": element.definition.tag,
        "customElement": true,
        "description": element.summary,
        "attributes": attributes,
        "members": members,
        "events": events,
        "cssParts": parts,
        "cssProperties": css_properties,
        // Everything renders in the shadow root: no element takes light-DOM children.
        "slots": [],
        "superclass": { "name": "HTMLElement" },
    })
}

fn custom_elements_json() -> String {
    let mut declarations: Vec<Value> = ELEMENTS.iter().map(element_json).collect();
    declarations.push(json!({
        "kind": "function",
        "name": "configure",
        "description": docs::CONFIGURE,
        "parameters": [{ "name": "options", "type": { "text": "CrmConfiguration" } }],
        "return": { "type": { "text": "void" } },
    }));
    let mut exports: Vec<Value> = ELEMENTS
        .iter()
        .map(|element| {
            json!({
                "kind": "custom-element-definition",
                "name": element.definition.tag,
                "declaration": { "name": element.class, "module": MODULE },
            })
        })
        .collect();
    exports.push(json!({
        "kind": "js",
        "name": "configure",
        "declaration": { "name": "configure", "module": MODULE },
    }));
    pretty(&json!({
        "schemaVersion": "2.1.0",
        "modules": [{
            "kind": "javascript-module",
            "path": MODULE,
            "declarations": declarations,
            "exports": exports,
        }],
    }))
}

#[cfg(test)]
mod tests;
