//! The card's head: who the customer is (name, country, verified, tier, stage,
//! business type, size, since when, owner, source, website, industry, tags),
//! tier and stage changed in place, the profile editor, and the export.

use contract::customer::{CustomerPatch, CustomerSummary, LifecycleStage, Tier, csv};
use leptos::prelude::*;

use super::Announce;
use super::profile_form::ProfileForm;
use crate::data::{DataView, ShownCustomer};
use crate::element::download;
use crate::i18n::{
    Text, business_type, company_size_name, lifecycle_stage, source_name, tier_name,
};
use crate::intl;
use crate::ui::{ChoiceSelect, use_i18n};

/// A website to link to: only http(s) URLs, so a buyer-supplied `javascript:`
/// address never becomes a link.
pub(super) fn safe_website(website: &str) -> Option<String> {
    let trimmed = website.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(trimmed.to_owned())
    } else if !trimmed.is_empty()
        && !trimmed.contains(':')
        && !trimmed.contains(char::is_whitespace)
    {
        Some(["https://", trimmed].concat())
    } else {
        None
    }
}

/// A file name for `name`: letters, digits and a few safe marks kept.
fn file_name(name: &str, extension: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim().trim_matches('.');
    let stem = if stem.is_empty() { "customer" } else { stem };
    [stem, ".", extension].concat()
}

#[component]
pub(super) fn Header(
    shown: Memo<ShownCustomer>,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let summary = Memo::new(move |_| shown.with(|shown| shown.customer.summary.clone()));
    let language = move || i18n.language();
    let name = move || summary.with(|summary| summary.name.clone());
    let country = move || summary.with(|summary| summary.country);

    let export_csv = move |_| {
        let customer = shown.with_untracked(|shown| shown.customer.clone());
        let text = csv::write(&csv::rows_of(&customer));
        download(
            &file_name(&customer.summary.name, "csv"),
            "text/csv;charset=utf-8",
            &text,
        );
    };
    let export_json = move |_| {
        let customer = shown.with_untracked(|shown| shown.customer.clone());
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let Ok(value) = serde::Serialize::serialize(&customer, &serializer) else {
            return;
        };
        let text = js_sys::JSON::stringify_with_replacer_and_space(
            &value,
            &wasm_bindgen::JsValue::NULL,
            &wasm_bindgen::JsValue::from(2),
        )
        .map(String::from)
        .unwrap_or_default();
        download(
            &file_name(&customer.summary.name, "json"),
            "application/json",
            &text,
        );
    };

    let facts = move || {
        let (customer, pending) = shown.with(|shown| (shown.customer.clone(), shown.pending));
        let summary = &customer.summary;
        let kind = summary.business_type;
        let mut line = vec![business_type(kind, language()).to_owned()];
        if let Some(size) = customer.size {
            line.push(company_size_name(size, language()).to_owned());
        }
        line.push(i18n.format(
            Text::CustomerSince,
            &[("year", &customer.created_at.year().to_string())],
        ));
        line.push(match &summary.owner {
            Some(owner) => i18n.format(Text::CustomerOwnedBy, &[("name", &owner.name)]),
            None => i18n.text(Text::CustomerNoOwner).to_owned(),
        });
        line.push(source_name(customer.source, language()).to_owned());
        let website = customer.website.clone().unwrap_or_default();
        let link = safe_website(&website);
        // In the server's order (by code point), also while an edit waits.
        let mut tags = summary.tags.clone();
        tags.sort();
        view! {
            <div class="facts">
                <span class="badge tier" class:partnership=summary.tier == Tier::Partnership data-test="customer-tier">
                    {tier_name(summary.tier, language())}
                </span>
                <span class="badge" data-test="customer-stage">{lifecycle_stage(summary.stage, language())}</span>
                {customer.verified.then(|| view! {
                    <span class="badge verified" data-test="customer-verified">{i18n.text(Text::CustomerVerified)}</span>
                })}
                {pending.then(|| view! {
                    <span class="badge pending" data-test="customer-pending">{i18n.text(Text::CustomerNotYetSaved)}</span>
                })}
            </div>
            <p class="fact-line muted" data-test="customer-facts" dir="auto">{line.join(" · ")}</p>
            <dl class="fields">
                {(!website.is_empty()).then(|| view! {
                    <dt>{i18n.text(Text::CustomerWebsite)}</dt>
                    <dd data-test="customer-website">
                        {match link {
                            Some(href) => view! { <a href=href rel="noopener noreferrer" target="_blank" dir="auto">{website.clone()}</a> }.into_any(),
                            None => view! { <span dir="auto">{website.clone()}</span> }.into_any(),
                        }}
                    </dd>
                })}
                {customer.industry.clone().map(|industry| view! {
                    <dt>{i18n.text(Text::CustomerIndustry)}</dt>
                    <dd dir="auto" data-test="customer-industry">{industry}</dd>
                })}
                {(!tags.is_empty()).then(|| view! {
                    <dt>{i18n.text(Text::CustomerTags)}</dt>
                    <dd>
                        <ul class="tags" data-test="customer-tags">
                            {tags.into_iter().map(|tag| view! { <li class="tag" dir="auto">{tag}</li> }).collect_view()}
                        </ul>
                    </dd>
                })}
            </dl>
        }
    };

    let on_done = Callback::new(move |()| editing.set(false));
    let form_announce = announce.clone();
    view! {
        <header class="header profile-header" part="header">
            <h2 class="title" dir="auto" data-test="customer-name">{name}</h2>
            <span class="country muted">
                <span aria-hidden="true">{move || intl::flag(country())}</span>
                " "
                {move || intl::country_name(language(), country())}
            </span>
        </header>
        {move || if editing.get() {
            view! { <ProfileForm shown=shown data=data announce=form_announce.clone() on_done=on_done /> }.into_any()
        } else {
            facts.into_any()
        }}
        <div class="card-actions">
            <Classification customer=summary data=data announce=announce.clone() />
            <div class="action-row">
                <button class="button" type="button" data-test="edit-profile"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|editing| *editing = !*editing)>
                    {move || i18n.text(Text::CustomerEditProfile)}
                </button>
                <button class="button" type="button" data-test="export-csv" on:click=export_csv>
                    {move || i18n.text(Text::CustomerExportCsv)}
                </button>
                <button class="button" type="button" data-test="export-json" on:click=export_json>
                    {move || i18n.text(Text::CustomerExportJson)}
                </button>
            </div>
        </div>
    }
}

