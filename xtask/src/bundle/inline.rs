//! Makes wasm-bindgen's glue one self-contained ES module: each
//! `import { a, b as c } from './snippets/…'` (or `import * as m from …`) line is replaced
//! by that snippet's source, with its `export` keywords removed, run once inside an arrow
//! function (so its top-level names cannot clash with the glue's or another snippet's),
//! whose returned exports are then bound to the names the glue uses.
//!
//! The rewriter is line-based, not a JavaScript parser: it relies on wasm-bindgen
//! writing one import per line, and on snippets starting each top-level `export` on its
//! own line. Whatever it cannot handle makes the build fail; it never guesses.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};

pub(crate) struct Inlined {
    /// The glue with every import replaced.
    pub(crate) js: String,
    /// Specifier → the names that module exports, to check the wasm's direct imports by.
    pub(crate) exports: BTreeMap<String, Vec<String>>,
}

/// `glue` with every import resolved from `modules` (import specifier → module source).
pub(crate) fn inline_imports(glue: &str, modules: &BTreeMap<String, String>) -> Result<Inlined> {
    let mut output =
        String::with_capacity(glue.len() + modules.values().map(String::len).sum::<usize>());
    // Specifier → (variable holding the module's exports, exported names).
    let mut inlined: BTreeMap<&str, (String, Vec<String>)> = BTreeMap::new();
    for line in glue.lines() {
        let Some(import) = parse_import(line)? else {
            output.push_str(line);
            output.push('\n');
            continue;
        };
        let specifier = import.specifier;
        if !inlined.contains_key(specifier) {
            let source = modules
                .get(specifier)
                .with_context(|| unresolved(line, specifier, modules))?;
            let module =
                scope_module(source).with_context(|| format!("cannot inline `{specifier}`"))?;
            let variable = format!("__crm_inlined_{}", inlined.len());
            let returned: Vec<String> = module
                .exports
                .iter()
                .map(|export| binding_text(&export.exported, &export.local))
                .collect();
            output.push_str(&format!(
                "// Inlined from {specifier} by `cargo xtask build`.\nconst {variable} = (() => {{\n{}return {{ {} }};\n}})();\n",
                module.body,
                returned.join(", ")
            ));
            let names = module
                .exports
                .into_iter()
                .map(|export| export.exported)
                .collect();
            inlined.insert(specifier, (variable, names));
        }
        let (variable, exported) = &inlined[specifier];
        match import.clause {
            // The glue hands a namespace to the wasm as an import object (wasm-bindgen links
            // imports that need no JS adapter directly); a plain object works the same.
            ImportClause::Namespace(name) => {
                output.push_str(&format!("const {name} = {variable};\n"))
            }
            ImportClause::Named(bindings) => {
                let mut texts = Vec::with_capacity(bindings.len());
                for binding in &bindings {
                    if !exported.iter().any(|name| name == binding.imported) {
                        bail!(
                            "`{specifier}` does not export `{}` (exports: {exported:?})",
                            binding.imported
                        );
                    }
                    texts.push(binding_text(binding.imported, binding.local));
                }
                output.push_str(&format!("const {{ {} }} = {variable};\n", texts.join(", ")));
            }
        }
    }
    let exports = inlined
        .into_iter()
        .map(|(specifier, (_, names))| (specifier.to_owned(), names))
        .collect();
    Ok(Inlined {
        js: output,
        exports,
    })
}

fn unresolved(line: &str, specifier: &str, modules: &BTreeMap<String, String>) -> String {
    let known: Vec<&str> = modules.keys().map(String::as_str).collect();
    format!(
        "cannot inline `{line}`: `{specifier}` is not a wasm-bindgen snippet or local module \
         (known: {known:?}); a wasm import from another module comes from an `extern` block \
         without #[wasm_bindgen] or an undefined symbol"
    )
}

struct Import<'a> {
    clause: ImportClause<'a>,
    specifier: &'a str,
}

enum ImportClause<'a> {
    /// `import { a, b as c } from …`
    Named(Vec<Binding<'a>>),
    /// `import * as name from …`
    Namespace(&'a str),
}

struct Binding<'a> {
    imported: &'a str,
    local: &'a str,
}

/// `Some` for a static `import { … } from '…'` or `import * as name from '…'` line, `None`
/// for any line that is not a static import (`import(…)` and `import.meta` included); an
/// error for other import forms.
fn parse_import(line: &str) -> Result<Option<Import<'_>>> {
    let Some(rest) = strip_keyword(line.trim(), "import") else {
        return Ok(None);
    };
    let rest = rest.trim_start();
    if rest.starts_with('(') || rest.starts_with('.') {
        return Ok(None);
    }
    let unsupported = || {
        format!(
            "unsupported import form `{line}`: expected `import {{ … }} from '…'` or `import * as name from '…'`"
        )
    };
    let (clause, after) = if let Some(list) = rest.strip_prefix('{') {
        let (list, after) = list.split_once('}').with_context(unsupported)?;
        (
            ImportClause::Named(parse_list(list).with_context(unsupported)?),
            after,
        )
    } else if let Some(namespace) = rest.strip_prefix('*') {
        let namespace = strip_keyword(namespace.trim_start(), "as").with_context(unsupported)?;
        let namespace = namespace.trim_start();
        let end = namespace
            .find(|character| !is_identifier_character(character))
            .unwrap_or(namespace.len());
        let (name, after) = namespace.split_at(end);
        if !is_identifier(name) {
            bail!(unsupported());
        }
        (ImportClause::Namespace(name), after)
    } else {
        bail!(unsupported());
    };
    let after = strip_keyword(after.trim_start(), "from").with_context(unsupported)?;
    let after = after.trim().trim_end_matches(';').trim_end();
    let specifier = ["'", "\""]
        .iter()
        .find_map(|quote| after.strip_prefix(quote)?.strip_suffix(quote))
        .with_context(unsupported)?;
    Ok(Some(Import { clause, specifier }))
}

