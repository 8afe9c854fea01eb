//! A customer as the user sees it while their edits travel: the server's
//! profile, contacts and reminders with the outbox's edits that are waiting or
//! being sent applied, and the notes and activities not yet saved. Edits in
//! conflict or refused are not shown: the user decides about them. Plain Rust,
//! tested natively.

use std::collections::HashMap;

use contract::customer::{Contact, ContactInput, Customer, NewActivity, Reminder};
use contract::ids::{ContactId, CustomerId, ReminderId, UserId};
use contract::user::UserRef;
use contract::version::Version;
use time::OffsetDateTime;

use super::Mutation;
use crate::sync::{Entry, State};

/// A customer's profile as shown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShownCustomer {
    pub(crate) customer: Customer,
    /// An edit of the profile itself is on its way.
    pub(crate) pending: bool,
    /// The contacts with an edit on their way (a new one has a stand-in id).
    pub(crate) pending_contacts: Vec<ContactId>,
}

/// A reminder as shown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShownReminder {
    pub(crate) reminder: Reminder,
    /// Not yet acknowledged by the server (a new one has a stand-in id).
    pub(crate) pending: bool,
}

/// A note or activity the server has not acknowledged yet.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PendingActivity {
    pub(crate) seq: u64,
    pub(crate) activity: NewActivity,
    /// Refused or held: the user decides (in the decisions panel).
    pub(crate) stuck: bool,
}

/// The id a record created offline goes by until the server gives it one:
/// unique per outbox entry, and never a server's (version 8 bits set, variant 0).
fn stand_in(seq: u64) -> uuid::Uuid {
    uuid::Uuid::from_u64_pair(0xFFFF_FFFF_FFFF_8FFF, seq)
}

/// Whether `id` is a stand-in: the record is not on the server yet.
pub(crate) fn is_stand_in(id: uuid::Uuid) -> bool {
    id.as_u64_pair().0 == 0xFFFF_FFFF_FFFF_8FFF
}

fn on_its_way(entry: &Entry<Mutation>, customer: CustomerId) -> bool {
    entry.op.customer() == Some(customer)
        && matches!(entry.state, State::Waiting { .. } | State::Sending { .. })
}

fn contact_of(id: ContactId, input: &ContactInput, version: Version) -> Contact {
    Contact {
        id,
        name: input.name.clone(),
        title: input.title.clone(),
        buying_role: input.buying_role,
        emails: input.emails.clone(),
        phones: input.phones.clone(),
        messengers: input.messengers.clone(),
        language: input.language.clone(),
        preferred_channel: input.preferred_channel,
        do_not_contact: input.do_not_contact,
        version,
    }
}

/// `customer` (the server's) with the user's edits on their way.
pub(crate) fn shown_customer(
    mut customer: Customer,
    outbox: &[Entry<Mutation>],
    names: &HashMap<UserId, String>,
) -> ShownCustomer {
    let id = customer.summary.id;
    let mut pending = false;
    let mut pending_contacts = Vec::new();
    for entry in outbox.iter().filter(|entry| on_its_way(entry, id)) {
        match &entry.op {
            Mutation::UpdateCustomer { .. } => {
                entry.op.apply_to_profile(&mut customer, names);
                pending = true;
            }
            Mutation::CreateContact { contact, .. } => {
                let stand_in = ContactId(stand_in(entry.seq));
                customer
                    .contacts
                    .push(contact_of(stand_in, contact, Version(0)));
                pending_contacts.push(stand_in);
            }
            Mutation::ReplaceContact {
                id: contact_id,
                contact,
                ..
            } => {
                if let Some(known) = customer
                    .contacts
                    .iter_mut()
                    .find(|known| known.id == *contact_id)
                {
                    *known = contact_of(*contact_id, contact, known.version);
                    pending_contacts.push(*contact_id);
                }
            }
            Mutation::DeleteContact { id: contact_id, .. } => {
                customer.contacts.retain(|known| known.id != *contact_id);
            }
            _ => {}
        }
    }
    ShownCustomer {
        customer,
        pending,
        pending_contacts,
    }
}

