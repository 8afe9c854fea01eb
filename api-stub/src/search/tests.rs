//! The search module's rendering and tokenizing, without a database.

use super::*;

#[test]
fn han_and_kana_are_indexed_one_character_per_token() {
    assert_eq!(search_text("LED面板灯"), "LED 面  板  灯 ");
    assert_eq!(search_text("Müller"), "Müller");
}

fn fts5(words: &str) -> Option<String> {
    Terms::typed(words).map(|terms| terms.fts5())
}

#[test]
fn typed_searches_quote_every_word_and_prefix_the_last() {
    assert_eq!(fts5("led panel").as_deref(), Some("\"led\" \"panel\"*"));
    assert_eq!(
        fts5("NEAR(a b) OR \"x").as_deref(),
        Some("\"NEAR(a\" \"b)\" \"OR\" \"\"\"x\"*")
    );
    assert_eq!(fts5("面板灯").as_deref(), Some("\" 面  板  灯 \""));
    assert_eq!(
        fts5("k.mueller@mueller-handels.de").as_deref(),
        Some("\"k.mueller@mueller-handels.de\"*")
    );
    assert_eq!(fts5("  !!! ... ?? "), None);
    assert_eq!(fts5(""), None);
}

#[test]
fn postgres_queries_are_the_same_phrases_of_the_same_tokens() {
    let tsquery = |words: &str| Terms::typed(words).map(|terms| terms.tsquery());
    assert_eq!(
        tsquery("LED panel").as_deref(),
        Some("('led') & ('panel':*)")
    );
    assert_eq!(
        tsquery("NEAR(a 'x").as_deref(),
        Some("('near' <-> 'a') & ('x':*)")
    );
    assert_eq!(
        tsquery("面板灯").as_deref(),
        Some("('面' <-> '板' <-> '灯')")
    );
    assert_eq!(
        tsquery("k.mueller@mueller-handels.de").as_deref(),
        Some("('k' <-> 'mueller' <-> 'mueller' <-> 'handels' <-> 'de':*)")
    );
    let mut errors = FieldErrors::default();
    let terms = Terms::parameter("Müll GmbH", "q", &mut errors);
    assert_eq!(
        terms.map(|terms| terms.tsquery()).as_deref(),
        Some("('mull':*) & ('gmbh':*)")
    );
}

#[test]
fn parameter_words_become_quoted_prefixes() {
    let fts5 =
        |text: &str| Terms::parameter(text, "q", &mut FieldErrors::new()).map(|terms| terms.fts5());
    assert_eq!(
        fts5("  Müller   handels ").as_deref(),
        Some("\"Müller\"* \"handels\"*")
    );
    assert_eq!(
        fts5("name:x OR \"y").as_deref(),
        Some("\"name:x\"* \"OR\"* \"\"\"y\"*")
    );
    assert_eq!(fts5("* ( ) -"), None);
    assert_eq!(fts5(""), None);
}

#[test]
fn parameters_are_checked() {
    let mut errors = FieldErrors::default();
    assert!(Terms::parameter("?!", "q", &mut errors).is_none());
    assert!(Terms::parameter(&"a ".repeat(13), "q", &mut errors).is_none());
    assert!(Terms::parameter(&"a".repeat(201), "q", &mut errors).is_none());
    assert_eq!(errors.finish().map_err(|errors| errors.len()), Err(3));
}

#[test]
fn documents_keep_fields_apart_and_fold_like_unicode61() {
    assert_eq!(
        document(&["Café LED", "led-panel", ""]),
        "'cafe':1 'led':2,4 'panel':5"
    );
    assert_eq!(document(&[" 面  板 "]), "'板':2 '面':1");
    assert_eq!(document(&["", ""]), "");
    assert_eq!(document(&["it's"]), "'it':1 's':2");
}
