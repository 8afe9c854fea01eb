//! Tests of the assignment order: sticky owner, rules, round robin, least busy.

use uuid::Uuid;

use super::*;

fn teammate(number: u128, name: &str, role: Role, busy: u32) -> Teammate {
    Teammate {
        user: UserRef {
            id: UserId(Uuid::from_u128(number)),
            name: name.to_owned(),
        },
        role,
        active: true,
        active_inquiries: busy,
    }
}

fn team() -> Vec<Teammate> {
    vec![
        teammate(1, "Chen Jing", Role::Owner, 0),
        teammate(2, "Li Wei", Role::Rep, 9),
        teammate(3, "Wang Fang", Role::Rep, 4),
        teammate(4, "Zhao Lei", Role::Rep, 4),
    ]
}

fn id(number: u128) -> UserId {
    UserId(Uuid::from_u128(number))
}

const GERMAN: Arrival<'static> = Arrival {
    country: "de",
    product_category: Some("High bay lights"),
    returning_customer: None,
};

fn rules() -> Vec<Rule> {
    vec![
        Rule::Country {
            country: "DE".into(),
            assignee: id(2),
        },
        Rule::ProductCategory {
            category: "high bay lights".into(),
            assignee: id(3),
        },
        Rule::LeastBusy,
    ]
}

#[test]
fn the_owner_of_a_returning_customer_comes_first() {
    let arrival = Arrival {
        returning_customer: Some(ReturningCustomer {
            name: "Müller Handels GmbH",
            owner: Some(id(4)),
        }),
        ..GERMAN
    };
    let decision = decide(&arrival, &rules(), &team(), None);
    assert_eq!(decision.rule, AssignmentRule::StickyOwner);
    assert_eq!(decision.assignee.unwrap().name, "Zhao Lei");
    assert_eq!(
        decision.explanation,
        "Zhao Lei owns returning customer Müller Handels GmbH"
    );
}

#[test]
fn an_inactive_owner_falls_through_to_the_rules_and_is_mentioned() {
    let mut team = team();
    team[3].active = false;
    let arrival = Arrival {
        returning_customer: Some(ReturningCustomer {
            name: "Müller Handels GmbH",
            owner: Some(id(4)),
        }),
        ..GERMAN
    };
    let decision = decide(&arrival, &rules(), &team, None);
    assert_eq!(decision.rule, AssignmentRule::Country);
    assert_eq!(
        decision.explanation,
        "Li Wei covers buyers from DE (Zhao Lei owns returning customer Müller Handels GmbH \
         but is inactive)"
    );
}

#[test]
fn rules_apply_by_priority() {
    let decision = decide(&GERMAN, &rules(), &team(), None);
    assert_eq!(decision.rule, AssignmentRule::Country);
    let french = Arrival {
        country: "FR",
        ..GERMAN
    };
    let decision = decide(&french, &rules(), &team(), None);
    assert_eq!(decision.rule, AssignmentRule::ProductCategory);
    assert_eq!(
        decision.explanation,
        "Wang Fang covers the product category high bay lights"
    );
}

#[test]
fn least_busy_takes_the_fewest_active_inquiries_then_the_name() {
    let arrival = Arrival {
        country: "US",
        product_category: None,
        returning_customer: None,
    };
    let decision = decide(&arrival, &rules(), &team(), None);
    assert_eq!(decision.rule, AssignmentRule::LeastBusy);
    assert_eq!(
        decision.explanation,
        "Wang Fang has the fewest active inquiries (4) among 3 sales reps"
    );
    let by_default = decide(&arrival, &[], &team(), None);
    assert!(by_default.explanation.ends_with("as no other rule applied"));
}

#[test]
fn round_robin_goes_through_the_reps_by_name_and_wraps() {
    let arrival = Arrival {
        country: "US",
        product_category: None,
        returning_customer: None,
    };
    let rules = [Rule::RoundRobin];
    let mut last = None;
    let mut names = Vec::new();
    for _ in 0..4 {
        let decision = decide(&arrival, &rules, &team(), last);
        assert_eq!(decision.rule, AssignmentRule::RoundRobin);
        let assignee = decision.assignee.unwrap();
        last = Some(assignee.id);
        names.push(assignee.name);
    }
    assert_eq!(names, ["Li Wei", "Wang Fang", "Zhao Lei", "Li Wei"]);
}

#[test]
fn without_active_reps_everyone_active_shares_and_without_anyone_nobody_gets_it() {
    let mut team = team();
    for teammate in &mut team[1..] {
        teammate.active = false;
    }
    let arrival = Arrival {
        country: "US",
        product_category: None,
        returning_customer: None,
    };
    let decision = decide(&arrival, &[Rule::LeastBusy], &team, None);
    assert_eq!(decision.assignee.unwrap().name, "Chen Jing");
    assert!(decision.explanation.contains("among 1 active user"));
    team[0].active = false;
    let decision = decide(&arrival, &[Rule::RoundRobin], &team, None);
    assert_eq!(decision.assignee, None);
    assert_eq!(decision.rule, AssignmentRule::RoundRobin);
    assert!(decision.explanation.contains("left unassigned"));
}
