//! The profile editor: name, country, website, industry, size, business type,
//! source, owner and tags. Only what the user changed is sent (one PATCH through
//! the outbox), checked first by the contract's own rules; a field the rules
//! refuse says why next to it and nothing typed is lost.

use contract::country::CountryCode;
use contract::customer::{BusinessType, CompanySize, CustomerPatch, CustomerSource};
use contract::ids::UserId;
use contract::problem::FieldError;
use leptos::prelude::*;

use super::Announce;
use crate::data::{DataView, ShownCustomer};
use crate::i18n::{Text, business_type, company_size_name, source_name};
use crate::ui::form::{FormActions, SelectField, TextField, escape_cancels, optional, split_list};
use crate::ui::use_i18n;

/// What the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ProfileDraft {
    pub(super) name: String,
    pub(super) country: String,
    pub(super) website: String,
    pub(super) industry: String,
    pub(super) size: Option<CompanySize>,
    pub(super) business_type: Option<BusinessType>,
    pub(super) source: Option<CustomerSource>,
    pub(super) owner: Option<UserId>,
    pub(super) tags: String,
}

impl ProfileDraft {
    pub(super) fn of(shown: &ShownCustomer) -> ProfileDraft {
        let customer = &shown.customer;
        ProfileDraft {
            name: customer.summary.name.clone(),
            country: customer.summary.country.as_str().to_owned(),
            website: customer.website.clone().unwrap_or_default(),
            industry: customer.industry.clone().unwrap_or_default(),
            size: customer.size,
            business_type: Some(customer.summary.business_type),
            source: Some(customer.source),
            owner: customer.summary.owner.as_ref().map(|owner| owner.id),
            tags: customer.summary.tags.join(", "),
        }
    }

    /// The change from `before` (the profile when the form opened): only the
    /// fields the user changed, checked by the contract's rules.
    pub(super) fn patch(&self, before: &ProfileDraft) -> Result<CustomerPatch, Vec<FieldError>> {
        let mut patch = CustomerPatch::default();
        let mut errors = Vec::new();
        if self.name.trim() != before.name.trim() {
            patch.name = Some(self.name.trim().to_owned());
        }
        if self.country.trim() != before.country.trim() {
            match self.country.trim().parse::<CountryCode>() {
                Ok(country) => patch.country = Some(country),
                Err(_) => errors.push(FieldError {
                    field: "/country".into(),
                    message: COUNTRY_MESSAGE.into(),
                }),
            }
        }
        if self.website.trim() != before.website.trim() {
            patch.website = Some(optional(&self.website));
        }
        if self.industry.trim() != before.industry.trim() {
            patch.industry = Some(optional(&self.industry));
        }
        if self.size != before.size {
            patch.size = Some(self.size);
        }
        if self.business_type != before.business_type {
            patch.business_type = self.business_type;
        }
        if self.source != before.source {
            patch.source = self.source;
        }
        if self.owner != before.owner {
            patch.owner_id = Some(self.owner);
        }
        let tags = split_list(&self.tags);
        if tags != split_list(&before.tags) {
            patch.tags = Some(tags);
        }
        if patch == CustomerPatch::default() {
            return Err(errors);
        }
        if let Err(found) = patch.validate() {
            errors.extend(found);
        }
        if errors.is_empty() {
            Ok(patch)
        } else {
            Err(errors)
        }
    }
}

/// The contract's words for a bad country code (shown translated).
pub(crate) const COUNTRY_MESSAGE: &str = "must be a two-letter country code such as DE";

