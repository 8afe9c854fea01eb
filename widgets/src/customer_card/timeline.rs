//! Everything that happened with the customer in one stream, newest first:
//! inquiries, quote revisions (with their status and total), notes and logged
//! calls, meetings, e-mails and sample shipments. Filtered by kind, a page at a
//! time (the first page is cached with the layer, so it shows offline), with
//! the composer for a note or an activity on top; what the user logged shows
//! at once as "Not yet saved".

use contract::customer::{
    ActivityKind, CustomerSummary, LifecycleStage, NewActivity, StatusField, Tier, TimelineEntry,
    TimelineItem, TimelinePage,
};
use contract::inquiry::InquiryStatus;
use contract::language::Language;
use contract::operation::GetTimeline;
use contract::problem::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use time::OffsetDateTime;

use super::{Announce, Layout, Section};
use crate::api::ApiError;
use crate::data::{Collection, DataView, Fetched, PendingActivity};
use crate::i18n::{
    I18n, Text, activity_kind_name, lifecycle_stage, quote_status_name, status_name, tier_name,
};
use crate::intl;
use crate::ui::form::{AddButton, FormActions, SelectField, TextField, escape_cancels};
use crate::ui::{describe_error, use_i18n};

/// The kinds of entry the stream can be narrowed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Inquiry,
    Quote,
    Activity,
    StatusChange,
}

impl Kind {
    fn of(item: &TimelineItem) -> Kind {
        match item {
            TimelineItem::Inquiry { .. } => Kind::Inquiry,
            TimelineItem::Quote { .. } => Kind::Quote,
            TimelineItem::Activity(_) => Kind::Activity,
            TimelineItem::StatusChange { .. } => Kind::StatusChange,
        }
    }
}

/// What identifies an entry across pages and fetches.
fn key_of(entry: &TimelineEntry) -> String {
    match &entry.item {
        TimelineItem::Inquiry { id, .. } => ["i", &id.to_string()].concat(),
        TimelineItem::Quote { id, revision, .. } => {
            ["q", &id.to_string(), "/", &revision.to_string()].concat()
        }
        TimelineItem::Activity(activity) => ["a", &activity.id.to_string()].concat(),
        // Unique enough: one field's change per moment.
        TimelineItem::StatusChange {
            field, inquiry_id, ..
        } => [
            "s",
            &entry.at.unix_timestamp_nanos().to_string(),
            &format!("{field:?}"),
            &inquiry_id.map(|id| id.to_string()).unwrap_or_default(),
        ]
        .concat(),
    }
}

/// The first page and the later ones loaded, without repeats (a page fetched
/// again may overlap what was loaded after it), newest first, narrowed to `only`.
pub(super) fn merged(
    first: &[TimelineEntry],
    later: &[TimelineEntry],
    only: Option<Kind>,
) -> Vec<TimelineEntry> {
    let mut seen = std::collections::HashSet::new();
    let mut entries: Vec<TimelineEntry> = first
        .iter()
        .chain(later)
        .filter(|entry| seen.insert(key_of(entry)))
        .filter(|entry| only.is_none_or(|only| Kind::of(&entry.item) == only))
        .cloned()
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.at));
    entries
}

