//! `cargo xtask conformance --base-url URL --token TOKEN [--other-token TOKEN]
//! [--ingest-token TOKEN]`: checks a host's own back end against the REST
//! contract, as `cargo xtask test` checks api-stub. Two parts:
//! 1. schemathesis with the committed `contract/openapi.json` (answers match the
//!    documented schemas, status codes and headers; no 5xx);
//! 2. the conformance suite (`tests/conformance/`): the conventions the widgets
//!    rely on beyond the schemas: problem+json, paging, 404 across members,
//!    idempotent POSTs, `If-Match`, the change feed, bad bodies.
//!
//! Both write to the server (reminders, and whatever schemathesis generates): point
//! it at a test instance, never at production data.

use anyhow::{Context, Result, bail};

use crate::workspace::Workspace;
use crate::{install, process, schemathesis};

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ConformanceOptions {
    /// The API's base URL, with its prefix: `https://crm.example.com/api/v1`.
    pub(crate) base_url: String,
    /// A bearer token of a member's owner or manager.
    pub(crate) token: String,
    /// A user of another member company: checks that records never cross over.
    pub(crate) other_token: Option<String>,
    /// The portal's service token, for `POST /ingest/inquiries`.
    pub(crate) ingest_token: Option<String>,
}

pub(crate) fn run(workspace: &Workspace, options: &ConformanceOptions) -> Result<()> {
    if options.base_url.is_empty() || options.token.is_empty() {
        bail!("`conformance` needs --base-url and --token");
    }
    if !(options.base_url.starts_with("http://") || options.base_url.starts_with("https://")) {
        bail!(
            "--base-url must be an http(s) URL, got `{}`",
            options.base_url
        );
    }
    let base_url = options.base_url.trim_end_matches('/');
    install::ensure_build_tools(workspace)?;
    let schemas = schemathesis::check_server(
        workspace,
        base_url,
        &options.token,
        options.ingest_token.as_deref(),
    );
    let mut suite = process::command(workspace.node_bin("playwright"), &workspace.root);
    suite
        .args([
            "test",
            "--config",
            "tests/playwright.config.mjs",
            "--project",
            "conformance",
        ])
        .env("CRM_CONFORMANCE_URL", base_url)
        .env("CRM_CONFORMANCE_TOKEN", &options.token);
    if let Some(other) = &options.other_token {
        suite.env("CRM_CONFORMANCE_OTHER_TOKEN", other);
    }
    let conventions = process::run(&mut suite).context("the conformance suite failed");
    match (schemas, conventions) {
        (Ok(()), Ok(())) => {
            println!("\n{base_url} conforms to the REST contract.");
            Ok(())
        }
        (schemas, conventions) => {
            for error in [schemas.err(), conventions.err()].into_iter().flatten() {
                eprintln!("{error:#}");
            }
            bail!("{base_url} does not conform to the REST contract (see above)")
        }
    }
}