#[component]
pub(super) fn ProfileForm(
    shown: Memo<ShownCustomer>,
    data: DataView,
    announce: Announce,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let before = shown.with_untracked(ProfileDraft::of);
    let name = RwSignal::new(before.name.clone());
    let country = RwSignal::new(before.country.clone());
    let website = RwSignal::new(before.website.clone());
    let industry = RwSignal::new(before.industry.clone());
    let size = RwSignal::new(before.size);
    let kind = RwSignal::new(before.business_type);
    let source = RwSignal::new(before.source);
    let owner = RwSignal::new(before.owner.map(|id| id.to_string()).unwrap_or_default());
    let tags = RwSignal::new(before.tags.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let people = Memo::new(move |_| data.with(|data| data.assignable(before.owner)));

    let save = {
        let before = before.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let draft = ProfileDraft {
                name: name.get_untracked(),
                country: country.get_untracked(),
                website: website.get_untracked(),
                industry: industry.get_untracked(),
                size: size.get_untracked(),
                business_type: kind.get_untracked(),
                source: source.get_untracked(),
                owner: owner.with_untracked(|owner| owner.parse().ok()),
                tags: tags.get_untracked(),
            };
            match draft.patch(&before) {
                Ok(patch) => {
                    let customer = shown.with_untracked(|shown| shown.customer.summary.clone());
                    announce.change(&customer, "profile", &patch);
                    data.layer_untracked().update_customer(&customer, patch);
                    on_done.run(());
                }
                // Nothing changed: nothing to send.
                Err(found) if found.is_empty() => on_done.run(()),
                Err(found) => errors.set(found),
            }
        }
    };
    view! {
        <form class="editor" data-test="profile-form" on:submit=save on:keydown=escape_cancels(on_done) novalidate=true>
            <TextField label=Text::CustomerNameLabel test_id="profile-name" value=name errors=errors field="/name" />
            <TextField label=Text::CustomerCountryLabel test_id="profile-country" value=country errors=errors field="/country"
                hint=Text::CustomerCountryHint />
            <TextField label=Text::CustomerWebsite test_id="profile-website" value=website errors=errors field="/website" kind="url" />
            <TextField label=Text::CustomerIndustry test_id="profile-industry" value=industry errors=errors field="/industry" />
            <SelectField label=Text::CustomerSizeLabel test_id="profile-size" choices=CompanySize::ALL.to_vec()
                value=size wire=CompanySize::as_str name=company_size_name none=Text::NotGiven />
            <SelectField label=Text::CustomerBusinessTypeLabel test_id="profile-business-type" choices=BusinessType::ALL.to_vec()
                value=kind wire=BusinessType::as_str name=business_type />
            <SelectField label=Text::CustomerSourceLabel test_id="profile-source" choices=CustomerSource::ALL.to_vec()
                value=source wire=CustomerSource::as_str name=source_name />
            <div class="field">
                <label>
                    <span>{move || i18n.text(Text::CustomerOwner)}</span>
                    <select class="control" data-test="profile-owner" prop:value=move || owner.get()
                        on:change=move |event| owner.set(event_target_value(&event))>
                        <option value="">{move || i18n.text(Text::CustomerNoOwner)}</option>
                        {move || people.get().into_iter().map(|(id, person)| {
                            let id = id.to_string();
                            let chosen = id.clone();
                            view! { <option value=id selected=move || owner.get() == chosen>{person}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <TextField label=Text::CustomerTags test_id="profile-tags" value=tags errors=errors field="/tags"
                hint=Text::CustomerTagsHint />
            <FormActions save=Text::Save test_id="profile-save" on_cancel=on_done />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProfileDraft {
        ProfileDraft {
            name: "Müller Handels GmbH".into(),
            country: "DE".into(),
            website: "mueller.de".into(),
            industry: String::new(),
            size: None,
            business_type: Some(BusinessType::Importer),
            source: Some(CustomerSource::PortalInquiry),
            owner: None,
            tags: "led, vip".into(),
        }
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let before = draft();
        let after = ProfileDraft {
            industry: "Lighting".into(),
            tags: "led,vip".into(),
            size: Some(CompanySize::Medium),
            ..draft()
        };
        assert_eq!(
            after.patch(&before),
            Ok(CustomerPatch {
                industry: Some(Some("Lighting".into())),
                size: Some(Some(CompanySize::Medium)),
                ..CustomerPatch::default()
            })
        );
        let cleared = ProfileDraft {
            website: " ".into(),
            ..draft()
        };
        assert_eq!(
            cleared.patch(&before).map(|patch| patch.website),
            Ok(Some(None))
        );
        assert_eq!(draft().patch(&before), Err(Vec::new()), "nothing changed");
    }

    #[test]
    fn bad_fields_are_named() {
        let before = draft();
        let after = ProfileDraft {
            name: " ".into(),
            country: "Germany".into(),
            website: "not a site".into(),
            ..draft()
        };
        let fields: Vec<String> = after
            .patch(&before)
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["/country", "/name", "/website"]);
    }
}