/// The reminders on `customer` (`cached`: the server's, any order) with the
/// user's edits on their way; open ones first, earliest due first.
pub(crate) fn shown_reminders(
    customer: CustomerId,
    cached: Vec<Reminder>,
    outbox: &[Entry<Mutation>],
    me: Option<UserRef>,
    now: OffsetDateTime,
) -> Vec<ShownReminder> {
    let mut shown: Vec<ShownReminder> = cached
        .into_iter()
        .filter(|reminder| reminder.customer_id == customer)
        .map(|reminder| ShownReminder {
            reminder,
            pending: false,
        })
        .collect();
    for entry in outbox.iter().filter(|entry| on_its_way(entry, customer)) {
        match &entry.op {
            Mutation::CreateReminder { reminder, .. } => shown.push(ShownReminder {
                reminder: Reminder {
                    id: ReminderId(stand_in(entry.seq)),
                    customer_id: customer,
                    kind: reminder.kind,
                    title: reminder.title.clone(),
                    due_on: reminder.due_on,
                    done_at: None,
                    owner: me.clone().unwrap_or_else(|| UserRef {
                        id: UserId(uuid::Uuid::nil()),
                        name: String::new(),
                    }),
                    version: Version(0),
                },
                pending: true,
            }),
            Mutation::UpdateReminder { id, patch, .. } => {
                if let Some(known) = shown.iter_mut().find(|known| known.reminder.id == *id) {
                    if let Some(title) = &patch.title {
                        known.reminder.title.clone_from(title);
                    }
                    if let Some(due_on) = patch.due_on {
                        known.reminder.due_on = due_on;
                    }
                    if let Some(done) = patch.done {
                        known.reminder.done_at = done.then_some(now);
                    }
                    known.pending = true;
                }
            }
            _ => {}
        }
    }
    shown.sort_by_key(|shown| {
        (
            shown.reminder.done_at.is_some(),
            shown.reminder.due_on,
            shown.reminder.id,
        )
    });
    shown
}

/// The notes and activities on `customer` the server has not acknowledged,
/// newest first.
pub(crate) fn pending_activities(
    customer: CustomerId,
    outbox: &[Entry<Mutation>],
) -> Vec<PendingActivity> {
    let mut pending: Vec<PendingActivity> = outbox
        .iter()
        .filter_map(|entry| match &entry.op {
            Mutation::CreateActivity {
                customer: of,
                activity,
                ..
            } if *of == customer => Some(PendingActivity {
                seq: entry.seq,
                activity: activity.clone(),
                stuck: matches!(entry.state, State::Conflict { .. } | State::Rejected { .. }),
            }),
            _ => None,
        })
        .collect();
    pending.reverse();
    pending
}

#[cfg(test)]
mod tests {
    use contract::customer::{
        ActivityKind, BuyingRole, CustomerPatch, NewReminder, ReminderKind, ReminderPatch, Tier,
    };
    use time::macros::{date, datetime};

    use super::*;
    use crate::sync::{Outbox, Outcome};

    fn customer() -> Customer {
        crate::data::fixtures::profile()
    }

