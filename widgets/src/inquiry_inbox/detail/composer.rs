//! The reply box of the detail pane: templates filled for the buyer, the
//! buyer's language shown, Ctrl+Enter sends (through the outbox, so offline
//! too), and the draft kept in localStorage so that a reload loses nothing.

use contract::ids::InquiryId;
use contract::inquiry::NewReply;
use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::inquiry_inbox::InboxState;
use crate::intl;
use crate::ui::use_i18n;

/// The reply templates: their name and text (with `{name}` and `{product}`).
const TEMPLATES: [(Text, Text); 3] = [
    (Text::TemplateThanksName, Text::TemplateThanks),
    (Text::TemplateDetailsName, Text::TemplateDetails),
    (Text::TemplateSampleName, Text::TemplateSample),
];

/// Where the draft of a reply is kept, so that a reload or a crash loses
/// nothing typed.
fn draft_key(id: InquiryId) -> String {
    ["crm-widgets:reply-draft:", &id.to_string()].concat()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_draft(id: InquiryId) -> String {
    storage()
        .and_then(|storage| storage.get_item(&draft_key(id)).ok().flatten())
        .unwrap_or_default()
}

fn save_draft(id: InquiryId, text: &str) {
    if let Some(storage) = storage() {
        let result = if text.is_empty() {
            storage.remove_item(&draft_key(id))
        } else {
            storage.set_item(&draft_key(id), text)
        };
        if result.is_err() {
            web_sys::console::warn_1(&"[crm-widgets] the reply draft could not be kept".into());
        }
    }
}

/// Whom a reply goes to, for the composer.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Addressee {
    pub(super) id: InquiryId,
    /// The person.
    pub(super) name: String,
    /// The company, or the person without one.
    pub(super) display_name: String,
    /// The product asked about, else the subject.
    pub(super) product: String,
    /// The buyer's language (BCP 47), when known.
    pub(super) language: Option<String>,
}

/// Fills a template for `addressee`.
fn fill_template(i18n: I18n, template: Text, addressee: &Addressee) -> String {
    i18n.format(
        template,
        &[("name", &addressee.name), ("product", &addressee.product)],
    )
}

/// The reply box: templates, the buyer's language, Ctrl+Enter sends. Works
/// offline: the reply waits in the outbox.
#[component]
pub(super) fn Composer(addressee: Addressee, state: InboxState) -> impl IntoView {
    let i18n = use_i18n();
    let id = addressee.id;
    let text = RwSignal::new(load_draft(id));
    let language = addressee.language.clone();
    let name = addressee.display_name.clone();
    let too_long = Memo::new(move |_| text.with(|text| text.chars().count() > NewReply::MAX_CHARS));
    let can_send = Memo::new(move |_| text.with(|text| !text.trim().is_empty()) && !too_long.get());
    let announce_name = name.clone();
    let send = Callback::new(move |()| {
        if !can_send.get_untracked() {
            return;
        }
        let body = text.get_untracked().trim().to_owned();
        state.data.layer_untracked().reply(id, body);
        text.set(String::new());
        save_draft(id, "");
        state
            .announce
            .run(i18n.format(Text::AnnounceReplyQueued, &[("name", &announce_name)]));
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send.run(());
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            send.run(());
        }
    };
    let on_template = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if let Some((_, template)) = value
            .parse::<usize>()
            .ok()
            .and_then(|index| TEMPLATES.get(index))
        {
            let filled = fill_template(i18n, *template, &addressee);
            text.update(|text| {
                if !text.trim().is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&filled);
            });
            save_draft(id, &text.get_untracked());
        }
    };
    view! {
        <form class="detail-section composer" data-test="composer" on:submit=on_submit>
            <label class="section-title" for="reply-body">{move || i18n.format(Text::ReplyLabel, &[("name", &name)])}</label>
            <div class="composer-tools">
                <select class="control" data-test="reply-template" aria-label=move || i18n.text(Text::ReplyTemplate) on:change=on_template prop:value="">
                    <option value="" selected=true>{move || i18n.text(Text::ReplyTemplate)}</option>
                    {TEMPLATES.into_iter().enumerate().map(|(index, (label, _))| view! {
                        <option value=index.to_string()>{move || i18n.text(label)}</option>
                    }).collect_view()}
                </select>
                {language.map(|code| view! {
                    <span class="muted" data-test="buyer-language">
                        {move || i18n.format(Text::ReplyBuyerLanguage, &[("language", &intl::language_name(i18n.language(), &code))])}
                    </span>
                })}
            </div>
            <textarea
                id="reply-body"
                class="control reply-body"
                data-test="reply-body"
                rows="5"
                dir="auto"
                placeholder=move || i18n.text(Text::ReplyPlaceholder)
                aria-invalid=move || if too_long.get() { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |event| {
                    let value = event_target_value(&event);
                    save_draft(id, &value);
                    text.set(value);
                }
                on:keydown=on_keydown
            />
            <Show when=move || too_long.get()>
                <p class="field-error" role="alert">{move || i18n.format(Text::ReplyTooLong, &[("max", &intl::count(i18n.language(), NewReply::MAX_CHARS as u64))])}</p>
            </Show>
            <div class="composer-actions">
                <button class="button primary" type="submit" data-test="send-reply" disabled=move || !can_send.get()>
                    {move || i18n.text(Text::ReplySend)}
                </button>
            </div>
        </form>
    }
}