/// Tier and lifecycle stage, changed in place; each change goes through the
/// outbox (shown at once, saved when the server can be reached).
#[component]
fn Classification(
    customer: Memo<CustomerSummary>,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let update = Callback::new(move |patch: CustomerPatch| {
        let customer = customer.get_untracked();
        announce.change(&customer, "profile", &patch);
        data.layer_untracked().update_customer(&customer, patch);
    });
    let tier_patch = |tier| CustomerPatch {
        tier: Some(tier),
        ..CustomerPatch::default()
    };
    let stage_patch = |stage| CustomerPatch {
        stage: Some(stage),
        ..CustomerPatch::default()
    };
    move || {
        let (tier, stage) = customer.with(|customer| (customer.tier, customer.stage));
        view! {
            <div class="classification">
                <ChoiceSelect label=Text::CustomerTierLabel test_id="customer-tier-select"
                    choices=Tier::ALL.to_vec() current=tier value=Tier::as_str name=tier_name
                    on_choose=Callback::new(move |tier| update.run(tier_patch(tier))) />
                <ChoiceSelect label=Text::CustomerStageLabel test_id="customer-stage-select"
                    choices=LifecycleStage::ALL.to_vec() current=stage value=LifecycleStage::as_str name=lifecycle_stage
                    on_choose=Callback::new(move |stage| update.run(stage_patch(stage))) />
            </div>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_website("https://mueller.de"),
            Some("https://mueller.de".into())
        );
        assert_eq!(
            safe_website("mueller-handel.de"),
            Some("https://mueller-handel.de".into())
        );
        assert_eq!(safe_website("javascript:alert(1)"), None);
        assert_eq!(safe_website("JAVASCRIPT:alert(1)"), None);
        assert_eq!(safe_website("data:text/html,x"), None);
        assert_eq!(safe_website(""), None);
    }

    #[test]
    fn export_file_names_keep_letters_and_drop_path_marks() {
        assert_eq!(
            file_name("Müller Handels GmbH", "csv"),
            "Müller Handels GmbH.csv"
        );
        assert_eq!(file_name("../etc/passwd", "json"), "_etc_passwd.json");
        assert_eq!(file_name("宁波贸易有限公司", "csv"), "宁波贸易有限公司.csv");
        assert_eq!(file_name("///", "csv"), "___.csv");
        assert_eq!(file_name("..", "csv"), "customer.csv");
    }
}
