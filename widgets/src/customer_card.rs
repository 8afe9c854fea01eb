//! `<crm-customer-card>`: one buyer company as the member knows it.
//!
//! | Attribute     | Meaning |
//! |---------------|---------|
//! | `customer-id` | The customer to show; absent: an empty state inviting a selection. |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! Tier and lifecycle stage are changed in place; each change goes through the
//! data layer's outbox (shown at once with "Not yet saved", kept offline, a
//! conflict shown for the user to decide).
//!
//! Parts: `base` (the frame).

use contract::customer::{Customer, CustomerPatch, CustomerSummary, LifecycleStage, Tier};
use contract::ids::CustomerId;
use leptos::prelude::*;

use crate::data::{Collection, DataView, Fetched};
use crate::element::{ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text, business_type, lifecycle_stage, tier_name};
use crate::intl;
use crate::ui::{
    ChoiceSelect, ErrorNotice, InvalidAttribute, Notice, SkeletonRows, provide_widget_context,
};

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-customer-card",
    attributes: &["customer-id"],
    properties: &[],
    styles: include_str!("customer_card/style.css"),
    render,
};

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <CustomerCard context=context i18n=i18n /> }.into_any()
}

/// The customer id as the host set it: `Ok(None)` when absent.
fn parse_customer_id(attribute: Option<String>) -> Result<Option<CustomerId>, (String, String)> {
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<CustomerId>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

/// A website to link to: only http(s) URLs, so a buyer-supplied `javascript:`
/// address never becomes a link.
fn safe_website(website: &str) -> Option<String> {
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

#[component]
fn CustomerCard(context: ElementContext, i18n: I18n) -> impl IntoView {
    let id_attribute = context.attribute("customer-id");
    let customer_id = Memo::new(move |_| parse_customer_id(id_attribute.get()));
    let view_of_data = DataView::of(&context);
    let id = Memo::new(move |_| customer_id.get().ok().flatten().map(|id| id.to_string()));
    let (fetched, retry) = view_of_data.fetched_record(
        Collection::Customers,
        id,
        |data, fetched: &mut Fetched<Customer>| {
            // The feed may have brought a newer profile than the last fetch.
            if let Some(customer) = fetched.value.as_mut()
                && let Some(summary) = data.record::<CustomerSummary>(customer.summary.id)
                && summary.version > customer.summary.version
            {
                customer.summary = summary;
            }
        },
    );
    // As the user sees it: their edits still on the way applied.
    let customer = Memo::new(move |_| {
        let server = fetched.with(|fetched| fetched.as_ref()?.value.clone())?;
        Some(view_of_data.with(|data| data.shown_customer(server)))
    });
    let error = Memo::new(move |_| fetched.with(|fetched| fetched.as_ref()?.error.clone()));

    let body = move || match customer_id.get() {
        Err((value, reason)) => {
            view! { <InvalidAttribute name="customer-id" value=value reason=reason /> }.into_any()
        }
        Ok(None) => view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::CustomerEmptyTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::CustomerEmptyDetail).to_owned())
            />
        }
        .into_any(),
        Ok(Some(_)) => match (customer.get(), error.get()) {
            (Some((customer, pending)), _) => {
                view! { <Profile customer=customer pending=pending data=view_of_data /> }.into_any()
            }
            (None, Some(error)) => {
                view! { <ErrorNotice error=Signal::stored(error) on_retry=retry /> }.into_any()
            }
            (None, None) => view! { <SkeletonRows count=3 /> }.into_any(),
        },
    };

    view! {
        <section class="widget card" part="base" lang=move || i18n.language().tag()>
            {body}
        </section>
    }
}

#[component]
fn Profile(customer: Customer, pending: bool, data: DataView) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let country = customer.summary.country;
    let tier = customer.summary.tier;
    let stage = customer.summary.stage;
    let kind = customer.summary.business_type;
    let owner = customer
        .summary
        .owner
        .as_ref()
        .map(|owner| owner.name.clone());
    let website = customer.website.clone().unwrap_or_default();
    let link = safe_website(&website);
    let inquiry_count = u64::from(customer.summary.inquiry_count);
    view! {
        <header class="header profile-header">
            <h2 class="title" dir="auto" data-test="customer-name">{customer.summary.name.clone()}</h2>
            <span class="country muted">
                <span aria-hidden="true">{intl::flag(country)}</span>
                " "
                {move || intl::country_name(i18n.language(), country)}
            </span>
        </header>
        <div class="facts">
            <span class="badge tier" class:partnership=tier == contract::customer::Tier::Partnership data-test="customer-tier">
                {move || tier_name(tier, i18n.language())}
            </span>
            <span class="badge">{move || lifecycle_stage(stage, i18n.language())}</span>
            <span class="muted">{move || business_type(kind, i18n.language())}</span>
            {pending.then(|| view! {
                <span class="badge pending" data-test="customer-pending">{move || i18n.text(Text::CustomerNotYetSaved)}</span>
            })}
        </div>
        <Classification customer=customer.summary.clone() data=data />
        <dl class="fields">
            <dt>{move || i18n.text(Text::CustomerOwner)}</dt>
            <dd>{move || owner.clone().unwrap_or_else(|| i18n.text(Text::CustomerNoOwner).to_owned())}</dd>
            <dt>{move || i18n.text(Text::CustomerInquiries)}</dt>
            <dd>{move || intl::count(i18n.language(), inquiry_count)}</dd>
            {(!website.is_empty()).then(|| view! {
                <dt>{move || i18n.text(Text::CustomerWebsite)}</dt>
                <dd>
                    {match link.clone() {
                        Some(href) => view! { <a href=href rel="noopener noreferrer" target="_blank" dir="auto">{website.clone()}</a> }.into_any(),
                        None => view! { <span dir="auto">{website.clone()}</span> }.into_any(),
                    }}
                </dd>
            })}
        </dl>
        <h3 class="section-title">{move || i18n.text(Text::CustomerContacts)}</h3>
        {if customer.contacts.is_empty() {
            view! { <p class="muted empty-contacts">{move || i18n.text(Text::CustomerNoContacts)}</p> }.into_any()
        } else {
            view! {
                <ul class="contacts" data-test="customer-contacts">
                    {customer.contacts.iter().map(|contact| view! {
                        <li class="contact">
                            <span class="contact-name" dir="auto">{contact.name.clone()}</span>
                            <span class="muted" dir="auto">{contact.title.clone()}</span>
                            <span class="contact-email" dir="ltr">{contact.emails.first().cloned()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// Tier and lifecycle stage, changed in place; each change goes through the
/// outbox (shown at once, saved when the server can be reached).
#[component]
fn Classification(customer: CustomerSummary, data: DataView) -> impl IntoView {
    let (tier, stage) = (customer.tier, customer.stage);
    let update =
        Callback::new(move |patch| data.layer_untracked().update_customer(&customer, patch));
    let tier_patch = |tier| CustomerPatch {
        tier: Some(tier),
        ..CustomerPatch::default()
    };
    let stage_patch = |stage| CustomerPatch {
        stage: Some(stage),
        ..CustomerPatch::default()
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_id_attribute_parses_or_explains() {
        assert_eq!(parse_customer_id(None), Ok(None));
        assert_eq!(parse_customer_id(Some("  ".into())), Ok(None));
        let id = "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11";
        assert_eq!(
            parse_customer_id(Some(id.into())),
            Ok(Some(id.parse().unwrap()))
        );
        assert!(parse_customer_id(Some("42".into())).is_err());
    }

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
}
