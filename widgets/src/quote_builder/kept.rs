//! The form kept in localStorage while the user edits a draft, so that a
//! reload, a crash or a closed tab loses nothing typed, even what cannot be
//! saved on the server yet (a half-typed price). Dropped once the revision is
//! sent. A new quote for an inquiry is found again through the inquiry.

use contract::ids::{InquiryId, QuoteId};

use super::form::Form;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn form_key(id: QuoteId) -> String {
    ["crm-widgets:quote-draft:", &id.to_string()].concat()
}

fn inquiry_key(id: InquiryId) -> String {
    ["crm-widgets:quote-for-inquiry:", &id.to_string()].concat()
}

fn warn() {
    web_sys::console::warn_1(&"[crm-widgets] the quote draft could not be kept".into());
}

/// The form kept for revision `id`, if any (and readable).
pub(super) fn load(id: QuoteId) -> Option<Form> {
    let text = storage()?.get_item(&form_key(id)).ok().flatten()?;
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value::<Form>(value)
        .ok()
        .filter(|form| form.id == id)
}

/// The new quote kept for inquiry `inquiry`, if any.
pub(super) fn for_inquiry(inquiry: InquiryId) -> Option<Form> {
    let id = storage()?.get_item(&inquiry_key(inquiry)).ok().flatten()?;
    load(id.parse().ok()?)
}

/// Keeps `form`.
pub(super) fn keep(form: &Form) {
    let Some(storage) = storage() else {
        return;
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let text = serde::Serialize::serialize(form, &serializer)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string());
    let Some(text) = text else {
        warn();
        return;
    };
    if storage.set_item(&form_key(form.id), &text).is_err() {
        warn();
    }
    if let Some(inquiry) = form.inquiry_id
        && storage
            .set_item(&inquiry_key(inquiry), &form.id.to_string())
            .is_err()
    {
        warn();
    }
}

/// Forgets what was kept of `form` (sent, or replaced by the server's copy).
pub(super) fn forget(id: QuoteId, inquiry: Option<InquiryId>) {
    let Some(storage) = storage() else {
        return;
    };
    let mut failed = storage.remove_item(&form_key(id)).is_err();
    if let Some(inquiry) = inquiry {
        let points_here = storage
            .get_item(&inquiry_key(inquiry))
            .ok()
            .flatten()
            .is_some_and(|kept| kept == id.to_string());
        if points_here {
            failed |= storage.remove_item(&inquiry_key(inquiry)).is_err();
        }
    }
    if failed {
        warn();
    }
}