#[component]
pub(super) fn Timeline(
    customer: Memo<CustomerSummary>,
    layout: Layout,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let i18n = use_i18n();
    let customer_id = Memo::new(move |_| customer.with(|customer| customer.id));
    let path =
        Memo::new(move |_| Some([customer_id.get().to_string().as_str(), "/timeline"].concat()));
    let (first, retry) = data.fetched_record(
        Collection::Customers,
        path,
        |_, _: &mut Fetched<TimelinePage>| {},
    );
    let later = RwSignal::new(Vec::<TimelineEntry>::new());
    // The cursor after the last page loaded (`None`: after the first page).
    let later_cursor = RwSignal::new(None::<Option<String>>);
    let loading_more = RwSignal::new(false);
    let more_error = RwSignal::new(None::<ApiError>);
    let only = RwSignal::new(None::<Kind>);
    let entries = Memo::new(move |_| {
        let first = first.with(|first| {
            first
                .as_ref()
                .and_then(|fetched| fetched.value.as_ref())
                .map(|page| page.items.clone())
                .unwrap_or_default()
        });
        later.with(|later| merged(&first, later, only.get()))
    });
    let next_cursor = Memo::new(move |_| match later_cursor.get() {
        Some(cursor) => cursor,
        None => first.with(|first| {
            first
                .as_ref()
                .and_then(|fetched| fetched.value.as_ref())
                .and_then(|page| page.next_cursor.clone())
        }),
    });
    let pending = Memo::new(move |_| {
        let id = customer_id.get();
        data.with(|data| data.pending_activities(id))
    });
    let status = Memo::new(move |_| {
        first.with(|first| {
            let fetched = first.as_ref()?;
            match (&fetched.value, &fetched.error) {
                (None, Some(error)) => Some(Err(error.clone())),
                (None, None) => Some(Ok(())),
                _ => None,
            }
        })
    });

    let show_more = move |_| {
        let Some(cursor) = next_cursor.get_untracked() else {
            return;
        };
        let api = data.layer_untracked().api();
        let id = customer_id.get_untracked().to_string();
        loading_more.set(true);
        more_error.set(None);
        spawn_local(async move {
            let page = api.call::<GetTimeline>(&[&id], &[("cursor", cursor)]).await;
            match page {
                Ok(page) => {
                    later.try_update(|later| later.extend(page.items));
                    later_cursor.try_set(Some(page.next_cursor));
                }
                Err(error) => {
                    more_error.try_set(Some(error));
                }
            }
            loading_more.try_set(false);
        });
    };

    let log = Callback::new(move |activity: NewActivity| {
        let customer = customer.get_untracked();
        announce.change(&customer, "activity", &activity);
        data.layer_untracked().log_activity(&customer, activity);
    });

    let chip = move |kind: Option<Kind>, text: Text, test: &'static str| {
        view! {
            <button class="chip" type="button" data-test=test aria-pressed=move || (only.get() == kind).to_string()
                on:click=move |_| only.set(kind)>
                {move || i18n.text(text)}
            </button>
        }
    };
    let chips = [
        (None, Text::TimelineAll, "timeline-all"),
        (
            Some(Kind::Inquiry),
            Text::TimelineInquiries,
            "timeline-inquiries",
        ),
        (Some(Kind::Quote), Text::TimelineQuotes, "timeline-quotes"),
        (
            Some(Kind::Activity),
            Text::TimelineActivities,
            "timeline-activities",
        ),
        (
            Some(Kind::StatusChange),
            Text::TimelineChanges,
            "timeline-changes",
        ),
    ]
    .map(|(kind, text, test)| chip(kind, text, test));
    let title = Signal::derive(move || i18n.text(Text::TimelineTitle).to_owned());
    view! {
        <Section layout=layout test_id="customer-timeline-section" title=title>
            <ActivityComposer on_log=log />
            <div class="chips" role="group" aria-label=move || i18n.text(Text::TimelineFilterLabel)>
                {chips}
            </div>
            <ol class="timeline" data-test="timeline">
                <Show when=move || only.get().is_none_or(|only| only == Kind::Activity)>
                    <For each=move || pending.get() key=|pending| pending.seq let:pending>
                        <PendingEntry pending=pending />
                    </For>
                </Show>
                <For each=move || entries.get() key=key_of let:entry>
                    <Entry entry=entry />
                </For>
            </ol>
            {move || match status.get() {
                Some(Err(error)) => {
                    let (title, _, _) = describe_error(i18n, &error);
                    view! {
                        <p class="field-error" role="alert">{title}" "
                            <button class="button small" type="button" on:click=move |_| retry.run(())>{move || i18n.text(Text::Retry)}</button>
                        </p>
                    }
                    .into_any()
                }
                Some(Ok(())) => view! { <p class="muted">{move || i18n.text(Text::Loading)}</p> }.into_any(),
                None if entries.with(Vec::is_empty) && pending.with(Vec::is_empty) => {
                    view! { <p class="muted" data-test="timeline-empty">{move || i18n.text(Text::TimelineEmpty)}</p> }.into_any()
                }
                None => ().into_any(),
            }}
            {move || more_error.get().map(|error| {
                let (title, _, _) = describe_error(i18n, &error);
                view! { <p class="field-error" role="alert">{title}</p> }
            })}
            <Show when=move || next_cursor.with(Option::is_some)>
                <button class="button" type="button" data-test="timeline-more" on:click=show_more
                    disabled=move || loading_more.get()>
                    {move || i18n.text(if loading_more.get() { Text::Loading } else { Text::TimelineMore })}
                </button>
            </Show>
        </Section>
    }
}

