//! Form fields the widgets' editors share: a label, the control, and the field's
//! error in the user's language, tied together for screen readers. Errors come
//! from the contract's own validation (the rules the server applies), so a form
//! never sends what the server would refuse.

use std::sync::atomic::{AtomicU32, Ordering};

use contract::problem::FieldError;
use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::use_i18n;

/// An id unique in the page, for `for`/`aria-describedby` pairs.
pub(crate) fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    [
        prefix,
        "-",
        &NEXT.fetch_add(1, Ordering::Relaxed).to_string(),
    ]
    .concat()
}

/// A contract error message in the user's language (the server's words when
/// the message is not one the widgets know).
pub(crate) fn error_message(i18n: I18n, message: &str) -> String {
    let known = match message {
        "must not be empty" => Some(Text::FieldEmpty),
        "must be a web address such as https://example.com" => Some(Text::FieldWebsite),
        "must be an e-mail address" => Some(Text::FieldEmail),
        "must be a phone number such as +49 40 1234567" => Some(Text::FieldPhone),
        "is email, but there is no e-mail address" => Some(Text::FieldChannelEmail),
        "is phone, but there is no phone number" => Some(Text::FieldChannelPhone),
        "is a duplicate" => Some(Text::FieldDuplicate),
        crate::customer_card::COUNTRY_MESSAGE => Some(Text::FieldCountry),
        crate::customer_card::PAST_DATE_MESSAGE => Some(Text::FieldPastDate),
        crate::customer_card::NO_DATE_MESSAGE => Some(Text::FieldNoDate),
        "is not an active user of your company" => Some(Text::FieldNotUser),
        "must be you: sales reps import customers they own" => Some(Text::FieldMustBeYou),
        "must be a customer id (a UUID)" => Some(Text::FieldUuid),
        "the file is empty" => Some(Text::FileEmpty),
        "the file has no customers" => Some(Text::FileNoCustomers),
        "a quoted cell is not closed" => Some(Text::FileOpenQuote),
        "the header has no such column" => Some(Text::FileNoColumn),
        crate::quote_builder::NOT_A_NUMBER => Some(Text::FieldNumber),
        crate::quote_builder::NOT_WHOLE => Some(Text::FieldWhole),
        "must be more than zero" => Some(Text::FieldMoreThanZero),
        "must be a percentage from 0 to 100" => Some(Text::FieldPercent),
        "must not be negative" => Some(Text::FieldNegative),
        "must not exceed the amount it discounts" => Some(Text::FieldExceedsAmount),
        "must have at least one line" => Some(Text::FieldAtLeastOneLine),
        "is required for open account" => Some(Text::FieldNetDays),
        "must be 6 to 10 digits, optionally dotted, e.g. 9405.42" => Some(Text::FieldHsCode),
        "must not be in the past" => Some(Text::FieldPastDate),
        _ => None,
    };
    if let Some(text) = known {
        return i18n.text(text).to_owned();
    }
    let count = |prefix: &str, suffix: &str| {
        message
            .strip_prefix(prefix)?
            .strip_suffix(suffix)?
            .parse::<u64>()
            .ok()
    };
    if let Some(max) = count("must have at most ", " characters") {
        return i18n.format(
            Text::FieldTooLong,
            &[("max", &intl::count(i18n.language(), max))],
        );
    }
    if let Some((digits, currency)) = message
        .strip_prefix("must have at most ")
        .and_then(|rest| rest.split_once(" decimals in "))
    {
        return i18n.format(
            Text::FieldDecimals,
            &[("digits", digits), ("currency", currency)],
        );
    }
    if let Some(max) = message
        .strip_prefix("must be at most ")
        .and_then(|max| max.parse::<rust_decimal::Decimal>().ok())
    {
        return i18n.format(
            Text::FieldAtMost,
            &[("max", &intl::decimal(i18n.language(), max))],
        );
    }
    if let Some(choices) = message.strip_prefix("must be one of ") {
        return i18n.format(Text::FieldOneOf, &[("choices", choices)]);
    }
    if let Some(max) = count("must have at most ", " tags")
        .or_else(|| count("must have at most ", " addresses"))
        .or_else(|| count("must have at most ", " numbers"))
    {
        return i18n.format(
            Text::FieldTooMany,
            &[("max", &intl::count(i18n.language(), max))],
        );
    }
    message.to_owned()
}

/// The first error of `errors` on `field` or inside it (`/emails` takes
/// `/emails/1`), in the user's language.
pub(crate) fn error_of(i18n: I18n, errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| {
            error.field == field
                || error
                    .field
                    .strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .map(|error| error_message(i18n, &error.message))
}

/// The errors of a form, as the last attempt to save found them.
pub(crate) type FormErrors = RwSignal<Vec<FieldError>>;

/// A labelled text input (or text area) bound to `value`, with the error of
/// `field` from `errors`.
#[component]
pub(crate) fn TextField(
    label: Text,
    test_id: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    /// The JSON pointer of the field in the request.
    field: &'static str,
    /// The input's type (`text` when empty).
    #[prop(optional)]
    kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] hint: Option<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = unique_id("field");
    let error_id = [id.as_str(), "-error"].concat();
    let hint_id = [id.as_str(), "-hint"].concat();
    let error = Memo::new(move |_| errors.with(|errors| error_of(i18n, errors, field)));
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let input = move |event| value.set(event_target_value(&event));
    let input_type = if kind.is_empty() { "text" } else { kind };
    let control = if multiline {
        view! {
            <textarea class="control" id=id.clone() data-test=test_id rows="3" dir="auto"
                aria-invalid=invalid aria-describedby=described.clone()
                prop:value=move || value.get() on:input=input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="control" id=id.clone() data-test=test_id dir="auto"
                type=input_type
                aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=input />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.text(label)}</label>
            {control}
            {hint.map(|hint| view! { <span class="field-hint muted" id=hint_id.clone()>{move || i18n.text(hint)}</span> })}
            {move || error.get().map(|message| view! {
                <span class="field-error" id=error_id.clone() role="alert" data-test="field-error">{message}</span>
            })}
        </div>
    }
}

