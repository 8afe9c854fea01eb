//! "Looks like the same buyer": the member's other customers with the same
//! company e-mail domain or the same name (the server's
//! `GET /customers/{id}/duplicates`, cached with the layer), each with why, and
//! the offer to merge it into this customer (through the outbox, on the
//! version the user saw) or to say it is another company (remembered in this
//! browser).

use contract::customer::CustomerSummary;
use contract::customer::merge::{DuplicateCandidate, DuplicateList};
use contract::ids::CustomerId;
use leptos::prelude::*;
use serde::Serialize;

use super::Announce;
use crate::data::{Collection, DataView, Fetched};
use crate::i18n::{I18n, Text};
use crate::ui::use_i18n;

/// Where "not the same company" is remembered for a pair.
fn dismissed_key(customer: CustomerId, other: CustomerId) -> String {
    [
        "crm-widgets:not-duplicate:",
        &customer.to_string(),
        ":",
        &other.to_string(),
    ]
    .concat()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn dismissed(customer: CustomerId, other: CustomerId) -> bool {
    storage()
        .and_then(|storage| {
            storage
                .get_item(&dismissed_key(customer, other))
                .ok()
                .flatten()
        })
        .is_some()
}

/// Why the two look alike, in words.
fn reasons(i18n: I18n, candidate: &DuplicateCandidate) -> String {
    let mut reasons = Vec::new();
    if let Some(domain) = &candidate.same_email_domain {
        reasons.push(i18n.format(Text::DuplicateSameDomain, &[("domain", domain)]));
    }
    if candidate.similar_name {
        reasons.push(i18n.text(Text::DuplicateSimilarName).to_owned());
    }
    reasons.join(" · ")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MergeFields {
    duplicate_id: String,
}

#[component]
pub(super) fn Duplicates(
    customer: Memo<CustomerSummary>,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = Memo::new(move |_| customer.with(|customer| customer.id));
    let path = Memo::new(move |_| Some([id.get().to_string().as_str(), "/duplicates"].concat()));
    let (fetched, _) = data.fetched_record(
        Collection::Customers,
        path,
        |_, _: &mut Fetched<DuplicateList>| {},
    );
    // Bumped when the user says "not the same": storage is not reactive.
    let dismissals = RwSignal::new(0_u32);
    let merging = Memo::new(move |_| {
        let id = id.get();
        data.with(|data| data.pending_merges(id))
    });
    let candidates = Memo::new(move |_| {
        dismissals.track();
        let me = id.get();
        fetched.with(|fetched| {
            fetched
                .as_ref()
                .and_then(|fetched| fetched.value.as_ref())
                .map(|list| {
                    list.items
                        .iter()
                        .filter(|candidate| !dismissed(me, candidate.customer.id))
                        // Merged meanwhile (gone from the records) until fetched again.
                        .filter(|candidate| {
                            data.with(|data| {
                                data.record::<CustomerSummary>(candidate.customer.id)
                                    .is_some()
                            })
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let merge = Callback::new(move |duplicate: CustomerSummary| {
        let customer = customer.get_untracked();
        announce.change(
            &customer,
            "merge",
            &MergeFields {
                duplicate_id: duplicate.id.to_string(),
            },
        );
        data.layer_untracked().merge_customer(&customer, &duplicate);
    });
    let not_same = move |other: CustomerId| {
        if let Some(storage) = storage()
            && storage
                .set_item(&dismissed_key(id.get_untracked(), other), "1")
                .is_ok()
        {
            dismissals.update(|count| *count += 1);
        }
    };
    view! {
        <Show when=move || !candidates.with(Vec::is_empty)>
            <section class="duplicates" role="note" data-test="duplicates">
                <For each=move || candidates.get() key=|candidate| candidate.customer.id let:candidate>
                    {
                        let other = candidate.customer.clone();
                        let other_id = other.id;
                        let why = reasons(i18n, &candidate);
                        let name = other.name.clone();
                        let is_merging = move || merging.with(|merging| merging.contains(&other_id));
                        view! {
                            <div class="duplicate" data-test="duplicate" data-id=other_id.to_string()>
                                <p class="duplicate-title">
                                    {move || i18n.format(Text::DuplicateLooksLike, &[("name", &name)])}
                                </p>
                                <p class="muted duplicate-why" dir="auto">{why}</p>
                                {move || if is_merging() {
                                    view! { <span class="badge pending" data-test="merge-pending">{i18n.text(Text::DuplicateMerging)}</span> }.into_any()
                                } else {
                                    let other = other.clone();
                                    view! {
                                        <div class="action-row">
                                            <button class="button primary" type="button" data-test="merge"
                                                on:click=move |_| merge.run(other.clone())>
                                                {i18n.text(Text::DuplicateMerge)}
                                            </button>
                                            <button class="button" type="button" data-test="not-duplicate"
                                                on:click=move |_| not_same(other_id)>
                                                {i18n.text(Text::DuplicateNotSame)}
                                            </button>
                                        </div>
                                    }
                                    .into_any()
                                }}
                            </div>
                        }
                    }
                </For>
            </section>
        </Show>
    }
}
