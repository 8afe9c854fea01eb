use std::collections::BTreeSet;

use super::docs::{COMMON, ELEMENTS, THEME_TOKENS};
use super::*;
use crate::element::{COMMON_ATTRIBUTES, CrmEvent};

fn names<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    items.into_iter().collect()
}

#[test]
fn every_observed_attribute_and_property_is_documented_and_nothing_else() {
    assert_eq!(
        names(COMMON.iter().map(|member| member.name)),
        COMMON_ATTRIBUTES.to_vec()
    );
    for element in &ELEMENTS {
        let definition = element.definition;
        assert_eq!(
            names(element.attributes.iter().map(|member| member.name)),
            definition.attributes.to_vec(),
            "{}",
            definition.tag
        );
        assert_eq!(
            names(element.properties.iter().map(|member| member.name)),
            definition.properties.to_vec(),
            "{}",
            definition.tag
        );
    }
}

#[test]
fn every_event_belongs_to_exactly_one_element() {
    for event in CrmEvent::ALL {
        let owners = ELEMENTS
            .iter()
            .filter(|element| element.events.iter().any(|doc| doc.event == event))
            .count();
        assert_eq!(owners, 1, "{}", event.name());
    }
}

#[test]
fn every_custom_property_in_the_stylesheets_is_documented_and_nothing_else() {
    let theme: BTreeSet<String> = custom_properties(crate::element::THEME_CSS)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let documented: BTreeSet<String> = THEME_TOKENS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    assert_eq!(theme, documented);
    for element in &ELEMENTS {
        let own: BTreeSet<String> = custom_properties(element.definition.styles)
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| !theme.contains(name))
            .collect();
        let documented: BTreeSet<String> = element
            .css_properties
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        assert_eq!(own, documented, "{}", element.definition.tag);
        assert!(
            css_properties(element)
                .iter()
                .all(|(_, _, description)| !description.is_empty())
        );
    }
}

#[test]
fn custom_properties_are_read_with_their_fallbacks() {
    let css = "a { color: var(--crm-color-text, light-dark(#000, #fff)); \
               font: var(--crm-font-family); height: var(--crm-h,36rem) }";
    assert_eq!(
        custom_properties(css),
        vec![
            (
                "--crm-color-text".to_owned(),
                Some("light-dark(#000, #fff)".to_owned())
            ),
            ("--crm-font-family".to_owned(), None),
            ("--crm-h".to_owned(), Some("36rem".to_owned())),
        ]
    );
    assert_eq!(camel_case("api-base"), "apiBase");
    assert_eq!(camel_case("for"), "for");
}

#[test]
fn the_readme_names_every_attribute_property_event_part_and_custom_property() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let mut missing = Vec::new();
    for element in &ELEMENTS {
        let mut names: Vec<String> = COMMON
            .iter()
            .chain(element.attributes)
            .chain(element.properties)
            .map(|member| member.name.to_owned())
            .chain(
                element
                    .events
                    .iter()
                    .map(|event| event.event.name().to_owned()),
            )
            .chain(element.parts.iter().map(|(name, _)| (*name).to_owned()))
            .collect();
        names.extend(css_properties(element).into_iter().map(|(name, _, _)| name));
        for name in names {
            if !readme.contains(&format!("`{name}`")) {
                missing.push(format!("{}: {name}", element.definition.tag));
            }
        }
    }
    assert!(missing.is_empty(), "README.md does not name {missing:?}");
}

#[test]
fn the_committed_package_files_are_the_generated_ones() {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/package");
    for (name, generated) in files() {
        let committed = std::fs::read_to_string(format!("{directory}/{name}")).unwrap_or_default();
        assert!(
            committed == generated,
            "widgets/package/{name} differs from what the elements' definitions generate: \
             run `cargo xtask package` and commit the result"
        );
    }
}

#[test]
fn the_manifest_declares_each_element_with_its_tag_and_exports() {
    let manifest: Value = serde_json::from_str(&custom_elements_json()).unwrap();
    let module = &manifest["modules"][0];
    assert_eq!(module["path"], MODULE);
    for element in &ELEMENTS {
        let declaration = module["declarations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|declaration| declaration["tagName"] == element.definition.tag)
            .unwrap();
        assert_eq!(declaration["name"], element.class);
        assert_eq!(
            declaration["attributes"].as_array().unwrap().len(),
            COMMON.len() + element.attributes.len()
        );
        assert!(module["exports"].as_array().unwrap().iter().any(|export| {
            export["kind"] == "custom-element-definition"
                && export["name"] == element.definition.tag
        }));
    }
    let declarations = typescript::declarations();
    for element in &ELEMENTS {
        assert!(declarations.contains(&format!(
            "'{}': {}Element;",
            element.definition.tag, element.class
        )));
    }
}
