//! "All customers": the member's whole customer base exported as CSV or JSON,
//! and a CSV file of customers imported: checked by the server first (a dry
//! run) and previewed customer by customer with every problem by line and
//! column; imported only when the file has none, all at once. Both need the
//! server (they are not edits of cached records), so offline they say so.

use contract::customer::csv;
use contract::customer::import::{
    CustomerImport, ImportError, ImportOutcome, ImportReport, ImportedCustomer,
};
use contract::operation::{ExportCustomers, ImportCustomers, Operation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::{Layout, Section};
use crate::api::{ApiError, segments_of};
use crate::data::{DataView, random_key};
use crate::element::{download, read_file};
use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::form::error_message;
use crate::ui::{describe_error, use_i18n};

/// Where the import stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Idle,
    Checking,
    /// The dry run's report, and the file it is about.
    Preview(ImportReport, String),
    Importing,
    Done(u32),
    /// The server could not be asked, or refused: what to tell the user.
    Failed(String),
}

fn export_name(extension: &str) -> String {
    ["customers.", extension].concat()
}

#[component]
pub(super) fn Transfer(layout: Layout, data: DataView) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Idle);
    let exporting = RwSignal::new(false);
    let export_error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();

    let export = move |json: bool| {
        let api = data.layer_untracked().api();
        exporting.set(true);
        export_error.set(None);
        spawn_local(async move {
            match api.call::<ExportCustomers>(&[], &[]).await {
                Ok(export) => {
                    if json {
                        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
                        if let Ok(value) = serde::Serialize::serialize(&export, &serializer) {
                            let text = js_sys::JSON::stringify_with_replacer_and_space(
                                &value,
                                &wasm_bindgen::JsValue::NULL,
                                &wasm_bindgen::JsValue::from(2),
                            )
                            .map(String::from)
                            .unwrap_or_default();
                            download(&export_name("json"), "application/json", &text);
                        }
                    } else {
                        let rows: Vec<Vec<String>> =
                            export.items.iter().flat_map(csv::rows_of).collect();
                        download(
                            &export_name("csv"),
                            "text/csv;charset=utf-8",
                            &csv::write(&rows),
                        );
                    }
                }
                Err(error) => {
                    export_error.try_set(Some(describe_error(i18n, &error).0));
                }
            }
            exporting.try_set(false);
        });
    };

    // Sends the file: a dry run first, then (with `dry_run` false) the import.
    let send = move |text: String, dry_run: bool| {
        let api = data.layer_untracked().api();
        step.set(if dry_run {
            Step::Checking
        } else {
            Step::Importing
        });
        spawn_local(async move {
            let request = CustomerImport {
                csv: text.clone(),
                dry_run,
            };
            let serializer = serde_wasm_bindgen::Serializer::json_compatible();
            let body = serde::Serialize::serialize(&request, &serializer).ok();
            let Ok(path) = segments_of::<ImportCustomers>(&[]) else {
                return;
            };
            let answer = api
                .send_change(
                    ImportCustomers::METHOD.as_str(),
                    &path,
                    body.as_ref(),
                    &random_key(),
                    None,
                )
                .await;
            let next = match answer {
                Ok(Some(answer)) => match (answer.body, answer.problem) {
                    (Some(body), _) => match serde_wasm_bindgen::from_value::<ImportReport>(body) {
                        Ok(report) if dry_run => Step::Preview(report, text),
                        Ok(report) => Step::Done(report.created),
                        Err(error) => Step::Failed(
                            describe_error(i18n, &ApiError::InvalidData(error.to_string())).0,
                        ),
                    },
                    (None, Some(problem)) => {
                        Step::Failed(describe_error(i18n, &ApiError::Problem(Box::new(problem))).0)
                    }
                    (None, None) => Step::Failed(i18n.text(Text::ErrorRejectedTitle).to_owned()),
                },
                Ok(None) => Step::Failed(i18n.text(Text::ImportOffline).to_owned()),
                Err(error) => Step::Failed(describe_error(i18n, &error).0),
            };
            step.try_set(next);
        });
    };

    let chosen = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let element: web_sys::HtmlInputElement = element.unchecked_into();
        spawn_local(async move {
            let text = read_file(&element).await;
            // The same file can be chosen again after fixing it.
            element.set_value("");
            match text {
                Some(text) if text.len() > CustomerImport::MAX_BYTES => {
                    step.set(Step::Failed(i18n.format(
                        Text::ImportTooLarge,
                        &[(
                            "max",
                            &intl::count(
                                i18n.language(),
                                (CustomerImport::MAX_BYTES / 1000) as u64,
                            ),
                        )],
                    )));
                }
                Some(text) => send(text, true),
                None => {}
            }
        });
    };

    let title = Signal::derive(move || i18n.text(Text::AllCustomersTitle).to_owned());
    view! {
        <Section layout=layout test_id="customer-transfer-section" title=title>
            <div class="action-row">
                <button class="button" type="button" data-test="export-all-csv" disabled=move || exporting.get()
                    on:click=move |_| export(false)>
                    {move || i18n.text(Text::ExportAllCsv)}
                </button>
                <button class="button" type="button" data-test="export-all-json" disabled=move || exporting.get()
                    on:click=move |_| export(true)>
                    {move || i18n.text(Text::ExportAllJson)}
                </button>
                <label class="button file-button">
                    <span>{move || i18n.text(Text::ImportChoose)}</span>
                    <input class="visually-hidden" type="file" accept=".csv,text/csv" data-test="import-file"
                        node_ref=input on:change=chosen />
                </label>
            </div>
            {move || export_error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            <p class="muted field-hint">{move || i18n.text(Text::ImportHint)}</p>
            <div class="import-result" aria-live="polite" data-test="import-result">
                {move || match step.get() {
                    Step::Idle => ().into_any(),
                    Step::Checking | Step::Importing => view! { <p class="muted">{move || i18n.text(Text::Loading)}</p> }.into_any(),
                    Step::Done(created) => view! {
                        <p class="import-done" data-test="import-done">
                            {move || counted(i18n, Text::ImportDoneOne, Text::ImportDoneOther, u64::from(created))}
                        </p>
                    }
                    .into_any(),
                    Step::Failed(message) => view! { <p class="field-error" role="alert" data-test="import-failed">{message}</p> }.into_any(),
                    Step::Preview(report, text) => view! {
                        <Preview report=report
                            on_import=Callback::new(move |()| send(text.clone(), false))
                            on_cancel=Callback::new(move |()| step.set(Step::Idle)) />
                    }
                    .into_any(),
                }}
            </div>
        </Section>
    }
}