    fn input(name: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            title: Some("Buyer".into()),
            buying_role: BuyingRole::DecisionMaker,
            emails: vec![],
            phones: vec![],
            messengers: vec![],
            language: None,
            preferred_channel: None,
            do_not_contact: false,
        }
    }

    #[test]
    fn contact_edits_show_until_the_server_has_them() {
        let base = customer();
        let id = base.summary.id;
        let amy = base.contacts[0].id;
        let mut outbox = Outbox::default();
        let about = String::from("Bright Future");
        let created = outbox.push(
            "c",
            None,
            "k1".into(),
            Mutation::CreateContact {
                customer: id,
                contact: input("Bob Li"),
                about: about.clone(),
            },
        );
        outbox.push(
            "a",
            Some(2),
            "k2".into(),
            Mutation::ReplaceContact {
                customer: id,
                id: amy,
                contact: input("Amy Chen-Wu"),
                about: about.clone(),
            },
        );
        outbox.push(
            "t",
            Some(4),
            "k3".into(),
            Mutation::UpdateCustomer {
                id,
                patch: CustomerPatch {
                    tier: Some(Tier::Partnership),
                    ..CustomerPatch::default()
                },
                about,
            },
        );
        let shown = shown_customer(base.clone(), outbox.entries(), &HashMap::new());
        assert!(shown.pending);
        assert_eq!(shown.customer.summary.tier, Tier::Partnership);
        let names: Vec<&str> = shown
            .customer
            .contacts
            .iter()
            .map(|contact| contact.name.as_str())
            .collect();
        assert_eq!(names, ["Amy Chen-Wu", "Bob Li"]);
        assert_eq!(shown.customer.contacts[0].version, Version(2), "kept");
        assert!(is_stand_in(shown.customer.contacts[1].id.0));
        assert!(!is_stand_in(amy.0));
        assert_eq!(shown.pending_contacts, [shown.customer.contacts[1].id, amy]);

        // The new contact is refused: it no longer shows; the others still do.
        let sent = outbox.next_to_send(0).expect("the first edit");
        assert_eq!(sent.seq, created);
        outbox.complete(
            created,
            Outcome::Rejected {
                status: 422,
                detail: "bad".into(),
            },
            0,
        );
        let shown = shown_customer(base, outbox.entries(), &HashMap::new());
        assert_eq!(shown.customer.contacts.len(), 1);
    }

    #[test]
    fn a_deleted_contact_disappears_at_once() {
        let base = customer();
        let mut outbox = Outbox::default();
        outbox.push(
            "a",
            Some(2),
            "k".into(),
            Mutation::DeleteContact {
                customer: base.summary.id,
                id: base.contacts[0].id,
                name: "Amy Chen".into(),
                about: String::new(),
            },
        );
        let shown = shown_customer(base, outbox.entries(), &HashMap::new());
        assert!(shown.customer.contacts.is_empty());
        assert!(!shown.pending, "the profile itself is not edited");
    }

    fn reminder(id: u128, due_on: time::Date, customer: CustomerId) -> Reminder {
        Reminder {
            id: ReminderId(uuid::Uuid::from_u128(id)),
            customer_id: customer,
            kind: ReminderKind::FollowUp,
            title: format!("Reminder {id}"),
            due_on,
            done_at: None,
            owner: UserRef {
                id: UserId(uuid::Uuid::from_u128(7)),
                name: "Li Wei".into(),
            },
            version: Version(1),
        }
    }

    #[test]
    fn reminders_show_new_and_done_ones_in_order() {
        let id = customer().summary.id;
        let other = CustomerId(uuid::Uuid::from_u128(5));
        let now = datetime!(2026-11-22 10:00 UTC);
        let cached = vec![
            reminder(1, date!(2026 - 12 - 01), id),
            reminder(2, date!(2026 - 11 - 20), id),
            reminder(3, date!(2026 - 11 - 01), other),
        ];
        let mut outbox = Outbox::default();
        outbox.push(
            "r",
            Some(1),
            "k1".into(),
            Mutation::UpdateReminder {
                customer: id,
                id: ReminderId(uuid::Uuid::from_u128(2)),
                patch: ReminderPatch {
                    done: Some(true),
                    ..ReminderPatch::default()
                },
                about: String::new(),
            },
        );
        outbox.push(
            "n",
            None,
            "k2".into(),
            Mutation::CreateReminder {
                customer: id,
                reminder: NewReminder {
                    kind: ReminderKind::ImportantDate,
                    title: "Contract renewal".into(),
                    due_on: date!(2026 - 11 - 25),
                },
                about: String::new(),
            },
        );
        let shown = shown_reminders(id, cached, outbox.entries(), None, now);
        let titles: Vec<(&str, bool, bool)> = shown
            .iter()
            .map(|shown| {
                (
                    shown.reminder.title.as_str(),
                    shown.reminder.done_at.is_some(),
                    shown.pending,
                )
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("Contract renewal", false, true),
                ("Reminder 1", false, false),
                ("Reminder 2", true, true),
            ]
        );
    }

    #[test]
    fn unsaved_activities_are_listed_newest_first_and_stuck_ones_say_so() {
        let id = customer().summary.id;
        let mut outbox = Outbox::default();
        let note = |body: &str| Mutation::CreateActivity {
            customer: id,
            activity: NewActivity {
                kind: ActivityKind::Note,
                body: body.into(),
                occurred_at: None,
            },
            about: String::new(),
        };
        let first = outbox.push("x", None, "k1".into(), note("first"));
        outbox.push("x", None, "k2".into(), note("second"));
        outbox.next_to_send(0);
        outbox.complete(
            first,
            Outcome::Rejected {
                status: 422,
                detail: "bad".into(),
            },
            0,
        );
        let pending = pending_activities(id, outbox.entries());
        let bodies: Vec<(&str, bool)> = pending
            .iter()
            .map(|pending| (pending.activity.body.as_str(), pending.stuck))
            .collect();
        assert_eq!(bodies, [("second", false), ("first", true)]);
    }
}
