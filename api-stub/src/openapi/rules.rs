//! [`CrossCuttingRules`]: documents on every operation the rules that layers and
//! shared extractors enforce, so that the handlers' annotations need not repeat them.

use std::collections::BTreeSet;

use utoipa::Modify;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::{ObjectBuilder, OpenApi, Ref, RefOr, Required, Type};

use crate::idempotency::MAX_KEY_LENGTH;

/// Paths (below the API prefix) that the rate limit skips.
const UNLIMITED_PATHS: [&str; 2] = ["/health", "/openapi.json"];
const PROBLEM_CONTENT_TYPE: &str = contract::problem::PROBLEM_CONTENT_TYPE;

/// Adds, to every operation: 401 when it needs a token; 429 with `Retry-After` unless
/// exempt; 503 when it queries the database; 413 and 415 when it takes a body. To every POST: the required
/// `Idempotency-Key` header, its 400/409/422 problems and `Idempotent-Replayed` on
/// success; to every PUT, PATCH and DELETE the same header as optional (an offline
/// client replaying an update gets its first answer, not a 412 of its own making).
/// To every PUT, PATCH and DELETE, and every operation that documents
/// `If-Match` itself: the required `If-Match` header and its 400/428/412 problems. To every 200 or 201 response that carries a versioned
/// resource (a schema that GET, PUT or PATCH of a changeable path answers with):
/// the `ETag` header.
#[derive(Clone, Copy, Debug)]
pub struct CrossCuttingRules;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Modify for CrossCuttingRules {
    fn modify(&self, openapi: &mut OpenApi) {
        let tagged = versioned_schemas(openapi);
        for (path, item) in &mut openapi.paths.paths {
            let limited = !UNLIMITED_PATHS.contains(&path.as_str());
            // `/health` documents its own 503; the document needs no database.
            let queries = !UNLIMITED_PATHS.contains(&path.as_str());
            for (verb, operation) in operations(item) {
                if let Some(operation) = operation {
                    document(operation, verb, limited);
                    if queries {
                        add_problem(
                            operation,
                            "503",
                            "The database cannot be reached or cannot serve now \
                             (`service-unavailable`); retry shortly.",
                        );
                    }
                    document_entity_tags(operation, &tagged);
                }
            }
        }
    }
}

/// The schemas (`$ref`s) of versioned resources: what GET, PUT and PATCH answer with
/// on a path that can be changed (PUT or PATCH), always with an `ETag`.
fn versioned_schemas(openapi: &mut OpenApi) -> BTreeSet<String> {
    let mut tagged = BTreeSet::new();
    for item in openapi.paths.paths.values_mut() {
        if item.put.is_none() && item.patch.is_none() {
            continue;
        }
        for (verb, operation) in operations(item) {
            if let (Verb::Get | Verb::Put | Verb::Patch, Some(operation)) = (verb, operation) {
                tagged.extend(json_schema_ref(operation, "200"));
            }
        }
    }
    tagged
}

/// The `$ref` of the JSON body of the `status` response, if it is one.
fn json_schema_ref(operation: &Operation, status: &str) -> Option<String> {
    let Some(RefOr::T(response)) = operation.responses.responses.get(status) else {
        return None;
    };
    match response.content.get("application/json")? {
        RefOr::T(content) => match &content.schema {
            Some(RefOr::Ref(reference)) => Some(reference.ref_location.clone()),
            _ => None,
        },
        RefOr::Ref(_) => None,
    }
}

/// `ETag` on every 200 or 201 response whose body is a versioned resource.
fn document_entity_tags(operation: &mut Operation, tagged: &BTreeSet<String>) {
    for status in ["200", "201"] {
        if json_schema_ref(operation, status).is_some_and(|schema| tagged.contains(&schema)) {
            add_header(
                operation,
                status,
                "ETag",
                string_header(
                    "The version of the returned resource, e.g. `\"7\"`; send it back in \
                     `If-Match` to change it.",
                    None,
                ),
            );
        }
    }
}

fn operations(item: &mut PathItem) -> [(Verb, Option<&mut Operation>); 5] {
    [
        (Verb::Get, item.get.as_mut()),
        (Verb::Post, item.post.as_mut()),
        (Verb::Put, item.put.as_mut()),
        (Verb::Patch, item.patch.as_mut()),
        (Verb::Delete, item.delete.as_mut()),
    ]
}

fn document(operation: &mut Operation, verb: Verb, limited: bool) {
    if is_secured(operation) {
        add_problem(
            operation,
            "401",
            "No bearer token, or one that is not valid.",
        );
    }
    if limited {
        add_response(
            operation,
            "429",
            problem_response(
                "Too many requests with this token (`too-many-requests`); retry after \
                 `Retry-After` seconds.",
            )
            .header(
                "Retry-After",
                integer_header("Seconds to wait before retrying."),
            ),
        );
    }
    if operation.request_body.is_some() {
        add_problem(
            operation,
            "413",
            "The body is larger than the server accepts (1 MiB by default).",
        );
        add_problem(
            operation,
            "415",
            "The body is not sent as `Content-Type: application/json`.",
        );
    }
    match verb {
        Verb::Post => document_idempotency(operation, true),
        Verb::Put | Verb::Patch | Verb::Delete => document_idempotency(operation, false),
        Verb::Get => {}
    }
    // Updates always take If-Match; so do the POST actions that change a versioned
    // resource (sending a quote), which document the header themselves.
    if matches!(verb, Verb::Put | Verb::Patch | Verb::Delete) || has_if_match(operation) {
        document_precondition(operation);
    }
}