/// `count` in the right plural form.
fn counted(i18n: I18n, one: Text, other: Text, count: u64) -> String {
    i18n.count(one, other, count, &intl::count(i18n.language(), count))
}

fn outcome_text(outcome: ImportOutcome) -> Text {
    match outcome {
        ImportOutcome::Create => Text::ImportWillCreate,
        ImportOutcome::Exists => Text::ImportExists,
        ImportOutcome::Invalid => Text::ImportInvalid,
    }
}

/// One problem of the file, in the user's words where the widgets know them.
fn problem_text(i18n: I18n, problem: &ImportError) -> String {
    let message = error_message(i18n, &problem.message);
    if problem.column.is_empty() {
        i18n.format(
            Text::ImportLineProblem,
            &[("line", &problem.line.to_string()), ("message", &message)],
        )
    } else {
        i18n.format(
            Text::ImportCellProblem,
            &[
                ("line", &problem.line.to_string()),
                ("column", &problem.column),
                ("message", &message),
            ],
        )
    }
}

#[component]
fn Preview(
    report: ImportReport,
    on_import: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let created = report.created;
    let problems = report.errors.len();
    let importable = problems == 0 && created > 0;
    let customers: Vec<ImportedCustomer> = report.customers;
    let errors = report.errors;
    let summary = move || {
        if problems == 0 {
            counted(
                i18n,
                Text::ImportReadyOne,
                Text::ImportReadyOther,
                u64::from(created),
            )
        } else {
            counted(
                i18n,
                Text::ImportProblemsOne,
                Text::ImportProblemsOther,
                problems as u64,
            )
        }
    };
    view! {
        <div class="import-preview" data-test="import-preview">
            <p class="import-summary" data-test="import-summary">{summary}</p>
            {(!errors.is_empty()).then(|| view! {
                <ul class="import-errors" data-test="import-errors">
                    {errors.iter().map(|problem| {
                        let problem = problem.clone();
                        view! { <li data-test="import-error" dir="auto">{move || problem_text(i18n, &problem)}</li> }
                    }).collect_view()}
                </ul>
            })}
            <table class="import-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.text(Text::ImportLine)}</th>
                        <th scope="col">{move || i18n.text(Text::CustomerNameLabel)}</th>
                        <th scope="col">{move || i18n.text(Text::ImportContacts)}</th>
                        <th scope="col">{move || i18n.text(Text::ImportWhat)}</th>
                    </tr>
                </thead>
                <tbody>
                    {customers.into_iter().map(|customer| {
                        let outcome = customer.outcome;
                        view! {
                            <tr class:invalid=outcome == ImportOutcome::Invalid data-test="import-row">
                                <td>{customer.line}</td>
                                <td dir="auto">{customer.name}</td>
                                <td>{customer.contacts}</td>
                                <td>{move || i18n.text(outcome_text(outcome))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="form-actions">
                <button class="button primary" type="button" data-test="import-confirm" disabled=!importable
                    on:click=move |_| on_import.run(())>
                    {move || counted(i18n, Text::ImportConfirmOne, Text::ImportConfirmOther, u64::from(created))}
                </button>
                <button class="button" type="button" data-test="import-cancel" on:click=move |_| on_cancel.run(())>
                    {move || i18n.text(Text::Cancel)}
                </button>
            </div>
        </div>
    }
}
