//! Records for the data layer's native tests.

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
