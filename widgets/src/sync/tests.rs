//! The outbox's rules one by one, and what each HTTP answer means; the
//! randomized simulation against a model of the server is in `simulation`.

mod model;
mod simulation;

use model::{Server, SetValue};

use super::*;

#[test]
fn a_lost_answer_is_retried_with_the_same_key_and_applied_once() {
    let mut server = Server::new();
    let mut outbox = Outbox::default();
    outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(7));
    let sent = outbox.next_to_send(0).unwrap();
    assert_eq!(server.handle(&sent), Outcome::Applied { version: Some(2) });
    assert_eq!(outbox.complete(sent.seq, Outcome::Lost, 0), None);
    // Not before the backoff.
    assert_eq!(outbox.next_to_send(999), None);
    let again = outbox.next_to_send(1_000).unwrap();
    assert_eq!(again.key, "k1");
    let answer = server.handle(&again);
    assert_eq!(answer, Outcome::Applied { version: Some(2) });
    assert!(outbox.complete(again.seq, answer, 1_000).is_some());
    assert!(outbox.is_empty());
    assert_eq!(server.applied, ["k1"]);
}

#[test]
fn a_conflict_waits_for_the_user_and_holds_back_later_edits_of_that_resource_only() {
    let mut outbox = Outbox::default();
    let first = outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(1));
    outbox.push("inquiry/a", Some(1), "k2".to_owned(), SetValue(2));
    outbox.push("inquiry/b", Some(4), "k3".to_owned(), SetValue(3));
    let sent = outbox.next_to_send(0).unwrap();
    assert_eq!(sent.seq, first);
    outbox.complete(first, Outcome::Conflict { current: 5 }, 0);
    assert_eq!(
        outbox.summary(),
        Summary {
            pending: 2,
            conflicts: 1,
            rejected: 0
        }
    );
    // Only the other resource's edit may go.
    assert_eq!(outbox.next_to_send(0).unwrap().key, "k3");
    assert_eq!(outbox.next_to_send(0), None);
    // Keeping mine: sent again on the server's version under a new key.
    assert!(outbox.keep_mine(first, "k1b".to_owned()));
    let again = outbox.next_to_send(0).unwrap();
    assert_eq!((again.if_match, again.key.as_str()), (Some(5), "k1b"));
    // Applied: the next edit of that resource moves onto the new version.
    outbox.complete(first, Outcome::Applied { version: Some(6) }, 0);
    let next = outbox.next_to_send(0).unwrap();
    assert_eq!((next.key.as_str(), next.if_match), ("k2", Some(6)));
}

#[test]
fn a_rejected_edit_never_blocks_the_queue() {
    let mut outbox = Outbox::default();
    let bad = outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(-1));
    outbox.push("inquiry/a", Some(1), "k2".to_owned(), SetValue(2));
    outbox.next_to_send(0);
    outbox.complete(
        bad,
        Outcome::Rejected {
            status: 422,
            detail: "must not be negative".to_owned(),
        },
        0,
    );
    assert_eq!(outbox.next_to_send(0).unwrap().key, "k2");
    assert_eq!(outbox.summary().rejected, 1);
    assert!(outbox.discard(bad).is_some());
}

#[test]
fn retry_after_is_honoured_and_backoff_doubles_up_to_a_minute() {
    assert_eq!(
        (1..=9).map(backoff).collect::<Vec<_>>(),
        [
            1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000
        ]
    );
    let mut outbox = Outbox::default();
    let seq = outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(1));
    outbox.next_to_send(0);
    outbox.complete(
        seq,
        Outcome::Retry {
            after: Some(30_000),
        },
        10,
    );
    assert_eq!(outbox.next_wake(), Some(30_010));
    assert_eq!(outbox.next_to_send(30_009), None);
    assert!(outbox.next_to_send(30_010).is_some());
}

#[test]
fn a_restored_outbox_sends_again_what_was_in_flight_under_the_same_key() {
    let mut outbox = Outbox::default();
    outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(1));
    outbox.push("inquiry/b", Some(1), "k2".to_owned(), SetValue(2));
    outbox.next_to_send(0);
    // The tab closes; the stored entries come back in any order.
    let mut stored = outbox.entries().to_vec();
    stored.reverse();
    let mut restored = Outbox::restore(stored);
    assert_eq!(restored.next_to_send(0).unwrap().key, "k1");
    assert_eq!(restored.next_to_send(0).unwrap().key, "k2");
    let third = restored.push("inquiry/c", None, "k3".to_owned(), SetValue(3));
    assert_eq!(third, 3);
}

