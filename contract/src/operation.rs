//! Every operation of the REST API as a type: its OpenAPI `operationId`, method,
//! path template, request body and answer, with the contract's types. A client
//! calls any of them through one generic function (the widgets' `Api::call`,
//! and the outbox for changes) instead of hand-written paths, and api-stub's
//! tests hold this list to the OpenAPI document both ways, bodies and answers
//! included, so neither can drift from the other.

use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::change::ChangeFeed;
use crate::customer::import::{CustomerExport, CustomerImport, ImportReport};
use crate::customer::merge::{CustomerMerge, DuplicateList};
use crate::customer::{
    Activity, Contact, ContactInput, Customer, CustomerPage, CustomerPatch, NewActivity,
    NewCustomer, NewReminder, Reminder, ReminderPage, ReminderPatch, TimelinePage,
};
use crate::inquiry::{
    IngestInquiry, IngestedInquiry, Inquiry, InquiryPage, InquiryPatch, Message, NewReply,
};
use crate::product::{Product, ProductInput, ProductPage};
use crate::quote::{Quote, QuoteDraft, QuotePage};
use crate::user::{Me, UserList};

/// An HTTP method of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// As written in a request line (`GET`…).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// No request body.
pub type NoBody = ();

/// An answer a client does not decode: `204 No Content`, the event stream (read
/// as server-sent events), and the health document (api-stub's own, for load
/// balancers).
pub type NotDecoded = IgnoredAny;

/// One operation of the API.
pub trait Operation {
    /// The OpenAPI `operationId`.
    const ID: &'static str;
    const METHOD: Method;
    /// The path below [`crate::API_PREFIX`], with `{name}` placeholders.
    const PATH: &'static str;
    /// The JSON request body ([`NoBody`]: none).
    type Body: Serialize;
    /// The 2xx answer's JSON body.
    type Answer: DeserializeOwned;

    /// The path's segments with `parameters` put in its placeholders, in order
    /// (the client percent-encodes each segment). `None` when the number of
    /// parameters does not match.
    fn segments(parameters: &[&str]) -> Option<Vec<String>> {
        let mut parameters = parameters.iter();
        let segments = Self::PATH
            .trim_start_matches('/')
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    parameters.next().map(|value| (*value).to_owned())
                } else {
                    Some(segment.to_owned())
                }
            })
            .collect::<Option<Vec<String>>>()?;
        parameters.next().is_none().then_some(segments)
    }
}

/// `(operationId, method, path)` of every operation, for tests and tools.
pub type Described = (&'static str, Method, &'static str);

macro_rules! operations {
    ($($(#[$doc:meta])* $name:ident = $id:literal, $method:ident $path:literal, $body:ty => $answer:ty;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub struct $name;

            impl Operation for $name {
                const ID: &'static str = $id;
                const METHOD: Method = Method::$method;
                const PATH: &'static str = $path;
                type Body = $body;
                type Answer = $answer;
            }
        )*

        /// Every operation of the API.
        pub const ALL: &[Described] = &[$(($id, Method::$method, $path)),*];

        /// The names of the body and answer types of every operation, by
        /// `operationId` (`None`: no body, or an answer not decoded).
        #[must_use]
        pub fn type_names() -> Vec<(&'static str, Option<&'static str>, Option<&'static str>)> {
            vec![$(($id, type_name::<$body>(), type_name::<$answer>())),*]
        }
    };
}

/// The last segment of `T`'s name; `None` for [`NoBody`] and [`NotDecoded`].
fn type_name<T>() -> Option<&'static str> {
    let full = std::any::type_name::<T>();
    if full == std::any::type_name::<NoBody>() || full == std::any::type_name::<NotDecoded>() {
        return None;
    }
    full.rsplit("::").next()
}

