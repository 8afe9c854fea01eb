use super::*;

#[test]
fn status_attribute_parses_or_explains() {
    assert_eq!(parse_status(None), Ok(None));
    assert_eq!(parse_status(Some(String::new())), Ok(None));
    assert_eq!(
        parse_status(Some("quoted".into())),
        Ok(Some(InquiryStatus::Quoted))
    );
    let (value, reason) = parse_status(Some("pending".into())).unwrap_err();
    assert_eq!(value, "pending");
    assert!(reason.contains("new, open"), "{reason}");
}

#[test]
fn assignee_attribute_parses_or_explains() {
    assert_eq!(parse_assignee(None), Ok(None));
    assert_eq!(
        parse_assignee(Some("me".into())),
        Ok(Some(AssigneeFilter::Me))
    );
    assert_eq!(
        parse_assignee(Some("unassigned".into())),
        Ok(Some(AssigneeFilter::Unassigned))
    );
    let (value, reason) = parse_assignee(Some("bob".into())).unwrap_err();
    assert_eq!(value, "bob");
    assert!(reason.contains("me, unassigned"), "{reason}");
}
