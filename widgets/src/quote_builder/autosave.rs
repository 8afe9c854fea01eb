//! Saving as the user types: the form kept in the browser on every change, a
//! valid draft queued in the outbox once typing pauses.

use std::cell::RefCell;
use std::collections::HashMap;

use contract::ids::QuoteId;
use contract::quote::QuoteDraft;
use leptos::prelude::*;

use super::Builder;
use super::kept;

/// Keeps the form in the browser on every change the user makes, and queues
/// a valid draft in the outbox once typing pauses.
pub(super) fn autosave(builder: Builder) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let edited = builder.edited.get();
        // Read in place: the whole form is not copied on every keystroke.
        let open = builder.form.with(|form| {
            let Some(form) = form else {
                return false;
            };
            if edited && !builder.read_only() {
                kept::keep(form);
            }
            true
        });
        if !open || !edited || builder.read_only() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save_now(builder);
            },
            std::time::Duration::from_millis(600),
        );
        pending.set_value(handle.ok());
    });
}

/// Queues the current draft in the outbox if it is valid and differs from the
/// last one queued; `true` when the server will have the form as it is.
pub(crate) fn save_now(builder: Builder) -> bool {
    let Some(draft) = builder
        .parsed
        .with_untracked(|parsed| parsed.as_ref().and_then(|parsed| parsed.draft.clone()))
    else {
        return false;
    };
    let Some((id, created)) = builder
        .form
        .with_untracked(|form| form.as_ref().map(|form| (form.id, form.created)))
    else {
        return false;
    };
    let mut comparable = draft.clone();
    comparable.id = None;
    let last = LAST_SAVED.with(|last| last.borrow().get(&id).cloned());
    if last.as_ref() == Some(&comparable) {
        return true;
    }
    let version = builder
        .quote
        .with_untracked(|quote| quote.as_ref().map(|quote| quote.version));
    let about = builder
        .buyer
        .with_untracked(|buyer| buyer.as_ref().map(|(name, _)| name.clone()))
        .unwrap_or_default();
    builder
        .data
        .layer_untracked()
        .save_quote(id, !created, version, draft, about);
    LAST_SAVED.with(|last| last.borrow_mut().insert(id, comparable));
    if !created {
        builder.form.update(|form| {
            if let Some(form) = form {
                form.created = true;
            }
        });
    }
    true
}

thread_local! {
    /// The last draft queued for each revision, so an unchanged form is not queued again.
    static LAST_SAVED: RefCell<HashMap<QuoteId, QuoteDraft>> =
        RefCell::default();
}
