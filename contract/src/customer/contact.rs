//! People at a buyer company. Contacts are versioned on their own:
//! `PATCH /customers/{id}/contacts/{contact_id}` takes the contact's `If-Match`.

use serde::{Deserialize, Serialize};

use crate::ids::ContactId;
use crate::problem::FieldError;
use crate::validation::FieldErrors;
use crate::version::Version;

/// The part a contact plays in buying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    /// Signs off the order.
    DecisionMaker,
    /// Runs the purchase.
    Procurement,
    /// Checks the specification.
    Technical,
    /// Pays.
    Finance,
    /// Anything else.
    Other,
}

/// A messaging service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessengerKind {
    /// WhatsApp.
    Whatsapp,
    /// WeChat.
    Wechat,
    /// Skype.
    Skype,
    /// Telegram.
    Telegram,
    /// LINE.
    Line,
}

/// An account on a messaging service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Messenger {
    /// The service.
    pub kind: MessengerKind,
    /// The account, as the contact gave it.
    pub handle: String,
}

/// How a contact prefers to be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    /// E-mail.
    Email,
    /// Phone.
    Phone,
    /// A messenger.
    Messenger,
}

wire_names!(BuyingRole {
    DecisionMaker => "decision_maker",
    Procurement => "procurement",
    Technical => "technical",
    Finance => "finance",
    Other => "other",
});

wire_names!(MessengerKind {
    Whatsapp => "whatsapp",
    Wechat => "wechat",
    Skype => "skype",
    Telegram => "telegram",
    Line => "line",
});

wire_names!(ContactChannel {
    Email => "email",
    Phone => "phone",
    Messenger => "messenger",
});

/// A person at a buyer company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// The contact's id.
    pub id: ContactId,
    /// Full name.
    pub name: String,
    /// Job title, e.g. "Head of Procurement".
    pub title: Option<String>,
    /// Buying role.
    pub buying_role: BuyingRole,
    /// E-mail addresses, the preferred one first.
    pub emails: Vec<String>,
    /// Phone numbers, the preferred one first.
    pub phones: Vec<String>,
    /// Messenger accounts.
    pub messengers: Vec<Messenger>,
    /// The contact's language (BCP 47).
    pub language: Option<String>,
    /// How they prefer to be reached.
    pub preferred_channel: Option<ContactChannel>,
    /// Whether they asked not to be contacted.
    pub do_not_contact: bool,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
}

/// A contact as created or replaced (`POST /customers/{id}/contacts`,
/// `PUT /customers/{id}/contacts/{contact_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// Full name.
    pub name: String,
    /// Job title.
    #[serde(default)]
    pub title: Option<String>,
    /// Buying role.
    pub buying_role: BuyingRole,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Messenger accounts.
    #[serde(default)]
    pub messengers: Vec<Messenger>,
    /// Language (BCP 47).
    #[serde(default)]
    pub language: Option<String>,
    /// Preferred channel.
    #[serde(default)]
    pub preferred_channel: Option<ContactChannel>,
    /// Do not contact.
    #[serde(default)]
    pub do_not_contact: bool,
}

impl ContactInput {
    /// Checks the contact.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.name, "/name", 1, 200);
        if let Some(title) = &self.title {
            errors.check_text(title, "/title", 1, 200);
        }
        errors.check(
            self.emails.len() <= 5,
            "/emails",
            "must have at most 5 addresses",
        );
        for (index, email) in self.emails.iter().enumerate() {
            let email = email.trim();
            errors.check(
                email.len() <= 254
                    && email
                        .split_once('@')
                        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.')),
                ["/emails/", &index.to_string()].concat(),
                "must be an e-mail address",
            );
        }
        errors.check(
            self.phones.len() <= 5,
            "/phones",
            "must have at most 5 numbers",
        );
        for (index, phone) in self.phones.iter().enumerate() {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            errors.check(
                (6..=20).contains(&digits)
                    && phone
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +-().".contains(c)),
                ["/phones/", &index.to_string()].concat(),
                "must be a phone number such as +49 40 1234567",
            );
        }
        for (index, messenger) in self.messengers.iter().enumerate() {
            errors.check_text(
                &messenger.handle,
                &["/messengers/", &index.to_string(), "/handle"].concat(),
                1,
                100,
            );
        }
        errors.check(
            self.preferred_channel != Some(ContactChannel::Email) || !self.emails.is_empty(),
            "/preferred_channel",
            "is email, but there is no e-mail address",
        );
        errors.check(
            self.preferred_channel != Some(ContactChannel::Phone) || !self.phones.is_empty(),
            "/preferred_channel",
            "is phone, but there is no phone number",
        );
        errors.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact() -> ContactInput {
        ContactInput {
            name: "Klaus Müller".into(),
            title: Some("Head of Procurement".into()),
            buying_role: BuyingRole::DecisionMaker,
            emails: vec!["k.mueller@mueller-handel.de".into()],
            phones: vec!["+49 40 1234567".into()],
            messengers: vec![],
            language: Some("de".into()),
            preferred_channel: Some(ContactChannel::Email),
            do_not_contact: false,
        }
    }

    #[test]
    fn a_complete_contact_is_valid_and_bad_details_are_named() {
        assert!(contact().validate().is_ok());
        let bad = ContactInput {
            emails: vec!["klaus".into()],
            phones: vec!["call me".into()],
            preferred_channel: Some(ContactChannel::Phone),
            ..contact()
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["/emails/0", "/phones/0"]);
    }
}