/// `Idempotency-Key`: required on POST, optional on PUT, PATCH and DELETE.
fn document_idempotency(operation: &mut Operation, required: bool) {
    let optional = if required {
        ""
    } else {
        " Optional here: without it the request is simply run."
    };
    add_header_parameter(
        operation,
        "Idempotency-Key",
        required,
        format!(
            "Unique per request (a UUID, say), 1 to {MAX_KEY_LENGTH} printable ASCII characters. \
             A retry with the same key and the same request gets the first response again \
             (with `Idempotent-Replayed: true`) instead of running twice. Keys are kept for \
             at least 24 hours, per token.{optional}"
        ),
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX_KEY_LENGTH))
            .pattern(Some("^[!-~]([ -~]*[!-~])?$")),
    );
    add_problem(
        operation,
        "400",
        "`Idempotency-Key` is missing or malformed.",
    );
    add_problem(
        operation,
        "409",
        "The first request with this `Idempotency-Key` is still running \
         (`idempotency-key-in-use`); retry later.",
    );
    add_problem(
        operation,
        "422",
        "This `Idempotency-Key` was used with a different request \
         (`idempotency-key-reused`).",
    );
    for status in success_statuses(operation) {
        add_header(
            operation,
            &status,
            "Idempotent-Replayed",
            string_header(
                "`true` when this is the stored response to an earlier request with the same \
                 `Idempotency-Key`.",
                Some("true"),
            ),
        );
    }
}

fn document_precondition(operation: &mut Operation) {
    add_header_parameter(
        operation,
        "If-Match",
        true,
        "The `ETag` of the version this change is based on, e.g. `\"7\"`.".to_owned(),
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^\"[0-9]+\"$")),
    );
    add_problem(
        operation,
        "400",
        "`If-Match` is not an entity tag of this API.",
    );
    add_problem(
        operation,
        "428",
        "`If-Match` is missing (`precondition-required`).",
    );
    add_response(
        operation,
        "412",
        problem_response(
            "Someone else changed the resource first (`precondition-failed`): the problem's \
             `current_version` and the `ETag` header carry the current version.",
        )
        .header(
            "ETag",
            string_header("The current version of the resource.", None),
        ),
    );
}

fn has_if_match(operation: &Operation) -> bool {
    operation.parameters.iter().flatten().any(|parameter| {
        matches!(parameter, RefOr::T(parameter)
            if parameter.parameter_in == ParameterIn::Header
                && parameter.name.eq_ignore_ascii_case("If-Match"))
    })
}

/// Whether the operation needs a token: it names no security (the document's
/// default applies) or a non-empty requirement (`security(())` means none).
fn is_secured(operation: &Operation) -> bool {
    match &operation.security {
        None => true,
        Some(requirements) => requirements.iter().any(|requirement| {
            serde_json::to_value(requirement)
                .ok()
                .and_then(|value| value.as_object().map(|object| !object.is_empty()))
                .unwrap_or(true)
        }),
    }
}

fn success_statuses(operation: &Operation) -> Vec<String> {
    operation
        .responses
        .responses
        .keys()
        .filter(|status| status.starts_with('2'))
        .cloned()
        .collect()
}

fn problem_response(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        PROBLEM_CONTENT_TYPE,
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    )
}

/// Adds a problem response, or, when the operation documents that status already,
/// appends this reason to its description.
fn add_problem(operation: &mut Operation, status: &str, description: &str) {
    add_response(operation, status, problem_response(description));
}

fn add_response(operation: &mut Operation, status: &str, response: ResponseBuilder) {
    let response: Response = response.build();
    match operation.responses.responses.get_mut(status) {
        Some(RefOr::T(existing)) => {
            if !existing.description.contains(&response.description) {
                existing.description = [existing.description.trim_end(), &response.description]
                    .join(if existing.description.is_empty() {
                        ""
                    } else {
                        " Or: "
                    });
            }
            if existing.content.is_empty() {
                existing.content = response.content;
            }
            for (name, header) in response.headers {
                existing.headers.entry(name).or_insert(header);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            operation
                .responses
                .responses
                .insert(status.to_owned(), RefOr::T(response));
        }
    }
}

fn add_header(operation: &mut Operation, status: &str, name: &str, header: Header) {
    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status) {
        response
            .headers
            .entry(name.to_owned())
            .or_insert(RefOr::T(header));
    }
}

fn add_header_parameter(
    operation: &mut Operation,
    name: &str,
    required: bool,
    description: String,
    schema: ObjectBuilder,
) {
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    let documented = parameters.iter_mut().find_map(|parameter| match parameter {
        RefOr::T(parameter)
            if parameter.parameter_in == ParameterIn::Header
                && parameter.name.eq_ignore_ascii_case(name) =>
        {
            Some(parameter)
        }
        _ => None,
    });
    // The layer's rule wins over a handler's own description of the header.
    match documented {
        Some(parameter) => {
            parameter.required = required_flag(required);
            parameter.schema = Some(schema.build().into());
            parameter.description.get_or_insert(description);
        }
        None => parameters.push(RefOr::T(
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Header)
                .required(required_flag(required))
                .description(Some(description))
                .schema(Some(schema))
                .build(),
        )),
    }
}

fn required_flag(required: bool) -> Required {
    if required {
        Required::True
    } else {
        Required::False
    }
}

fn string_header(description: &str, only: Option<&str>) -> Header {
    let mut schema = ObjectBuilder::new().schema_type(Type::String);
    if let Some(value) = only {
        schema = schema.enum_values(Some([value]));
    }
    HeaderBuilder::new()
        .schema(Some(schema))
        .description(Some(description))
        .build()
}

fn integer_header(description: &str) -> Header {
    HeaderBuilder::new()
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1)),
        ))
        .description(Some(description))
        .build()
}