operations! {
    /// The change feed: the cursor, or what changed after it.
    ListChanges = "list_changes", Get "/changes", NoBody => ChangeFeed;
    /// The change feed as server-sent events.
    StreamChanges = "stream_changes", Get "/changes/stream", NoBody => NotDecoded;
    ListCustomers = "list_customers", Get "/customers", NoBody => CustomerPage;
    CreateCustomer = "create_customer", Post "/customers", NewCustomer => Customer;
    ExportCustomers = "export_customers", Get "/customers/export", NoBody => CustomerExport;
    ImportCustomers = "import_customers", Post "/customers/import", CustomerImport => ImportReport;
    ListDuplicates = "list_duplicates", Get "/customers/{id}/duplicates", NoBody => DuplicateList;
    MergeCustomer = "merge_customer", Post "/customers/{id}/merge", CustomerMerge => Customer;
    GetCustomer = "get_customer", Get "/customers/{id}", NoBody => Customer;
    UpdateCustomer = "update_customer", Patch "/customers/{id}", CustomerPatch => Customer;
    CreateActivity = "create_activity", Post "/customers/{id}/activities", NewActivity => Activity;
    GetActivity = "get_activity", Get "/customers/{id}/activities/{activity_id}", NoBody => Activity;
    CreateContact = "create_contact", Post "/customers/{id}/contacts", ContactInput => Contact;
    ReplaceContact = "replace_contact", Put "/customers/{id}/contacts/{contact_id}", ContactInput => Contact;
    DeleteContact = "delete_contact", Delete "/customers/{id}/contacts/{contact_id}", NoBody => NotDecoded;
    CreateReminder = "create_reminder", Post "/customers/{id}/reminders", NewReminder => Reminder;
    GetTimeline = "get_timeline", Get "/customers/{id}/timeline", NoBody => TimelinePage;
    GetHealth = "get_health", Get "/health", NoBody => NotDecoded;
    IngestInquiryFromPortal = "ingest_inquiry", Post "/ingest/inquiries", IngestInquiry => IngestedInquiry;
    ListInquiries = "list_inquiries", Get "/inquiries", NoBody => InquiryPage;
    GetInquiry = "get_inquiry", Get "/inquiries/{id}", NoBody => Inquiry;
    UpdateInquiry = "update_inquiry", Patch "/inquiries/{id}", InquiryPatch => Inquiry;
    CreateReply = "create_reply", Post "/inquiries/{id}/replies", NewReply => Message;
    GetMe = "get_me", Get "/me", NoBody => Me;
    ListProducts = "list_products", Get "/products", NoBody => ProductPage;
    CreateProduct = "create_product", Post "/products", ProductInput => Product;
    GetProduct = "get_product", Get "/products/{id}", NoBody => Product;
    ReplaceProduct = "replace_product", Put "/products/{id}", ProductInput => Product;
    ListQuotes = "list_quotes", Get "/quotes", NoBody => QuotePage;
    CreateQuote = "create_quote", Post "/quotes", QuoteDraft => Quote;
    GetQuote = "get_quote", Get "/quotes/{id}", NoBody => Quote;
    ReplaceQuote = "replace_quote", Put "/quotes/{id}", QuoteDraft => Quote;
    AcceptQuote = "accept_quote", Post "/quotes/{id}/accept", NoBody => Quote;
    RejectQuote = "reject_quote", Post "/quotes/{id}/reject", NoBody => Quote;
    ReviseQuote = "revise_quote", Post "/quotes/{id}/revise", NoBody => Quote;
    ListQuoteRevisions = "list_quote_revisions", Get "/quotes/{id}/revisions", NoBody => QuotePage;
    SendQuote = "send_quote", Post "/quotes/{id}/send", NoBody => Quote;
    ListReminders = "list_reminders", Get "/reminders", NoBody => ReminderPage;
    GetReminder = "get_reminder", Get "/reminders/{id}", NoBody => Reminder;
    UpdateReminder = "update_reminder", Patch "/reminders/{id}", ReminderPatch => Reminder;
    ListUsers = "list_users", Get "/users", NoBody => UserList;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_take_their_parameters_in_order() {
        assert_eq!(
            GetActivity::segments(&["c1", "a2"]),
            Some(vec![
                "customers".to_owned(),
                "c1".to_owned(),
                "activities".to_owned(),
                "a2".to_owned()
            ])
        );
        assert_eq!(ListUsers::segments(&[]), Some(vec!["users".to_owned()]));
        assert_eq!(GetCustomer::segments(&[]), None, "a parameter is missing");
        assert_eq!(ListUsers::segments(&["x"]), None, "one too many");
    }

    #[test]
    fn operation_ids_are_unique() {
        let mut ids: Vec<&str> = ALL.iter().map(|(id, _, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }

    #[test]
    fn type_names_are_the_last_segment() {
        let names = type_names();
        let update = names
            .iter()
            .find(|(id, _, _)| *id == UpdateCustomer::ID)
            .unwrap();
        assert_eq!(
            update,
            &("update_customer", Some("CustomerPatch"), Some("Customer"))
        );
        let delete = names
            .iter()
            .find(|(id, _, _)| *id == DeleteContact::ID)
            .unwrap();
        assert_eq!(delete, &("delete_contact", None, None));
    }
}
