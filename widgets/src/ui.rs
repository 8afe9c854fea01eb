//! Pieces every widget shows: the root frame, notices for empty and error states
//! (what went wrong, what to do, a retry), the status line and skeleton rows.

pub(crate) mod form;
pub(crate) mod sync_status;

use contract::problem::ProblemKind;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::element::ElementContext;
use crate::i18n::{I18n, Text};

/// The language context of the widget being rendered.
pub(crate) fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Signal::stored(Default::default())))
}

/// Provides the element context and its language to every component of a widget.
pub(crate) fn provide_widget_context(context: &ElementContext) -> I18n {
    let i18n = I18n::new(context.language());
    provide_context(context.clone());
    provide_context(i18n);
    i18n
}

/// The ARIA role of a notice: errors interrupt, other states wait their turn.
fn notice_role(error: bool) -> &'static str {
    if error { "alert" } else { "status" }
}

/// A titled message with optional detail and action, for empty, error and
/// configuration states.
#[component]
pub(crate) fn Notice(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] detail: Option<Signal<String>>,
    #[prop(optional)] error: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="notice" class:error=error role=notice_role(error) data-test="notice">
            <p class="notice-title">{title}</p>
            {detail.map(|detail| view! { <p class="notice-detail">{detail}</p> })}
            {children.map(|children| children())}
        </div>
    }
}

/// The title, detail and whether retrying can help, for an error.
pub(crate) fn describe_error(i18n: I18n, error: &ApiError) -> (String, String, bool) {
    let text = |text: Text| i18n.text(text).to_owned();
    match error {
        ApiError::NotSignedIn => (
            text(Text::NotSignedInTitle),
            text(Text::NotSignedInDetail),
            false,
        ),
        ApiError::Token(reason) => (text(Text::ErrorTokenTitle), reason.clone(), true),
        ApiError::BadAddress(address) => (text(Text::ErrorBadAddressTitle), address.clone(), false),
        ApiError::Network => (
            text(Text::ErrorNetworkTitle),
            text(Text::ErrorNetworkDetail),
            true,
        ),
        ApiError::Timeout => (
            text(Text::ErrorTimeoutTitle),
            text(Text::ErrorTimeoutDetail),
            true,
        ),
        ApiError::InvalidData(reason) => (
            text(Text::ErrorBadDataTitle),
            i18n.format(Text::ErrorBadDataDetail, &[("reason", reason)]),
            true,
        ),
        ApiError::Problem(problem) => {
            let server_detail = problem.detail.clone().filter(|detail| !detail.is_empty());
            let (title, fallback, retry) = match problem.kind() {
                Some(ProblemKind::Unauthorized) => (
                    Text::ErrorSessionTitle,
                    Some(Text::ErrorSessionDetail),
                    true,
                ),
                Some(ProblemKind::Forbidden) => (Text::ErrorForbiddenTitle, None, false),
                Some(ProblemKind::NotFound) => (Text::ErrorNotFoundTitle, None, false),
                Some(ProblemKind::BadRequest | ProblemKind::Validation) => {
                    (Text::ErrorRejectedTitle, None, false)
                }
                Some(
                    ProblemKind::MethodNotAllowed
                    | ProblemKind::UnsupportedMediaType
                    | ProblemKind::PayloadTooLarge
                    | ProblemKind::PreconditionRequired
                    | ProblemKind::IdempotencyKeyReused,
                ) => (Text::ErrorRejectedTitle, None, false),
                Some(
                    ProblemKind::PreconditionFailed
                    | ProblemKind::Conflict
                    | ProblemKind::CursorExpired,
                ) => (
                    Text::ErrorConflictTitle,
                    Some(Text::ErrorConflictDetail),
                    true,
                ),
                Some(ProblemKind::TooManyRequests | ProblemKind::IdempotencyKeyInUse) => {
                    (Text::ErrorBusyTitle, Some(Text::ErrorBusyDetail), true)
                }
                Some(ProblemKind::ServiceUnavailable) => (
                    Text::ErrorUnavailableTitle,
                    Some(Text::ErrorServerDetail),
                    true,
                ),
                Some(ProblemKind::Internal) => {
                    (Text::ErrorServerTitle, Some(Text::ErrorServerDetail), true)
                }
                None if problem.status >= 500 => {
                    (Text::ErrorServerTitle, Some(Text::ErrorServerDetail), true)
                }
                None => (Text::ErrorRejectedTitle, None, false),
            };
            let detail = match (problem.kind(), server_detail) {
                // The server's words are English; ours are translated. Prefer ours
                // where we have them, the server's where only it knows what happened.
                (_, detail) if fallback.is_some() => {
                    fallback.map(text).or(detail).unwrap_or_default()
                }
                (_, Some(detail)) => detail,
                (_, None) => problem.title.clone(),
            };
            (text(title), detail, retry)
        }
    }
}