fn when(i18n: I18n, at: OffsetDateTime) -> impl IntoView {
    // Both follow the language live.
    let exact = move || intl::date_time(i18n.language(), at);
    view! {
        <time class="when muted" title=exact datetime=at.unix_timestamp().to_string()>
            {move || intl::relative_time(i18n.language(), at)}
        </time>
    }
}

#[component]
fn Entry(entry: TimelineEntry) -> impl IntoView {
    let i18n = use_i18n();
    let language = move || i18n.language();
    let at = entry.at;
    match entry.item {
        TimelineItem::Inquiry { subject, status, .. } => view! {
            <li class="entry inquiry" data-test="timeline-entry" data-kind="inquiry">
                <span class="entry-kind">{move || i18n.text(Text::TimelineInquiry)}</span>
                <span class="entry-text" dir="auto">{subject}</span>
                <span class="badge">{move || status_name(status, language())}</span>
                {when(i18n, at)}
            </li>
        }
        .into_any(),
        TimelineItem::Quote { number, revision, status, total, .. } => view! {
            <li class="entry quote" data-test="timeline-entry" data-kind="quote">
                <span class="entry-kind">{move || i18n.text(Text::TimelineQuote)}</span>
                <span class="entry-text">
                    {move || i18n.format(Text::TimelineQuoteRevision, &[("number", &number), ("revision", &revision.to_string())])}
                </span>
                <span class="badge">{move || quote_status_name(status, language())}</span>
                <span class="entry-amount">{move || intl::money(language(), total.currency.code(), total.amount, total.currency.minor_units())}</span>
                {when(i18n, at)}
            </li>
        }
        .into_any(),
        TimelineItem::StatusChange {
            field,
            from,
            to,
            subject,
            author,
            ..
        } => {
            let (label, from, to) = (
                move || i18n.text(field_label(field)),
                status_value(field, &from),
                status_value(field, &to),
            );
            view! {
                <li class="entry change" data-test="timeline-entry" data-kind="status_change">
                    <span class="entry-kind">{label}</span>
                    {subject.map(|subject| view! { <span class="entry-text" dir="auto">{subject}</span> })}
                    <span class="entry-text" data-test="status-change">
                        {move || i18n.format(Text::TimelineChange, &[("from", &from(language())), ("to", &to(language()))])}
                    </span>
                    {author.map(|author| view! { <span class="muted">{author.name}</span> })}
                    {when(i18n, at)}
                </li>
            }
            .into_any()
        }
        TimelineItem::Activity(activity) => {
            let kind = activity.kind;
            let author = activity.author.name.clone();
            view! {
                <li class="entry activity" data-test="timeline-entry" data-kind="activity">
                    <span class="entry-kind">{move || activity_kind_name(kind, language())}</span>
                    <p class="entry-body" dir="auto" data-test="activity-body">{activity.body.clone()}</p>
                    <span class="muted">{author}</span>
                    {when(i18n, activity.occurred_at)}
                </li>
            }
            .into_any()
        }
    }
}

fn field_label(field: StatusField) -> Text {
    match field {
        StatusField::Status => Text::TimelineStatusChange,
        StatusField::Stage => Text::CustomerStageLabel,
        StatusField::Tier => Text::CustomerTierLabel,
    }
}

/// A status change's value in the user's language (its wire name when it is
/// one this version does not know).
fn status_value(field: StatusField, wire: &str) -> impl Fn(Language) -> String + use<> {
    let wire = wire.to_owned();
    let stage = LifecycleStage::ALL
        .into_iter()
        .find(|stage| stage.as_str() == wire);
    let tier = Tier::ALL.into_iter().find(|tier| tier.as_str() == wire);
    let status = InquiryStatus::ALL
        .into_iter()
        .find(|status| status.as_str() == wire);
    move |language| {
        let known = match field {
            StatusField::Status => status.map(|status| status_name(status, language)),
            StatusField::Stage => stage.map(|stage| lifecycle_stage(stage, language)),
            StatusField::Tier => tier.map(|tier| tier_name(tier, language)),
        };
        known.map_or_else(|| wire.clone(), str::to_owned)
    }
}