struct Export {
    exported: String,
    local: String,
}

struct ScopedModule {
    body: String,
    exports: Vec<Export>,
}

/// The module's source without `export` keywords, and what it exported.
fn scope_module(source: &str) -> Result<ScopedModule> {
    let mut body = String::with_capacity(source.len());
    let mut exports = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(rest) = strip_keyword(trimmed, "import")
            && !(rest.trim_start().starts_with('(') || rest.starts_with('.'))
        {
            bail!("it imports another module (`{line}`); inlined modules must be self-contained");
        }
        let Some(rest) = strip_keyword(trimmed, "export") else {
            body.push_str(line);
            body.push('\n');
            continue;
        };
        let rest = rest.trim_start();
        if let Some(list) = rest.strip_prefix('{') {
            let mut statement = list.to_owned();
            while !statement.contains('}') {
                let next = lines
                    .next()
                    .with_context(|| format!("unterminated `{line}`"))?;
                statement.push(' ');
                statement.push_str(next);
            }
            let (list, after) = statement
                .split_once('}')
                .with_context(|| format!("bad `{line}`"))?;
            if !after.trim().trim_start_matches(';').trim().is_empty() {
                bail!("re-exports and code after `export {{ … }}` are not supported (`{line}`)");
            }
            for binding in
                parse_list(list).with_context(|| format!("bad export list in `{line}`"))?
            {
                // In an export list the local name comes first: `export { local as exported }`.
                exports.push(Export {
                    exported: binding.local.to_owned(),
                    local: binding.imported.to_owned(),
                });
            }
            body.push('\n');
            continue;
        }
        let name = declared_name(rest).with_context(|| format!("unsupported export `{line}`"))?;
        exports.push(Export {
            exported: name.to_owned(),
            local: name.to_owned(),
        });
        body.push_str(indent);
        body.push_str(rest);
        body.push('\n');
    }
    Ok(ScopedModule { body, exports })
}

/// The name a declaration introduces: `[async] function[*] name`, `class name`, or
/// `const|let|var name` (the first declarator only; destructuring is refused).
fn declared_name(declaration: &str) -> Result<&str> {
    let after_async = strip_keyword(declaration, "async").map_or(declaration, str::trim_start);
    let rest = if let Some(rest) = strip_keyword(after_async, "function") {
        rest.trim_start().trim_start_matches('*')
    } else if let Some(rest) = ["class", "const", "let", "var"]
        .iter()
        .find_map(|keyword| strip_keyword(declaration, keyword))
    {
        rest
    } else {
        bail!("only `export function|class|const|let|var name` and `export {{ … }}` are supported");
    };
    let rest = rest.trim_start();
    let end = rest
        .find(|character| !is_identifier_character(character))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    if !is_identifier(name) {
        bail!("expected a plain name (no default export, no destructuring)");
    }
    Ok(name)
}

/// `a, b as c` → bindings; each side must be a plain identifier (no string names).
fn parse_list(list: &str) -> Result<Vec<Binding<'_>>> {
    let mut bindings = Vec::new();
    for entry in list
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
    {
        let mut words = entry.split_whitespace();
        let binding = match (words.next(), words.next(), words.next(), words.next()) {
            (Some(name), None, None, None) => Binding {
                imported: name,
                local: name,
            },
            (Some(imported), Some("as"), Some(local), None) => Binding { imported, local },
            _ => bail!("cannot read `{entry}`"),
        };
        if !is_identifier(binding.imported) || !is_identifier(binding.local) {
            bail!("`{entry}` is not `name` or `name as other` with plain identifiers");
        }
        bindings.push(binding);
    }
    Ok(bindings)
}

/// An object-literal / destructuring entry: `name` or `key: value`.
fn binding_text(key: &str, value: &str) -> String {
    if key == value {
        key.to_owned()
    } else {
        format!("{key}: {value}")
    }
}

/// `text` after `keyword`, if it starts with that keyword as a whole word.
fn strip_keyword<'a>(text: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(keyword)?;
    match rest.chars().next() {
        Some(next) if is_identifier_character(next) => None,
        _ => Some(rest),
    }
}

fn is_identifier_character(character: char) -> bool {
    character.is_alphanumeric() || character == '_' || character == '$'
}

fn is_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| !first.is_ascii_digit() && is_identifier_character(first))
        && characters.all(is_identifier_character)
}

#[cfg(test)]
mod tests;
