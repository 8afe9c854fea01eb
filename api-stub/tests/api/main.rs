//! Integration tests of the HTTP application: each test gets a fresh SQLite database
//! in its own temporary directory, and drives `api_stub::app` with `oneshot`.

// `allow-unwrap-in-tests` covers `#[test]` functions only, not the fixture they share.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed set-up or request must fail the test"
)]

mod support;

mod activities;
mod auth;
mod bulk;
mod changes;
mod contacts;
mod customers;
mod errors;
mod health;
mod idempotency;
mod ingest;
mod inquiries;
mod instances;
mod limits;
mod me;
mod openapi;
mod products;
mod quotes;
mod reminders;
mod schema;
mod scoping;
mod search;
mod seed;
mod static_files;
mod storefront;
mod timeline;
mod users;
