//! Records for the data layer's native tests.

use contract::customer::{Customer, CustomerSummary};
use contract::inquiry::InquirySummary;

/// A new, unread inquiry from a Nigerian buyer, version 3.
pub(crate) fn inquiry() -> InquirySummary {
    serde_json::from_value(serde_json::json!({
        "id": "0b9f3f1e-8e2a-4c47-9d55-5f0f6c1d2a01",
        "buyer": { "name": "Amina Yusuf", "company": "Lagos Tools", "country": "NG", "verified": false },
        "customer_id": null,
        "product_name": "Cordless drill",
        "quantity": null,
        "subject": "Drills",
        "preview": "Price for 500?",
        "received_at": "2026-11-20T08:00:00Z",
        "response_due_at": null,
        "first_response_at": null,
        "status": "new",
        "assignee": null,
        "score": 70,
        "unread": true,
        "tags": [],
        "language": "en",
        "version": 3,
        "updated_at": "2026-11-20T08:00:00Z"
    }))
    .expect("a valid summary")
}

fn customer_summary_json() -> serde_json::Value {
    serde_json::json!({
        "id": "5b1f6f0e-2c7a-4f10-9a3b-6f5d2a7c9e01",
        "name": "Bright Future Imports Inc.",
        "country": "US",
        "business_type": "importer",
        "tier": "transactional",
        "stage": "prospect",
        "owner": null,
        "tags": [],
        "last_contact_at": null,
        "inquiry_count": 3,
        "version": 4,
        "updated_at": "2026-11-20T08:00:00Z"
    })
}

/// A transactional prospect in the US, version 4.
pub(crate) fn customer() -> CustomerSummary {
    serde_json::from_value(customer_summary_json()).expect("a valid summary")
}

/// [`customer`]'s whole profile, with one contact (Amy Chen, version 2).
pub(crate) fn profile() -> Customer {
    let mut json = customer_summary_json();
    let extra = serde_json::json!({
        "website": null,
        "industry": null,
        "size": null,
        "verified": false,
        "source": "portal_inquiry",
        "contacts": [{
            "id": "00000000-0000-4000-8000-000000000001",
            "name": "Amy Chen",
            "title": null,
            "buying_role": "procurement",
            "emails": ["amy@brightfuture.com"],
            "phones": [],
            "messengers": [],
            "language": "en",
            "preferred_channel": null,
            "do_not_contact": false,
            "version": 2
        }],
        "metrics": {
            "last_contact_at": null,
            "inquiry_count": 3,
            "inquiries_last_90_days": 1,
            "quoted_value": [],
            "won_value": [],
            "won_value_converted": null,
            "win_rate_percent": null,
            "median_response_minutes": null,
            "health": {"score": 80, "status": "healthy", "usual_interval_days": null, "explanation": ""}
        },
        "created_at": "2026-01-05T08:00:00Z"
    });
    if let (Some(json), serde_json::Value::Object(extra)) = (json.as_object_mut(), extra) {
        json.extend(extra);
    }
    serde_json::from_value(json).expect("a valid profile")
}