/// A labelled select of `choices` bound to `value`; `none` names the empty
/// choice when there is one.
#[component]
pub(crate) fn SelectField<T>(
    label: Text,
    test_id: &'static str,
    choices: Vec<T>,
    value: RwSignal<Option<T>>,
    wire: fn(T) -> &'static str,
    name: fn(T, contract::language::Language) -> &'static str,
    #[prop(optional)] none: Option<Text>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let id = unique_id("field");
    let options = choices.clone();
    let change = move |event: leptos::ev::Event| {
        let picked = event_target_value(&event);
        value.set(
            choices
                .iter()
                .copied()
                .find(|choice| wire(*choice) == picked),
        );
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.text(label)}</label>
            <select class="control" id=id data-test=test_id on:change=change
                prop:value=move || value.get().map(wire).unwrap_or_default()>
                {none.map(|none| view! { <option value="">{move || i18n.text(none)}</option> })}
                {options.into_iter().map(|choice| view! {
                    <option value=wire(choice) selected=move || value.get() == Some(choice)>
                        {move || name(choice, i18n.language())}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Save and Cancel at the foot of a form.
#[component]
pub(crate) fn FormActions(
    save: Text,
    test_id: &'static str,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-actions">
            <button class="button primary" type="submit" data-test=test_id>{move || i18n.text(save)}</button>
            <button class="button" type="button" data-test="form-cancel" on:click=move |_| on_cancel.run(())>
                {move || i18n.text(Text::Cancel)}
            </button>
        </div>
    }
}

/// A form's keydown handler: Escape cancels it, as its Cancel button does.
pub(crate) fn escape_cancels(on_cancel: Callback<()>) -> impl Fn(leptos::ev::KeyboardEvent) {
    move |event| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            on_cancel.run(());
        }
    }
}

/// The button that opens a form to add something.
#[component]
pub(crate) fn AddButton(
    label: Text,
    test_id: &'static str,
    on_click: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button class="button" type="button" data-test=test_id on:click=move |_| on_click.run(())>
            {move || i18n.text(label)}
        </button>
    }
}

/// Splits a list typed as lines or commas ("a@x.com, b@y.com") into its items.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `text` trimmed, `None` when empty.
pub(crate) fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_commas_semicolons_and_lines() {
        assert_eq!(
            split_list(" a@x.com, b@y.com;\nc@z.com ,, "),
            ["a@x.com", "b@y.com", "c@z.com"]
        );
        assert!(split_list("  ").is_empty());
        assert_eq!(optional("  x "), Some("x".to_owned()));
        assert_eq!(optional(" "), None);
    }

    #[test]
    fn errors_inside_a_field_belong_to_it() {
        let errors = vec![FieldError {
            field: "/emails/1".into(),
            message: "must be an e-mail address".into(),
        }];
        let i18n = I18n::new(Signal::stored(contract::language::Language::English));
        let owner = Owner::new();
        owner.with(|| {
            assert_eq!(
                error_of(i18n, &errors, "/emails").as_deref(),
                Some(i18n.text(Text::FieldEmail))
            );
            assert_eq!(error_of(i18n, &errors, "/email"), None);
            assert_eq!(error_of(i18n, &errors, "/name"), None);
        });
    }

    #[test]
    fn every_message_of_the_contracts_customer_rules_is_translated() {
        use contract::customer::{
            BuyingRole, ContactChannel, ContactInput, CustomerPatch, NewActivity,
        };
        let contact = ContactInput {
            name: " ".into(),
            title: None,
            buying_role: BuyingRole::Other,
            emails: vec!["nope".into()],
            phones: vec!["call me".into()],
            messengers: vec![],
            language: None,
            preferred_channel: Some(ContactChannel::Phone),
            do_not_contact: false,
        };
        let patch = CustomerPatch {
            website: Some(Some("not a site".into())),
            tags: Some(vec!["a".into(), "a".into()]),
            ..CustomerPatch::default()
        };
        let activity = NewActivity {
            kind: contract::customer::ActivityKind::Note,
            body: String::new(),
            occurred_at: None,
        };
        let errors: Vec<FieldError> = [contact.validate(), patch.validate(), activity.validate()]
            .into_iter()
            .filter_map(Result::err)
            .flatten()
            .collect();
        assert!(errors.len() >= 6, "{errors:?}");
        let owner = Owner::new();
        owner.with(|| {
            let i18n = I18n::new(Signal::stored(
                contract::language::Language::SimplifiedChinese,
            ));
            for error in &errors {
                let shown = error_message(i18n, &error.message);
                assert!(
                    shown
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{} is not translated: {shown}",
                    error.message
                );
            }
        });
    }
}