#[component]
fn PendingEntry(pending: PendingActivity) -> impl IntoView {
    let i18n = use_i18n();
    let kind = pending.activity.kind;
    view! {
        <li class="entry activity pending-entry" data-test="timeline-entry" data-kind="activity" data-pending="true">
            <span class="entry-kind">{move || activity_kind_name(kind, i18n.language())}</span>
            <p class="entry-body" dir="auto" data-test="activity-body">{pending.activity.body.clone()}</p>
            <span class="badge pending" data-test="activity-pending">
                {move || i18n.text(if pending.stuck { Text::TimelineNotSaved } else { Text::CustomerNotYetSaved })}
            </span>
        </li>
    }
}

/// The activity as typed, checked by the contract's rules.
fn new_activity(kind: Option<ActivityKind>, body: &str) -> Result<NewActivity, Vec<FieldError>> {
    let activity = NewActivity {
        kind: kind.unwrap_or(ActivityKind::Note),
        body: body.trim().to_owned(),
        occurred_at: None,
    };
    activity.validate().map(|()| activity)
}

/// A note, or a call, meeting, e-mail or sample shipment to log.
#[component]
fn ActivityComposer(on_log: Callback<NewActivity>) -> impl IntoView {
    let open = RwSignal::new(false);
    let kind = RwSignal::new(Some(ActivityKind::Note));
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match new_activity(kind.get_untracked(), &body.get_untracked()) {
            Ok(activity) => {
                on_log.run(activity);
                body.set(String::new());
                errors.set(Vec::new());
                open.set(false);
            }
            Err(found) => errors.set(found),
        }
    };
    let cancel = Callback::new(move |()| {
        errors.set(Vec::new());
        open.set(false);
    });
    move || {
        if open.get() {
            view! {
                <form class="editor" data-test="activity-form" on:submit=submit on:keydown=escape_cancels(cancel) novalidate=true>
                    <SelectField label=Text::ActivityKindLabel test_id="activity-kind" choices=ActivityKind::ALL.to_vec()
                        value=kind wire=ActivityKind::as_str name=activity_kind_name />
                    <TextField label=Text::ActivityBodyLabel test_id="activity-body-input" value=body errors=errors field="/body" multiline=true />
                    <FormActions save=Text::ActivitySave test_id="activity-save" on_cancel=cancel />
                </form>
            }
            .into_any()
        } else {
            view! { <AddButton label=Text::ActivityAdd test_id="add-activity" on_click=Callback::new(move |()| open.set(true)) /> }
                .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(json: serde_json::Value) -> TimelineEntry {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn pages_merge_without_repeats_newest_first_and_narrow_by_kind() {
        let inquiry = entry(serde_json::json!({
            "at": "2026-11-20T08:00:00Z",
            "item": {"type": "inquiry", "id": "00000000-0000-4000-8000-000000000001", "subject": "LED", "status": "open"}
        }));
        let note = entry(serde_json::json!({
            "at": "2026-11-21T08:00:00Z",
            "item": {"type": "activity", "id": "00000000-0000-4000-8000-000000000002",
                     "customer_id": "00000000-0000-4000-8000-000000000009", "kind": "note", "body": "Called",
                     "occurred_at": "2026-11-21T08:00:00Z",
                     "author": {"id": "00000000-0000-4000-8000-000000000003", "name": "Li Wei"}}
        }));
        let all = merged(
            std::slice::from_ref(&note),
            &[note.clone(), inquiry.clone()],
            None,
        );
        assert_eq!(all, [note.clone(), inquiry.clone()]);
        assert_eq!(
            merged(
                std::slice::from_ref(&note),
                std::slice::from_ref(&inquiry),
                Some(Kind::Inquiry)
            ),
            [inquiry]
        );
        assert!(merged(&[note], &[], Some(Kind::Quote)).is_empty());
    }

    #[test]
    fn an_empty_note_is_refused() {
        assert!(new_activity(None, "  ").is_err());
        let call = new_activity(Some(ActivityKind::Call), " Spoke to Klaus ").unwrap();
        assert_eq!(call.body, "Spoke to Klaus");
        assert_eq!(call.kind, ActivityKind::Call);
    }
}
