//! `GET /customers/export` (every customer, whole) and `POST /customers/import`
//! (a CSV file of customers, all or nothing; `dry_run` previews it). The file is
//! read by the contract's `customer::import::read`, so the widgets' preview and
//! the server agree on every line.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::customer::import::{
    CustomerExport, CustomerImport, ImportError, ImportOutcome, ImportReport, ImportedCustomer,
    read,
};
use contract::ids::{CustomerId, UserId};
use contract::problem::FieldError;
use contract::user::Role;

use super::load_customer;
use super::write::insert_customer;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::stored::parse_stored;

/// Every customer of the caller's member, whole (contacts and figures), by name.
#[utoipa::path(
    get,
    path = "/customers/export",
    tag = "customers",
    responses(
        (status = 200, description = "Every customer of the member", body = CustomerExport),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn export_customers(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<CustomerExport>, ApiError> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM customers WHERE member_id = $1 ORDER BY name, id")
            .bind(caller.member_id.to_string())
            .fetch_all(&state.database)
            .await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let id: CustomerId = parse_stored("customer id", &id)?;
        items.push(load_customer(&state.database, &caller, id).await?.body);
    }
    Ok(Json(CustomerExport { items }))
}

fn problem(line: u32, column: &str, message: impl Into<String>) -> ImportError {
    ImportError {
        line,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// Creates the customers of a CSV file in one transaction: all of them, or,
/// when any line has a problem, none (422 naming each as `/csv/<line>/<column>`).
/// With `dry_run` it only reports what it would do. Rows whose `customer_id` is
/// already one of the member's customers are left as they are (an export
/// imported again changes nothing). `owner` names a user of the member (default:
/// the caller); a sales rep imports customers they own.
#[utoipa::path(
    post,
    path = "/customers/import",
    tag = "customers",
    request_body = CustomerImport,
    responses(
        (status = 200, description = "The dry run's report: what an import would do, and every problem", body = ImportReport),
        (status = 201, description = "Imported: what was created", body = ImportReport),
        (status = 400, description = "Malformed JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is too large", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file has problems, each named in `errors` as `/csv/<line>/<column>`; nothing was imported", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn import_customers(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<CustomerImport>,
) -> Result<Response, ApiError> {
    if request.csv.len() > CustomerImport::MAX_BYTES {
        return Err(ApiError::invalid_field(
            "/csv",
            format!("must have at most {} bytes", CustomerImport::MAX_BYTES),
        ));
    }
    let mut file = read(&request.csv);
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let users: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM users WHERE member_id = $1 AND active = 1")
            .bind(caller.member_id.to_string())
            .fetch_all(&mut *transaction)
            .await?;
    let by_name: HashMap<String, Vec<UserId>> =
        users
            .into_iter()
            .fold(HashMap::new(), |mut by_name, (id, name)| {
                if let Ok(id) = id.parse() {
                    by_name
                        .entry(name.trim().to_lowercase())
                        .or_default()
                        .push(id);
                }
                by_name
            });
    let existing: HashSet<String> =
        sqlx::query_scalar("SELECT id FROM customers WHERE member_id = $1")
            .bind(caller.member_id.to_string())
            .fetch_all(&mut *transaction)
            .await?
            .into_iter()
            .collect();

    // What only the server knows: the owners, the existing customers.
    let mut owners = Vec::with_capacity(file.customers.len());
    for customer in &file.customers {
        let owner = match &customer.owner_name {
            None => Some(caller.user_id),
            Some(name) => match by_name.get(&name.trim().to_lowercase()).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some(_) => {
                    file.errors.push(problem(
                        customer.line,
                        "owner",
                        "names two users; give them distinct names first",
                    ));
                    None
                }
                None => {
                    file.errors.push(problem(
                        customer.line,
                        "owner",
                        "is not an active user of your company",
                    ));
                    None
                }
            },
        };
        if let Some(owner) = owner
            && caller.role == Role::Rep
            && owner != caller.user_id
        {
            file.errors.push(problem(
                customer.line,
                "owner",
                "must be you: sales reps import customers they own",
            ));
        }
        owners.push(owner.unwrap_or(caller.user_id));
    }
    file.errors.sort_by_key(|found| found.line);
    let invalid: HashSet<u32> = file.errors.iter().map(|found| found.line).collect();

    let mut report = ImportReport {
        dry_run: request.dry_run,
        customers: Vec::with_capacity(file.customers.len()),
        errors: file.errors.clone(),
        created: 0,
    };
    let writing = !request.dry_run && file.errors.is_empty();
    for (customer, owner) in file.customers.into_iter().zip(owners) {
        let lines = std::iter::once(customer.line).chain(customer.contact_lines.iter().copied());
        let known = customer
            .existing
            .filter(|id| existing.contains(&id.to_string()));
        let outcome = if lines.clone().any(|line| invalid.contains(&line)) {
            ImportOutcome::Invalid
        } else if known.is_some() {
            ImportOutcome::Exists
        } else {
            ImportOutcome::Create
        };
        let contacts = u32::try_from(customer.new.contacts.len()).unwrap_or(u32::MAX);
        let name = customer.new.name.clone();
        let id = match outcome {
            ImportOutcome::Create if writing => {
                Some(insert_customer(&mut transaction, &caller, customer.new, owner).await?)
            }
            ImportOutcome::Exists => known,
            _ => None,
        };
        if outcome == ImportOutcome::Create {
            report.created += 1;
        }
        report.customers.push(ImportedCustomer {
            line: customer.line,
            name,
            contacts,
            outcome,
            id,
        });
    }
    if !report.errors.is_empty() && !request.dry_run {
        return Err(ApiError::Validation(
            report
                .errors
                .iter()
                .map(|found| FieldError {
                    field: ["/csv/", &found.line.to_string(), "/", &found.column].concat(),
                    message: found.message.clone(),
                })
                .collect(),
        ));
    }
    if !writing {
        return Ok((StatusCode::OK, Json(report)).into_response());
    }
    state.changes.commit(transaction, caller.member_id).await?;
    Ok((StatusCode::CREATED, Json(report)).into_response())
}
