//! The people at the customer: name, title, buying role, e-mails, phones,
//! messenger ids, language and how they like to be reached; added, edited and
//! removed through the outbox (one contact at a time, each on its own version).

use contract::customer::{
    BuyingRole, Contact, ContactChannel, ContactInput, Messenger, MessengerKind,
};
use contract::ids::ContactId;
use contract::problem::FieldError;
use leptos::prelude::*;

use super::{Announce, Layout, Section};
use crate::data::{DataView, ShownCustomer, is_stand_in};
use crate::i18n::{Text, buying_role_name, channel_name, messenger_name};
use crate::intl;
use crate::ui::form::{
    AddButton, FormActions, SelectField, TextField, escape_cancels, optional, split_list,
};
use crate::ui::use_i18n;

/// Which contact the form edits.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Editing {
    Nothing,
    New,
    Contact(ContactId),
}

#[component]
pub(super) fn Contacts(
    shown: Memo<ShownCustomer>,
    layout: Layout,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(Editing::Nothing);
    let contacts = Memo::new(move |_| shown.with(|shown| shown.customer.contacts.clone()));
    let pending = Memo::new(move |_| shown.with(|shown| shown.pending_contacts.clone()));
    let title = Signal::derive(move || {
        let count = contacts.with(Vec::len) as u64;
        i18n.format(
            Text::CustomerContactsCount,
            &[("count", &intl::count(i18n.language(), count))],
        )
    });
    let done = Callback::new(move |()| editing.set(Editing::Nothing));
    let save = {
        let announce = announce.clone();
        Callback::new(move |(existing, input): (Option<Contact>, ContactInput)| {
            let customer = shown.with_untracked(|shown| shown.customer.summary.clone());
            announce.change(&customer, "contact", &input);
            let layer = data.layer_untracked();
            match existing {
                Some(contact) => layer.replace_contact(&customer, &contact, input),
                None => layer.create_contact(&customer, input),
            }
            editing.set(Editing::Nothing);
        })
    };
    let remove = Callback::new(move |contact: Contact| {
        let customer = shown.with_untracked(|shown| shown.customer.summary.clone());
        let removed = std::collections::HashMap::from([("removed", contact.id.to_string())]);
        announce.change(&customer, "contact", &removed);
        data.layer_untracked().delete_contact(&customer, &contact);
    });

    view! {
        <Section layout=layout test_id="customer-contacts-section" title=title>
            <Show when=move || contacts.with(Vec::is_empty) && editing.get() == Editing::Nothing>
                <p class="muted empty-contacts">{move || i18n.text(Text::CustomerNoContacts)}</p>
            </Show>
            <ul class="contacts" data-test="customer-contacts">
                <For each=move || contacts.get() key=|contact| (contact.id, contact.version, contact.name.clone(), contact.emails.clone(), contact.title.clone()) let:contact>
                    {
                        let id = contact.id;
                        let is_pending = move || pending.with(|pending| pending.contains(&id));
                        let contact = StoredValue::new(contact);
                        view! {
                            <li class="contact" data-test="contact">
                                {move || if editing.get() == Editing::Contact(id) {
                                    view! { <ContactForm existing=contact.get_value() on_save=save on_cancel=done /> }.into_any()
                                } else {
                                    view! { <ContactView contact=contact.get_value() pending=Signal::derive(is_pending)
                                        on_edit=Callback::new(move |()| editing.set(Editing::Contact(id)))
                                        on_remove=Callback::new(move |()| remove.run(contact.get_value())) /> }.into_any()
                                }}
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || if editing.get() == Editing::New {
                view! { <ContactForm on_save=save on_cancel=done /> }.into_any()
            } else {
                view! { <AddButton label=Text::CustomerAddContact test_id="add-contact" on_click=Callback::new(move |()| editing.set(Editing::New)) /> }
                    .into_any()
            }}
        </Section>
    }
}

/// An e-mail address as a link: `mailto:` only for what is plainly an address.
fn mail_link(email: &str) -> Option<String> {
    let email = email.trim();
    let plain = !email.is_empty()
        && email.contains('@')
        && !email.contains([':', '/', '?', '#', ' ', '<', '>', '"', '\'']);
    plain.then(|| ["mailto:", email].concat())
}

/// A phone number as a `tel:` link: digits and a leading plus only.
fn phone_link(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(index, c)| c.is_ascii_digit() || (*index == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    (digits.chars().filter(char::is_ascii_digit).count() >= 6).then(|| ["tel:", &digits].concat())
}

#[component]
fn ContactView(
    contact: Contact,
    pending: Signal<bool>,
    on_edit: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let language = move || i18n.language();
    let saved = !is_stand_in(contact.id.0);
    let role = contact.buying_role;
    let channel = contact.preferred_channel;
    let spoken = contact.language.clone();
    let name = contact.name.clone();
    view! {
        <div class="contact-head">
            <span class="contact-name" dir="auto" data-test="contact-name">{contact.name.clone()}</span>
            <span class="badge role">{move || buying_role_name(role, language())}</span>
            {contact.do_not_contact.then(|| view! {
                <span class="badge danger" data-test="do-not-contact">{move || i18n.text(Text::ContactDoNotContact)}</span>
            })}
            <Show when=move || pending.get()>
                <span class="badge pending" data-test="contact-pending">{move || i18n.text(Text::CustomerNotYetSaved)}</span>
            </Show>
        </div>
        {contact.title.clone().map(|title| view! { <div class="muted" dir="auto" data-test="contact-title">{title}</div> })}
        <ul class="contact-ways">
            {contact.emails.iter().map(|email| {
                let link = mail_link(email);
                let email = email.clone();
                view! { <li dir="ltr" data-test="contact-email">{match link {
                    Some(href) => view! { <a href=href>{email}</a> }.into_any(),
                    None => view! { <span>{email}</span> }.into_any(),
                }}</li> }
            }).collect_view()}
            {contact.phones.iter().map(|phone| {
                let link = phone_link(phone);
                let phone = phone.clone();
                view! { <li dir="ltr" data-test="contact-phone">{match link {
                    Some(href) => view! { <a href=href>{phone}</a> }.into_any(),
                    None => view! { <span>{phone}</span> }.into_any(),
                }}</li> }
            }).collect_view()}
            {contact.messengers.iter().map(|messenger| {
                let kind = messenger.kind;
                let handle = messenger.handle.clone();
                view! { <li data-test="contact-messenger">{move || messenger_name(kind, language())}": "<span dir="ltr">{handle.clone()}</span></li> }
            }).collect_view()}
        </ul>
        <div class="muted contact-prefs">
            {spoken.map(|code| view! { <span>{move || intl::language_name(language(), &code)}</span> })}
            {channel.map(|channel| view! {
                <span>{move || i18n.format(Text::ContactPrefers, &[("channel", channel_name(channel, language()))])}</span>
            })}
        </div>
        <div class="action-row">
            <button class="button small" type="button" data-test="edit-contact" disabled=!saved
                on:click=move |_| on_edit.run(())
                aria-label=move || i18n.format(Text::ContactEditNamed, &[("name", &name)])>
                {move || i18n.text(Text::Edit)}
            </button>
            <button class="button small" type="button" data-test="remove-contact" disabled=!saved
                on:click=move |_| on_remove.run(())>
                {move || i18n.text(Text::Remove)}
            </button>
        </div>
    }
}

/// What the contact form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct ContactDraft {
    name: String,
    title: String,
    role: Option<BuyingRole>,
    emails: String,
    phones: String,
    messenger: Option<MessengerKind>,
    handle: String,
    language: String,
    channel: Option<ContactChannel>,
    do_not_contact: bool,
}

impl ContactDraft {
    fn of(contact: &Contact) -> ContactDraft {
        let first = contact.messengers.first();
        ContactDraft {
            name: contact.name.clone(),
            title: contact.title.clone().unwrap_or_default(),
            role: Some(contact.buying_role),
            emails: contact.emails.join(", "),
            phones: contact.phones.join(", "),
            messenger: first.map(|messenger| messenger.kind),
            handle: first
                .map(|messenger| messenger.handle.clone())
                .unwrap_or_default(),
            language: contact.language.clone().unwrap_or_default(),
            channel: contact.preferred_channel,
            do_not_contact: contact.do_not_contact,
        }
    }

    /// The contact to send, checked by the contract's rules. The messengers
    /// past the first (the form edits one) are kept as they were.
    fn input(&self, existing: Option<&Contact>) -> Result<ContactInput, Vec<FieldError>> {
        let mut messengers: Vec<Messenger> = existing
            .map(|contact| contact.messengers.iter().skip(1).cloned().collect())
            .unwrap_or_default();
        let handle = self.handle.trim();
        if let Some(kind) = self.messenger.filter(|_| !handle.is_empty()) {
            messengers.insert(
                0,
                Messenger {
                    kind,
                    handle: handle.to_owned(),
                },
            );
        }
        let input = ContactInput {
            name: self.name.trim().to_owned(),
            title: optional(&self.title),
            buying_role: self.role.unwrap_or(BuyingRole::Other),
            emails: split_list(&self.emails),
            phones: split_list(&self.phones),
            messengers,
            language: optional(&self.language),
            preferred_channel: self.channel,
            do_not_contact: self.do_not_contact,
        };
        input.validate().map(|()| input)
    }
}

#[component]
fn ContactForm(
    #[prop(optional)] existing: Option<Contact>,
    on_save: Callback<(Option<Contact>, ContactInput)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = existing.as_ref().map(ContactDraft::of).unwrap_or_default();
    let name = RwSignal::new(draft.name);
    let title = RwSignal::new(draft.title);
    let role = RwSignal::new(draft.role.or(Some(BuyingRole::Procurement)));
    let emails = RwSignal::new(draft.emails);
    let phones = RwSignal::new(draft.phones);
    let messenger = RwSignal::new(draft.messenger);
    let handle = RwSignal::new(draft.handle);
    let language = RwSignal::new(draft.language);
    let channel = RwSignal::new(draft.channel);
    let do_not_contact = RwSignal::new(draft.do_not_contact);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let heading = if existing.is_some() {
        Text::ContactEditTitle
    } else {
        Text::CustomerAddContact
    };
    let channel_error =
        move || errors.with(|errors| crate::ui::form::error_of(i18n, errors, "/preferred_channel"));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = ContactDraft {
            name: name.get_untracked(),
            title: title.get_untracked(),
            role: role.get_untracked(),
            emails: emails.get_untracked(),
            phones: phones.get_untracked(),
            messenger: messenger.get_untracked(),
            handle: handle.get_untracked(),
            language: language.get_untracked(),
            channel: channel.get_untracked(),
            do_not_contact: do_not_contact.get_untracked(),
        };
        match draft.input(existing.as_ref()) {
            Ok(input) => on_save.run((existing.clone(), input)),
            Err(found) => errors.set(found),
        }
    };
    view! {
        <form class="editor" data-test="contact-form" on:submit=submit on:keydown=escape_cancels(on_cancel) novalidate=true>
            <h4 class="editor-title">{move || i18n.text(heading)}</h4>
            <TextField label=Text::ContactNameLabel test_id="contact-name-input" value=name errors=errors field="/name" />
            <TextField label=Text::ContactTitleLabel test_id="contact-title-input" value=title errors=errors field="/title" />
            <SelectField label=Text::ContactRoleLabel test_id="contact-role" choices=BuyingRole::ALL.to_vec()
                value=role wire=BuyingRole::as_str name=buying_role_name />
            <TextField label=Text::ContactEmailsLabel test_id="contact-emails" value=emails errors=errors field="/emails"
                hint=Text::ListHint />
            <TextField label=Text::ContactPhonesLabel test_id="contact-phones" value=phones errors=errors field="/phones"
                hint=Text::ListHint />
            <SelectField label=Text::ContactMessengerLabel test_id="contact-messenger-kind" choices=MessengerKind::ALL.to_vec()
                value=messenger wire=MessengerKind::as_str name=messenger_name none=Text::NotGiven />
            <TextField label=Text::ContactHandleLabel test_id="contact-handle" value=handle errors=errors field="/messengers" />
            <TextField label=Text::ContactLanguageLabel test_id="contact-language" value=language errors=errors field="/language"
                hint=Text::ContactLanguageHint />
            <SelectField label=Text::ContactChannelLabel test_id="contact-channel" choices=ContactChannel::ALL.to_vec()
                value=channel wire=ContactChannel::as_str name=channel_name none=Text::NotGiven />
            {move || channel_error().map(|message| view! {
                <p class="field-error" role="alert" data-test="field-error">{message}</p>
            })}
            <label class="field-check">
                <input type="checkbox" data-test="contact-do-not-contact" prop:checked=move || do_not_contact.get()
                    on:change=move |event| do_not_contact.set(event_target_checked(&event)) />
                <span>{move || i18n.text(Text::ContactDoNotContact)}</span>
            </label>
            <FormActions save=Text::Save test_id="contact-save" on_cancel=on_cancel />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_links_are_only_made_of_plain_addresses() {
        assert_eq!(mail_link("k@m.de"), Some("mailto:k@m.de".into()));
        assert_eq!(mail_link("javascript:alert(1)//@x.de"), None);
        assert_eq!(mail_link("a@b.c?subject=x"), None);
        assert_eq!(mail_link("nobody"), None);
        assert_eq!(
            phone_link("+49 (40) 123-4567"),
            Some("tel:+49401234567".into())
        );
        assert_eq!(phone_link("call me"), None);
    }

    #[test]
    fn the_form_sends_lists_split_and_keeps_other_messengers() {
        let existing: Contact = serde_json::from_value(serde_json::json!({
            "id": "00000000-0000-4000-8000-000000000001", "name": "Klaus", "title": null,
            "buying_role": "decision_maker", "emails": [], "phones": [],
            "messengers": [{"kind": "whatsapp", "handle": "+49 171"}, {"kind": "skype", "handle": "klaus.m"}],
            "language": "de", "preferred_channel": null, "do_not_contact": false, "version": 3
        }))
        .unwrap();
        let mut draft = ContactDraft::of(&existing);
        draft.emails = "k@m.de; info@m.de".into();
        draft.handle = "+49 172".into();
        let input = draft.input(Some(&existing)).unwrap();
        assert_eq!(input.emails, ["k@m.de", "info@m.de"]);
        assert_eq!(input.messengers.len(), 2);
        assert_eq!(input.messengers[0].handle, "+49 172");
        assert_eq!(input.messengers[1].handle, "klaus.m");

        draft.emails = "klaus".into();
        draft.channel = Some(ContactChannel::Phone);
        let fields: Vec<String> = draft
            .input(Some(&existing))
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["/emails/0", "/preferred_channel"]);
    }
}