/// An error notice with a retry button when retrying can help.
#[component]
pub(crate) fn ErrorNotice(
    #[prop(into)] error: Signal<ApiError>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described = Memo::new(move |_| describe_error(i18n, &error.get()));
    let not_signed_in = move || error.with(|error| *error == ApiError::NotSignedIn);
    view! {
        <div
            class="notice"
            class:error=move || !not_signed_in()
            role=move || notice_role(!not_signed_in())
            data-test="error-notice"
        >
            <p class="notice-title">{move || described.get().0}</p>
            <p class="notice-detail">{move || described.get().1}</p>
            {move || {
                described
                    .get()
                    .2
                    .then(|| {
                        view! {
                            <button class="button" type="button" on:click=move |_| on_retry.run(())>
                                {move || i18n.text(Text::Retry)}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// The notice for an attribute the host set to something the widget cannot use.
#[component]
pub(crate) fn InvalidAttribute(name: &'static str, value: String, reason: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Notice
            error=true
            title=Signal::derive(move || i18n.text(Text::InvalidAttributeTitle).to_owned())
            detail=Signal::derive(move || {
                i18n.format(Text::InvalidAttributeDetail, &[("name", name), ("value", &value), ("reason", &reason)])
            })
        />
    }
}

/// Placeholder rows shown only while a first load is under way.
#[component]
pub(crate) fn SkeletonRows(count: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton-rows" aria-busy="true" data-test="skeleton">
            <span class="visually-hidden">{move || i18n.text(Text::Loading)}</span>
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="skeleton-row" aria-hidden="true">
                            <span class="skeleton skeleton-wide"></span>
                            <span class="skeleton skeleton-narrow"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A labelled select of `choices` with `current` chosen, for changing one field
/// of a record in place: `on_choose` gets the choice when the user picks another.
/// `value` names a choice on the wire, `name` in the user's language. The
/// select's `value` is set as a property too: once the user has picked an
/// option, `selected` attributes no longer move the selection when the view is
/// rebuilt in place (e.g. for the server's answer).
#[component]
pub(crate) fn ChoiceSelect<T>(
    label: Text,
    test_id: &'static str,
    choices: Vec<T>,
    current: T,
    value: fn(T) -> &'static str,
    name: fn(T, contract::language::Language) -> &'static str,
    on_choose: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let options = choices.clone();
    let change = move |event: leptos::ev::Event| {
        let picked = event_target_value(&event);
        if let Some(choice) = choices
            .iter()
            .copied()
            .find(|choice| value(*choice) == picked)
            && choice != current
        {
            on_choose.run(choice);
        }
    };
    view! {
        <label class="field-inline">
            <span>{move || i18n.text(label)}</span>
            <select class="control" data-test=test_id on:change=change prop:value=value(current)>
                {options.into_iter().map(|choice| view! {
                    <option value=value(choice) selected=choice == current>
                        {move || name(choice, i18n.language())}
                    </option>
                }).collect_view()}
            </select>
        </label>
    }
}
