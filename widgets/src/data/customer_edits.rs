//! The user's edits of a customer beyond its profile fields: contacts, notes and
//! activities, reminders. Each is queued in the outbox (stored first, shown at
//! once, sent when possible), like every edit.

use std::rc::Rc;

use contract::customer::{
    Contact, ContactInput, Customer, CustomerSummary, NewActivity, NewReminder, Reminder,
    ReminderPatch,
};
use contract::ids::CustomerId;

use super::customer_view::{
    PendingActivity, ShownCustomer, ShownReminder, pending_activities, shown_customer,
    shown_reminders,
};
use super::{Data, Mutation, engine};

impl Data {
    /// `customer` as the user sees it: their edits on the way applied.
    pub(crate) fn shown_customer(&self, customer: Customer) -> ShownCustomer {
        shown_customer(customer, self.0.outbox.borrow().entries(), &self.0.names())
    }

    fn queue(&self, if_match: Option<u64>, mutation: Mutation) {
        engine::enqueue(Rc::clone(&self.0), mutation.resource(), if_match, mutation);
    }

    /// Adds a contact person to `customer`.
    pub(crate) fn create_contact(&self, customer: &CustomerSummary, contact: ContactInput) {
        self.queue(
            None,
            Mutation::CreateContact {
                customer: customer.id,
                contact,
                about: customer.name.clone(),
            },
        );
    }

    /// Replaces what `contact` of `customer` says, on the version the user saw.
    pub(crate) fn replace_contact(
        &self,
        customer: &CustomerSummary,
        contact: &Contact,
        input: ContactInput,
    ) {
        self.queue(
            Some(contact.version.0),
            Mutation::ReplaceContact {
                customer: customer.id,
                id: contact.id,
                contact: input,
                about: customer.name.clone(),
            },
        );
    }

    /// Removes `contact` from `customer`.
    pub(crate) fn delete_contact(&self, customer: &CustomerSummary, contact: &Contact) {
        self.queue(
            Some(contact.version.0),
            Mutation::DeleteContact {
                customer: customer.id,
                id: contact.id,
                name: contact.name.clone(),
                about: customer.name.clone(),
            },
        );
    }

    /// Folds `duplicate` into `customer` (on the version the user saw).
    pub(crate) fn merge_customer(&self, customer: &CustomerSummary, duplicate: &CustomerSummary) {
        self.queue(
            Some(self.seen_version(customer).0),
            Mutation::MergeCustomer {
                id: customer.id,
                duplicate: duplicate.id,
                duplicate_name: duplicate.name.clone(),
                about: customer.name.clone(),
            },
        );
    }

    /// The look-alikes being folded into `customer` (waiting or being sent).
    pub(crate) fn pending_merges(&self, customer: CustomerId) -> Vec<CustomerId> {
        self.0
            .outbox
            .borrow()
            .entries()
            .iter()
            .filter_map(|entry| match &entry.op {
                Mutation::MergeCustomer { id, duplicate, .. } if *id == customer => {
                    Some(*duplicate)
                }
                _ => None,
            })
            .collect()
    }

    /// Adds a note, or logs a call, meeting, e-mail or sample shipment.
    pub(crate) fn log_activity(&self, customer: &CustomerSummary, activity: NewActivity) {
        self.queue(
            None,
            Mutation::CreateActivity {
                customer: customer.id,
                activity,
                about: customer.name.clone(),
            },
        );
    }

    /// Sets a follow-up or an important date on `customer`.
    pub(crate) fn add_reminder(&self, customer: &CustomerSummary, reminder: NewReminder) {
        self.queue(
            None,
            Mutation::CreateReminder {
                customer: customer.id,
                reminder,
                about: customer.name.clone(),
            },
        );
    }

    /// Marks `reminder` done (or open again), or moves it.
    pub(crate) fn update_reminder(&self, reminder: &Reminder, patch: ReminderPatch) {
        self.queue(
            Some(reminder.version.0),
            Mutation::UpdateReminder {
                customer: reminder.customer_id,
                id: reminder.id,
                patch,
                about: reminder.title.clone(),
            },
        );
    }

    /// The user's reminders on `customer`, as they see them.
    pub(crate) fn reminders_of(&self, customer: CustomerId) -> Vec<ShownReminder> {
        let cached = self
            .0
            .records
            .reminders
            .borrow()
            .values()
            .filter(|reminder| reminder.customer_id == customer)
            .map(|reminder| Reminder::clone(reminder))
            .collect();
        let me = self.me().map(|user| contract::user::UserRef {
            id: user.id,
            name: user.name,
        });
        shown_reminders(
            customer,
            cached,
            self.0.outbox.borrow().entries(),
            me,
            crate::intl::now(),
        )
    }

    /// The notes and activities on `customer` not yet saved, newest first.
    pub(crate) fn pending_activities(&self, customer: CustomerId) -> Vec<PendingActivity> {
        pending_activities(customer, self.0.outbox.borrow().entries())
    }
}
