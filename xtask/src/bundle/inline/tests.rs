//! Tests of the import inliner: aliases, several snippets, and refusals.

use super::*;

fn modules(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

const GLUE: &str = "\
import { makeGreeting as makeGreeting2, shout } from './snippets/widgets-0123/inline0.js';
import { defineHello } from './snippets/widgets-0123/src/element.js';

export function run() {
    defineHello(makeGreeting2(shout('x')));
}
const url = new URL('crm-widgets_bg.wasm', import.meta.url);
";

const INLINE0: &str = "\
const prefix = 'Hello';
function greet(name) { return prefix + ', ' + name; }
export { greet as makeGreeting };
export async function shout(text) { return text.toUpperCase(); }
";

const ELEMENT: &str = "\
// Defines the element.
export class Element {}
export function defineHello(text) {
    return text;
}
export const version = 2;
";

#[test]
fn inlines_every_snippet_with_aliases() {
    let modules = modules(&[
        ("./snippets/widgets-0123/inline0.js", INLINE0),
        ("./snippets/widgets-0123/src/element.js", ELEMENT),
    ]);
    let bundle = inline_imports(GLUE, &modules).unwrap().js;

    assert!(!bundle.contains("import {"), "{bundle}");
    assert!(!bundle.contains("export {"), "{bundle}");
    assert!(!bundle.contains("export async function shout"), "{bundle}");
    assert!(bundle.contains("async function shout(text)"), "{bundle}");
    assert!(bundle.contains("class Element {}"), "{bundle}");
    assert!(
        bundle.contains("return { makeGreeting: greet, shout };"),
        "{bundle}"
    );
    assert!(
        bundle.contains("const { makeGreeting: makeGreeting2, shout } = __crm_inlined_0;"),
        "{bundle}"
    );
    assert!(
        bundle.contains("return { Element, defineHello, version };"),
        "{bundle}"
    );
    assert!(
        bundle.contains("const { defineHello } = __crm_inlined_1;"),
        "{bundle}"
    );
    // The glue's own exports and non-import uses of `import` stay as they are.
    assert!(bundle.contains("export function run() {"), "{bundle}");
    assert!(bundle.contains("import.meta.url"), "{bundle}");
}

#[test]
fn inlined_bundle_runs_in_node() {
    let modules = modules(&[
        ("./snippets/widgets-0123/inline0.js", INLINE0),
        ("./snippets/widgets-0123/src/element.js", ELEMENT),
    ]);
    // Both snippets declare names that also exist in the glue (`prefix`, `greet`):
    // scoping must keep them apart.
    let glue = "\
import { makeGreeting as hello } from './snippets/widgets-0123/inline0.js';
import { defineHello, version } from './snippets/widgets-0123/src/element.js';
import { shout } from './snippets/widgets-0123/inline0.js';
import * as import1 from \"./snippets/widgets-0123/src/element.js\"
const prefix = 'glue';
function greet() { return 'glue greet'; }
const direct = import1.defineHello('direct');
console.log([hello('node'), defineHello(version), await shout(prefix), greet(), direct].join('|'));
";
    let bundle = inline_imports(glue, &modules).unwrap().js;
    let directory = std::env::temp_dir().join(format!("xtask-inline-test-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let script = directory.join("bundle.mjs");
    std::fs::write(&script, &bundle).unwrap();
    let output = std::process::Command::new("node")
        .arg(&script)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    assert!(
        output.status.success(),
        "{}\n{bundle}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "Hello, node|2|GLUE|glue greet|direct"
    );
    // The module imported twice is evaluated once.
    assert_eq!(
        bundle.matches("const __crm_inlined_").count(),
        2,
        "{bundle}"
    );
}

#[test]
fn namespace_imports_bind_the_whole_module() {
    let known = modules(&[(
        "./snippets/a/inline0.js",
        "export function a() {}\nexport const b = 1;\n",
    )]);
    let glue = "import * as import1 from \"./snippets/a/inline0.js\"\nconst imports = { './snippets/a/inline0.js': import1 };\n";
    let inlined = inline_imports(glue, &known).unwrap();
    let bundle = inlined.js;
    assert_eq!(inlined.exports["./snippets/a/inline0.js"], ["a", "b"]);
    assert!(bundle.contains("return { a, b };"), "{bundle}");
    assert!(
        bundle.contains("const import1 = __crm_inlined_0;"),
        "{bundle}"
    );
    assert!(!bundle.contains("import *"), "{bundle}");
}

#[test]
fn unresolvable_imports_fail() {
    let known = modules(&[("./snippets/a/inline0.js", "export function a() {}\n")]);
    let cases = [
        "import { b } from './snippets/a/inline1.js';",
        "import { b } from './snippets/a/inline0.js';",
        "import * as import1 from \"env\"",
        "import a from './snippets/a/inline0.js';",
        "import * from './snippets/a/inline0.js';",
        "import * as 1x from './snippets/a/inline0.js';",
        "import { 'a-b' as ab } from './snippets/a/inline0.js';",
    ];
    for glue in cases {
        assert!(inline_imports(glue, &known).is_err(), "accepted `{glue}`");
    }
}

#[test]
fn unsupported_snippets_fail() {
    let sources = [
        "import { x } from './other.js';\nexport function a() {}\n",
        "export default function a() {}\n",
        "export * from './other.js';\n",
        "export { a } from './other.js';\n",
        "export const { a } = { a: 1 };\n",
    ];
    for source in sources {
        let known = modules(&[("./snippets/a/inline0.js", source)]);
        let glue = "import { a } from './snippets/a/inline0.js';";
        assert!(
            inline_imports(glue, &known).is_err(),
            "accepted snippet `{source}`"
        );
    }
}

#[test]
fn multi_line_export_lists_are_read() {
    let source = "function one() {}\nconst two = 2;\nexport {\n    one,\n    two as deux,\n};\n";
    let module = scope_module(source).unwrap();
    let exports: Vec<(&str, &str)> = module
        .exports
        .iter()
        .map(|export| (export.exported.as_str(), export.local.as_str()))
        .collect();
    assert_eq!(exports, [("one", "one"), ("deux", "two")]);
    assert!(!module.body.contains("export"), "{}", module.body);
    assert!(!module.body.contains("deux"), "{}", module.body);
}

#[test]
fn dynamic_import_and_import_meta_are_not_imports() {
    assert!(
        parse_import("const m = import('./x.js');")
            .unwrap()
            .is_none()
    );
    assert!(
        parse_import("import('./x.js').then(run);")
            .unwrap()
            .is_none()
    );
    assert!(parse_import("import.meta.url").unwrap().is_none());
    assert!(parse_import("importScripts('x')").unwrap().is_none());
    let source = "export function a() { return import.meta.url; }\nimport('./lazy.js');\n";
    assert!(scope_module(source).is_ok());
}
