//! Generated inquiries read like old, worked inquiries.

use contract::ids::UserId;
use contract::user::Role;

use super::*;
use crate::seed::brightway;

fn team() -> Team {
    let users = [
        (
            UserId(uuid::Uuid::from_u128(1)),
            "Mia Manager".to_owned(),
            Role::Manager,
        ),
        (
            UserId(uuid::Uuid::from_u128(2)),
            "Rex Rep".to_owned(),
            Role::Rep,
        ),
        (
            UserId(uuid::Uuid::from_u128(3)),
            "Rae Rep".to_owned(),
            Role::Rep,
        ),
    ];
    Team::new(
        "member".to_owned(),
        "Brightway".to_owned(),
        &brightway::MEMBER,
        &users,
    )
}

#[test]
fn inquiries_are_old_closed_mostly_and_assigned_in_turn() {
    let now = OffsetDateTime::now_utc();
    let timeline = Timeline {
        now,
        newest_days: 60.0,
        oldest_days: 730.0,
    };
    let locations = buyers::locations();
    let mut random = Random::new(9);
    let mut team = team();
    let inquiries: Vec<BulkInquiry> = (0..400)
        .map(|index| inquiry(&mut random, &mut team, &locations, &timeline, index))
        .collect();
    let spam = inquiries
        .iter()
        .filter(|inquiry| inquiry.status == InquiryStatus::Spam)
        .count();
    assert!((30..120).contains(&spam), "{spam} spam");
    for inquiry in &inquiries {
        let age = now - inquiry.received_at;
        assert!(age >= Duration::days(60) && age <= Duration::days(731));
        assert!(inquiry.updated_at >= inquiry.received_at);
        assert!(!inquiry.subject.contains('{') && !inquiry.message.contains('{'));
        if inquiry.status == InquiryStatus::Spam {
            assert_eq!(inquiry.assignee, None);
            assert!(inquiry.score.value < 40, "{:?}", inquiry.score);
        } else {
            assert!(inquiry.assignee.is_some());
        }
        if inquiry.status == InquiryStatus::Won {
            assert!(inquiry.messages.len() >= 3);
        }
    }
    // Round robin spreads the work over the two reps.
    let rex = inquiries
        .iter()
        .filter(|inquiry| inquiry.assignments[0].0 == Some(UserId(uuid::Uuid::from_u128(2))))
        .count();
    assert!(
        (180..=220).contains(&rex),
        "{rex} of 400 to one of two reps"
    );
    // Buyers write in many languages.
    let languages: std::collections::BTreeSet<&str> =
        inquiries.iter().map(|inquiry| inquiry.language).collect();
    assert!(languages.len() >= 4, "{languages:?}");
}
