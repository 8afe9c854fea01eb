//! The event stream `GET /changes/stream`: changes made after connecting arrive
//! without polling, and a reconnection resumes after `Last-Event-ID`.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use contract::change::{Change, ChangedRecord};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::{MANAGER, brightway, post_note};
use crate::support::TestApp;

/// One server-sent event: `(event, id, data)`.
type Event = (String, String, String);

/// Reads the body until the next event (keep-alive comments are skipped).
pub(crate) async fn next_event(body: &mut Body, buffer: &mut String) -> Event {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let mut event = (String::new(), String::new(), String::new());
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event:") {
                    event.0 = value.trim().to_owned();
                } else if let Some(value) = line.strip_prefix("id:") {
                    event.1 = value.trim().to_owned();
                } else if let Some(value) = line.strip_prefix("data:") {
                    event.2.push_str(value.trim());
                }
            }
            if !event.0.is_empty() {
                return event;
            }
            continue;
        }
        let frame = body.frame().await.expect("the stream ended").unwrap();
        if let Ok(data) = frame.into_data() {
            buffer.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
}

async fn open_stream(test_app: &TestApp, last_event_id: Option<&str>) -> Body {
    open_stream_on(&test_app.router, last_event_id).await
}

/// The manager's event stream on `router`, from now or after `last_event_id`.
pub(crate) async fn open_stream_on(router: &Router, last_event_id: Option<&str>) -> Body {
    let mut request = Request::get("/api/v1/changes/stream")
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"));
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    response.into_body()
}

/// Fails the test instead of hanging when an expected event never comes.
pub(crate) async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("no event within 20 s")
}

#[tokio::test]
async fn the_stream_delivers_changes_made_after_connecting_and_resumes_after_an_id() {
    let test_app = TestApp::seeded().await;
    let member = brightway(&test_app).await;
    let customers = test_app
        .column(
            "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 2",
            &member,
        )
        .await;
    let mut body = open_stream(&test_app, None).await;
    let mut buffer = String::new();

    // The reader waits on the stream while the change is made.
    let reader = tokio::spawn(async move {
        let event = next_event(&mut body, &mut buffer).await;
        (event, body, buffer)
    });
    post_note(&test_app, MANAGER, &customers[0], "live").await;
    let ((event, id, data), mut body, mut buffer) = within(reader).await.unwrap();
    assert_eq!(event, "change");
    let change: Change = serde_json::from_str(&data).unwrap();
    assert_eq!(change.cursor, id);
    match &change.record {
        ChangedRecord::Customer { id, current } => {
            assert_eq!(id.to_string(), customers[0]);
            assert!(current.is_some());
        }
        other => panic!("unexpected {other:?}"),
    }

    // A second change wakes the same stream again.
    post_note(&test_app, MANAGER, &customers[1], "again").await;
    let (_, second_id, data) = within(next_event(&mut body, &mut buffer)).await;
    let second: Change = serde_json::from_str(&data).unwrap();
    assert!(
        matches!(second.record, ChangedRecord::Customer { id, .. } if id.to_string() == customers[1])
    );
    drop(body);

    // Reconnecting with the first event's id replays what came after it, then goes on.
    let mut resumed = open_stream(&test_app, Some(&id)).await;
    let mut buffer = String::new();
    let (_, replayed_id, _) = within(next_event(&mut resumed, &mut buffer)).await;
    assert_eq!(replayed_id, second_id);
}

#[tokio::test]
async fn the_stream_refuses_a_bad_last_event_id() {
    let test_app = TestApp::seeded().await;
    let request = Request::get("/api/v1/changes/stream")
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"))
        .header("last-event-id", "nonsense")
        .body(Body::empty())
        .unwrap();
    test_app
        .send(request)
        .await
        .problem(StatusCode::BAD_REQUEST, Some("Last-Event-ID"));
}
