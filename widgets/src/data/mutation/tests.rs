//! The outbox operations: their requests, queues and stored form, and how
//! pending edits show on cached inquiries.

use contract::inquiry::InquiryStatus;

use super::*;
use crate::data::fixtures::inquiry;
use crate::sync::Outbox;

fn update(id: InquiryId, patch: InquiryPatch) -> Mutation {
    Mutation::UpdateInquiry {
        id,
        patch,
        about: "Lagos Tools".into(),
    }
}

#[test]
fn pending_edits_show_in_order_and_settled_ones_do_not() {
    let base = inquiry();
    let rep = UserId(uuid::Uuid::from_u128(7));
    let names = HashMap::from([(rep, "Li Wei".to_owned())]);
    let mut outbox = Outbox::default();
    let open = InquiryPatch {
        status: Some(InquiryStatus::Open),
        unread: Some(false),
        ..InquiryPatch::default()
    };
    let assign = InquiryPatch {
        assignee_id: Some(Some(rep)),
        status: Some(InquiryStatus::Quoted),
        ..InquiryPatch::default()
    };
    let first = outbox.push(
        &inquiry_resource(base.id),
        Some(3),
        "k1".into(),
        update(base.id, open),
    );
    outbox.push(
        &inquiry_resource(base.id),
        Some(3),
        "k2".into(),
        update(base.id, assign),
    );
    let (shown, pending) = shown_inquiry(&Arc::new(base.clone()), outbox.entries(), &names);
    assert!(pending);
    assert_eq!(shown.status, InquiryStatus::Quoted);
    assert!(!shown.unread);
    assert_eq!(
        shown.assignee.as_ref().map(|user| user.name.as_str()),
        Some("Li Wei")
    );
    assert_eq!(shown.version, base.version, "the server's version stays");

    // The first edit meets a conflict: the second (held behind it) still shows,
    // the first no longer does.
    let sent = outbox.next_to_send(0).expect("the first edit");
    assert_eq!(sent.seq, first);
    outbox.complete(first, crate::sync::Outcome::Conflict { current: 4 }, 0);
    let (shown, _) = shown_inquiry(&Arc::new(base.clone()), outbox.entries(), &names);
    assert!(shown.unread, "the edit in conflict is not shown");
    assert_eq!(shown.status, InquiryStatus::Quoted);
}

#[test]
fn edits_of_other_inquiries_do_not_show() {
    let base = inquiry();
    let other = InquiryId(uuid::Uuid::from_u128(99));
    let mut outbox = Outbox::default();
    outbox.push(
        &inquiry_resource(other),
        Some(1),
        "k".into(),
        update(
            other,
            InquiryPatch {
                status: Some(InquiryStatus::Spam),
                ..InquiryPatch::default()
            },
        ),
    );
    let record = Arc::new(base.clone());
    let (shown, pending) = shown_inquiry(&record, outbox.entries(), &HashMap::new());
    assert!(!pending);
    assert!(Arc::ptr_eq(&shown, &record), "shared, not copied");
}

#[test]
fn a_stored_mutation_reads_back_identically() {
    let mutation = update(
        inquiry().id,
        InquiryPatch {
            assignee_id: Some(None),
            tags: Some(vec!["sample".into()]),
            ..InquiryPatch::default()
        },
    );
    // Stored tagged by `kind` (engine::tagged, tested in the browser).
    let json = serde_json::to_value(&mutation).unwrap();
    assert!(
        json["update_inquiry"]["patch"]["assignee_id"].is_null(),
        "unassigning survives"
    );
    assert_eq!(serde_json::from_value::<Mutation>(json).unwrap(), mutation);
}

fn customer() -> CustomerSummary {
    crate::data::fixtures::customer()
}

#[test]
fn a_merge_goes_on_the_profiles_queue() {
    let base = customer();
    let duplicate = CustomerId(uuid::Uuid::from_u128(9));
    let merge = Mutation::MergeCustomer {
        id: base.id,
        duplicate,
        duplicate_name: "BRIGHT FUTURE".into(),
        about: base.name.clone(),
    };
    let update = Mutation::UpdateCustomer {
        id: base.id,
        patch: CustomerPatch::default(),
        about: base.name.clone(),
    };
    assert_eq!(merge.resource(), update.resource());
    assert_eq!(merge.method(), "POST");
    assert_eq!(
        merge.path(),
        ["customers", &base.id.to_string(), "merge"].map(str::to_owned)
    );
    assert_eq!(merge.customer(), Some(base.id));
    let json = serde_json::to_value(&merge).unwrap();
    assert_eq!(json["merge_customer"]["duplicate_name"], "BRIGHT FUTURE");
    assert_eq!(serde_json::from_value::<Mutation>(json).unwrap(), merge);
}

#[test]
fn a_customer_edit_shows_on_that_customer_only() {
    let base = customer();
    let owner = UserId(uuid::Uuid::from_u128(7));
    let names = HashMap::from([(owner, "Li Wei".to_owned())]);
    let edit = Mutation::UpdateCustomer {
        id: base.id,
        patch: CustomerPatch {
            tier: Some(contract::customer::Tier::Partnership),
            stage: Some(contract::customer::LifecycleStage::Sampling),
            owner_id: Some(Some(owner)),
            tags: Some(vec!["fair 2026".into()]),
            ..CustomerPatch::default()
        },
        about: base.name.clone(),
    };
    assert_eq!(edit.resource(), format!("customer/{}", base.id));
    assert_eq!(
        edit.path(),
        vec!["customers".to_owned(), base.id.to_string()]
    );
    assert_eq!((edit.customer(), edit.inquiry()), (Some(base.id), None));

    let mut shown = base.clone();
    edit.apply_to_customer(&mut shown, &names);
    assert_eq!(shown.tier, contract::customer::Tier::Partnership);
    assert_eq!(shown.stage, contract::customer::LifecycleStage::Sampling);
    assert_eq!(
        shown.owner.as_ref().map(|owner| owner.name.as_str()),
        Some("Li Wei")
    );
    assert_eq!(shown.tags, vec!["fair 2026".to_owned()]);
    assert_eq!(shown.version, base.version, "the server's version stays");

    let mut other = customer();
    other.id = CustomerId(uuid::Uuid::from_u128(99));
    let untouched = other.clone();
    edit.apply_to_customer(&mut other, &names);
    assert_eq!(other, untouched);

    // An inquiry edit leaves customers alone, and the other way round.
    let mut inquiry_shown = inquiry();
    let before = inquiry_shown.clone();
    edit.apply_to_inquiry(&mut inquiry_shown, &names);
    assert_eq!(inquiry_shown, before);
}