#[test]
fn answers_mean_what_the_contract_says() {
    use contract::problem::{Problem, ProblemKind};
    use contract::version::Version as ContractVersion;

    let response = |status, etag, retry_after, problem| Answer::Response {
        status,
        etag,
        retry_after,
        problem,
    };
    assert_eq!(outcome_of(Answer::Nothing), Outcome::Lost);
    assert_eq!(
        outcome_of(response(200, Some("\"8\""), None, None)),
        Outcome::Applied { version: Some(8) }
    );
    assert_eq!(
        outcome_of(response(201, None, None, None)),
        Outcome::Applied { version: None }
    );
    let stale = Problem {
        current_version: Some(ContractVersion(9)),
        ..Problem::new(ProblemKind::PreconditionFailed, "someone else changed it")
    };
    assert_eq!(
        outcome_of(response(412, Some("\"9\""), None, Some(&stale))),
        Outcome::Conflict { current: 9 }
    );
    assert_eq!(
        outcome_of(response(412, Some("\"9\""), None, None)),
        Outcome::Conflict { current: 9 }
    );
    let busy = Problem::new(ProblemKind::IdempotencyKeyInUse, "still running");
    assert_eq!(
        outcome_of(response(409, None, Some("2"), Some(&busy))),
        Outcome::Retry { after: Some(2_000) }
    );
    // A 409 about the resource's state (a sent quote) will not change by waiting.
    let sent = Problem::new(ProblemKind::Conflict, "the quote was sent");
    assert!(matches!(
        outcome_of(response(409, None, None, Some(&sent))),
        Outcome::Rejected { status: 409, .. }
    ));
    for status in [401, 429, 500, 503] {
        assert_eq!(
            outcome_of(response(status, None, None, None)),
            Outcome::Retry { after: None },
            "{status}"
        );
    }
    assert_eq!(
        outcome_of(response(
            503,
            None,
            Some("Wed, 21 Oct 2026 07:28:00 GMT"),
            None
        )),
        Outcome::Retry { after: None }
    );
    let invalid = Problem {
        detail: Some("/status: an inquiry cannot go from quoted to spam".to_owned()),
        ..Problem::new(ProblemKind::Validation, "Some fields are invalid")
    };
    assert_eq!(
        outcome_of(response(422, None, None, Some(&invalid))),
        Outcome::Rejected {
            status: 422,
            detail: "/status: an inquiry cannot go from quoted to spam".to_owned()
        }
    );
    assert!(matches!(
        outcome_of(response(403, None, None, None)),
        Outcome::Rejected { status: 403, .. }
    ));
}

#[test]
fn entries_stored_by_other_tabs_are_taken_in_without_disturbing_one_being_sent() {
    // This tab sends its own entry 1 while another tab stored entry 2.
    let mut leader = Outbox::default();
    let first = leader.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(1));
    let mut stored = leader.entries().to_vec();
    let sending = leader.next_to_send(0).unwrap();
    assert_eq!(sending.seq, first);
    stored.push(Entry {
        seq: 2,
        resource: "inquiry/b".to_owned(),
        if_match: Some(3),
        key: "k2".to_owned(),
        op: SetValue(2),
        state: State::Waiting {
            attempts: 0,
            not_before: 0,
        },
    });
    leader.merge(stored.clone());
    assert_eq!(leader.entries().len(), 2);
    assert_eq!(
        leader.entries()[0].state,
        State::Sending { attempts: 1 },
        "still being sent: its answer is yet to come"
    );
    assert_eq!(leader.next_to_send(0).unwrap().seq, 2);
    // Adopting what is already known changes nothing; the next number follows
    // the largest known.
    leader.adopt(stored[1].clone());
    assert_eq!(leader.entries().len(), 2);
    assert_eq!(
        leader.push("inquiry/c", None, "k3".to_owned(), SetValue(3)),
        3
    );
}

#[test]
fn coming_back_online_sends_what_waits_for_a_backoff_at_once() {
    let mut outbox = Outbox::default();
    outbox.push("inquiry/a", Some(1), "k1".to_owned(), SetValue(1));
    let sent = outbox.next_to_send(0).unwrap();
    outbox.complete(sent.seq, Outcome::Lost, 0);
    assert_eq!(outbox.next_to_send(10), None);
    outbox.hurry();
    assert_eq!(outbox.next_to_send(10).unwrap().key, "k1");
}
