//! The line table. Every figure is validated as the user
//! types, with the message next to the field; amounts come from the contract's
//! arithmetic (the server's), never from floats. Lines move with the keyboard
//! (arrow keys on a line's handle) or by dragging, and group under sections.

use contract::product::Product;
use contract::quantity::Unit;
use contract::quote::LineKind;
use leptos::prelude::*;

use super::Builder;
use super::form::{FormLine, number};
use super::terms::discount_wire;
use crate::i18n::{Text, line_kind_name, unit_name};
use crate::intl;
use crate::ui::form::unique_id;

/// Marks a line's drag as a move, carrying its key.
fn start_drag(transfer: &web_sys::DataTransfer, key: u64) {
    if transfer.set_data("text/plain", &key.to_string()).is_err() {
        web_sys::console::warn_1(&"[crm-widgets] cannot start dragging".into());
    }
}

/// What a dragged line allows.
const MOVE: &str = "move";

#[component]
pub(super) fn LineTable(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let keys = Memo::new(move |_| {
        builder
            .form
            .with(|form| {
                form.as_ref()
                    .map(|form| form.lines.iter().map(|line| line.key).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    });
    let dragging = RwSignal::new(None::<u64>);
    let empty_error = Memo::new(move |_| builder.error("/lines"));
    view! {
        <table class="lines" part="lines" data-test="quote-lines">
            <caption class="visually-hidden">{move || i18n.text(Text::QuoteLines)}</caption>
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden">{move || i18n.text(Text::QuoteMoveLine)}</span></th>
                    <th scope="col">{move || i18n.text(Text::QuoteItem)}</th>
                    <th scope="col">{move || i18n.text(Text::QuoteHsCode)}</th>
                    <th scope="col">{move || i18n.text(Text::QuoteOrigin)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteQuantity)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteUnitPrice)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteLineDiscount)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteAmount)}</th>
                    <th scope="col"><span class="visually-hidden">{move || i18n.text(Text::QuoteLineActions)}</span></th>
                </tr>
            </thead>
            <For each=move || keys.get() key=|key| *key let:key>
                <LineRows builder=builder key=key dragging=dragging />
            </For>
        </table>
        {move || empty_error.get().map(|message| view! {
            <p class="field-error" role="alert" data-test="lines-error">{message}</p>
        })}
    }
}

/// One line as its row reads it: memos that change only when this line does,
/// so that an edit re-renders the line edited, not all of them.
#[derive(Clone, Copy)]
struct Row {
    key: u64,
    /// Where the line is now (it moves).
    index: Memo<usize>,
    line: Memo<Option<FormLine>>,
    /// The line's problems shown: (field below `/lines/{index}/`, message).
    errors: Memo<Vec<(String, String)>>,
}

impl Row {
    fn new(builder: Builder, key: u64) -> Row {
        let index = Memo::new(move |_| {
            builder
                .form
                .with(|form| form.as_ref().and_then(|form| form.position(key)))
                .unwrap_or_default()
        });
        let line = Memo::new(move |_| {
            builder.form.with(|form| {
                let form = form.as_ref()?;
                form.lines.get(form.position(key)?).cloned()
            })
        });
        let errors = Memo::new(move |_| {
            let prefix = ["/lines/", &index.get().to_string(), "/"].concat();
            builder.errors_within(&prefix)
        });
        Row {
            key,
            index,
            line,
            errors,
        }
    }

    fn text(self, read: fn(&FormLine) -> String) -> String {
        self.line
            .with(|line| line.as_ref().map(read))
            .unwrap_or_default()
    }

    fn error(self, field: &str) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|(of, _)| of == field)
                .map(|(_, message)| message.clone())
        })
    }
}

fn edit_line(builder: Builder, key: u64, change: impl FnOnce(&mut FormLine)) {
    builder.edit(|form| {
        if let Some(index) = form.position(key) {
            change(&mut form.lines[index]);
        }
    });
}

/// A text cell of a line, with its problem.
#[component]
fn LineField(
    builder: Builder,
    row: Row,
    label: Text,
    test_id: &'static str,
    /// The field below `/lines/{index}/`.
    field: &'static str,
    get: fn(&FormLine) -> String,
    set: fn(&mut FormLine, String),
    #[prop(optional)] numeric: bool,
    /// Shown in the empty field (for fields without a column heading).
    #[prop(optional)]
    hint: Option<Text>,
) -> impl IntoView {
    let i18n = builder.i18n;
    let error_id = unique_id("line-error");
    let error = Memo::new(move |_| row.error(field));
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let (class, direction) = if numeric {
        ("control numeric", "ltr")
    } else {
        ("control", "auto")
    };
    let input_mode = numeric.then_some("decimal");
    view! {
        <input class=class type="text" data-test=test_id
            dir=direction
            inputmode=input_mode autocomplete="off"
            aria-label=move || i18n.text(label)
            placeholder=move || hint.map(|hint| i18n.text(hint))
            aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
            aria-describedby=described
            prop:value=move || row.text(get)
            on:input=move |event| {
                let text = event_target_value(&event);
                edit_line(builder, row.key, |line| set(line, text));
            } />
        {move || error.get().map(|message| view! {
            <span class="field-error" id=error_id.clone() role="alert" data-test="line-error">{message}</span>
        })}
    }
}

/// One line: its row, its note (price break, MOQ) and its details when open.
#[component]
fn LineRows(builder: Builder, key: u64, dragging: RwSignal<Option<u64>>) -> impl IntoView {
    let i18n = builder.i18n;
    let open = RwSignal::new(false);
    let handle = NodeRef::<leptos::html::Button>::new();
    let row = Row::new(builder, key);
    let Row { index, line, .. } = row;
    let product = Memo::new(move |_| {
        let id = line.with(|line| line.as_ref()?.product_id)?;
        builder.data.with(|layer| layer.record::<Product>(id))
    });
    // A section heading above the line when its section differs from the previous line's.
    let heading = Memo::new(move |_| {
        builder.form.with(|form| {
            let form = form.as_ref()?;
            let index = form.position(key)?;
            let section = form.lines[index].section.trim();
            let previous = index
                .checked_sub(1)
                .map(|previous| form.lines[previous].section.trim());
            (!section.is_empty() && previous != Some(section)).then(|| section.to_owned())
        })
    });
    let amount = Memo::new(move |_| {
        builder
            .parsed
            .with(|parsed| parsed.as_ref()?.lines.get(index.get()).copied().flatten())
            .map(|figures| figures.amount)
    });
    let amount = move || amount.get().map(|amount| builder.money(amount));
    let move_to = move |to: usize| {
        let mut moved = false;
        builder.edit(|form| moved = form.move_line(key, to));
        if moved {
            request_animation_frame(move || {
                if let Some(handle) = handle.try_get_untracked().flatten()
                    && handle.focus().is_err()
                {
                    web_sys::console::warn_1(&"[crm-widgets] cannot focus the moved line".into());
                }
            });
        }
    };
    let handle_keys = move |event: leptos::ev::KeyboardEvent| {
        let at = index.get_untracked();
        match event.key().as_str() {
            "ArrowUp" if at > 0 => {
                event.prevent_default();
                move_to(at - 1);
            }
            "ArrowDown" => {
                event.prevent_default();
                move_to(at + 1);
            }
            _ => {}
        }
    };
    let quantity_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        let product = product.get_untracked();
        builder.edit(|form| {
            let currency = form.currency;
            let Some(index) = form.position(key) else {
                return;
            };
            let line = &mut form.lines[index];
            // The break price follows the quantity unless the user typed their own.
            let follows = product
                .as_ref()
                .is_some_and(|product| line.priced_by_breaks(product, currency));
            line.quantity = text;
            if let (true, Some(product)) = (follows, product.as_ref()) {
                line.reprice(product, currency);
            }
        });
    };
    let quantity_error_id = unique_id("line-error");
    let quantity_error = Memo::new(move |_| row.error("quantity/value"));
    let details_id = unique_id("line-details");
    view! {
        <tbody class="line" data-test="quote-line"
            class:dragging=move || dragging.get() == Some(key)
            on:dragover=move |event| { if dragging.get_untracked().is_some() { event.prevent_default(); } }
            on:drop=move |event| {
                event.prevent_default();
                if let Some(moving) = dragging.get_untracked() {
                    let to = index.get_untracked();
                    builder.edit(|form| { form.move_line(moving, to); });
                }
                dragging.set(None);
            }>
            {move || heading.get().map(|section| view! {
                <tr class="section-heading"><th colspan="9" scope="rowgroup" dir="auto" data-test="quote-section">{section}</th></tr>
            })}
            <tr>
                <td class="handle-cell">
                    <button class="handle" type="button" node_ref=handle draggable="true" data-test="line-handle"
                        aria-label=move || i18n.format(Text::QuoteMoveLineN, &[("n", &(index.get() + 1).to_string())])
                        title=move || i18n.text(Text::QuoteMoveHint)
                        on:keydown=handle_keys
                        on:dragstart=move |event| {
                            if let Some(transfer) = event.data_transfer() {
                                start_drag(&transfer, key);
                                transfer.set_effect_allowed(MOVE);
                            }
                            dragging.set(Some(key));
                        }
                        on:dragend=move |_| dragging.set(None)>
                        <span aria-hidden="true">"⠿"</span>
                        <span class="position">{move || (index.get() + 1).to_string()}</span>
                    </button>
                </td>
                <td class="item">
                    <select class="control kind" data-test="line-kind" aria-label=move || i18n.text(Text::QuoteLineKind)
                        prop:value=move || line.with(|line| line.as_ref().map(|line| line.kind.as_str()).unwrap_or_default())
                        on:change=move |event| {
                            let wire = event_target_value(&event);
                            if let Some(kind) = LineKind::ALL.iter().copied().find(|kind| kind.as_str() == wire) {
                                edit_line(builder, key, |line| line.kind = kind);
                            }
                        }>
                        {LineKind::ALL.iter().copied().map(|kind| view! {
                            <option value=kind.as_str()>{move || line_kind_name(kind, i18n.language())}</option>
                        }).collect_view()}
                    </select>
                    <LineField builder=builder row=row label=Text::QuoteItem test_id="line-name" field="name"
                        get=|line| line.name.clone() set=|line, text| line.name = text hint=Text::QuoteItem />
                    <LineField builder=builder row=row label=Text::QuoteSku test_id="line-sku" field="sku"
                        get=|line| line.sku.clone() set=|line, text| line.sku = text hint=Text::QuoteSku />
                </td>
                <td class="hs" data-label=move || i18n.text(Text::QuoteHsCode)>
                    <LineField builder=builder row=row label=Text::QuoteHsCode test_id="line-hs-code" field="hs_code"
                        get=|line| line.hs_code.clone() set=|line, text| line.hs_code = text />
                </td>
                <td class="origin" data-label=move || i18n.text(Text::QuoteOrigin)>
                    <LineField builder=builder row=row label=Text::QuoteOrigin test_id="line-origin" field="origin"
                        get=|line| line.origin.clone() set=|line, text| line.origin = text />
                </td>
                <td class="numeric quantity" data-label=move || i18n.text(Text::QuoteQuantity)>
                    <input class="control numeric" type="text" inputmode="decimal" autocomplete="off" dir="ltr"
                        data-test="line-quantity"
                        aria-label=move || i18n.text(Text::QuoteQuantity)
                        aria-invalid=move || if quantity_error.with(Option::is_some) { "true" } else { "false" }
                        aria-describedby={let id = quantity_error_id.clone(); move || quantity_error.with(Option::is_some).then(|| id.clone())}
                        prop:value=move || row.text(|line| line.quantity.clone())
                        on:input=quantity_input />
                    <select class="control unit" data-test="line-unit" aria-label=move || i18n.text(Text::QuoteUnit)
                        prop:value=move || line.with(|line| line.as_ref().map(|line| line.unit.as_str()).unwrap_or_default())
                        on:change=move |event| {
                            let wire = event_target_value(&event);
                            if let Some(unit) = Unit::ALL.into_iter().find(|unit| unit.as_str() == wire) {
                                edit_line(builder, key, |line| line.unit = unit);
                            }
                        }>
                        {Unit::ALL.into_iter().map(|unit| view! {
                            <option value=unit.as_str()>{move || unit_name(unit, i18n.language())}</option>
                        }).collect_view()}
                    </select>
                    {move || quantity_error.get().map(|message| view! {
                        <span class="field-error" id=quantity_error_id.clone() role="alert" data-test="line-error">{message}</span>
                    })}
                </td>
                <td class="numeric price" data-label=move || i18n.text(Text::QuoteUnitPrice)>
                    <LineField builder=builder row=row label=Text::QuoteUnitPrice test_id="line-price" field="unit_price"
                        get=|line| line.price.clone() set=|line, text| line.price = text numeric=true />
                </td>
                <td class="numeric discount" data-label=move || i18n.text(Text::QuoteLineDiscount)>
                    <LineField builder=builder row=row label=Text::QuoteLineDiscount test_id="line-discount" field="discount"
                        get=|line| line.discount.text.clone() set=|line, text| line.discount.text = text numeric=true />
                    <select class="control discount-kind" data-test="line-discount-kind" aria-label=move || i18n.text(Text::QuoteDiscountKind)
                        prop:value=move || discount_wire(line.with(|line| line.as_ref().is_some_and(|line| line.discount.amount)))
                        on:change=move |event| {
                            let amount = event_target_value(&event) == discount_wire(true);
                            edit_line(builder, key, |line| line.discount.amount = amount);
                        }>
                        <option value=discount_wire(false)>{move || i18n.text(Text::QuoteDiscountPercent)}</option>
                        <option value=discount_wire(true)>{move || i18n.text(Text::QuoteDiscountAmount)}</option>
                    </select>
                </td>
                <td class="numeric amount" data-test="line-amount" data-label=move || i18n.text(Text::QuoteAmount)>
                    {move || amount().unwrap_or_else(|| "—".to_owned())}
                    {move || line.with(|line| line.as_ref().is_some_and(|line| line.optional)).then(|| view! {
                        <span class="optional-mark muted">{move || i18n.text(Text::QuoteOptional)}</span>
                    })}
                </td>
                <td class="line-actions">
                    <button class="icon-button" type="button" data-test="line-more"
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                        aria-controls=details_id.clone()
                        aria-label=move || i18n.text(Text::QuoteLineMore)
                        on:click=move |_| open.update(|open| *open = !*open)>
                        <span aria-hidden="true">"⋯"</span>
                    </button>
                    <button class="icon-button" type="button" data-test="line-remove"
                        aria-label=move || i18n.format(Text::QuoteRemoveLine, &[("n", &(index.get() + 1).to_string())])
                        on:click=move |_| builder.edit(|form| form.lines.retain(|line| line.key != key))>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </td>
            </tr>
            {move || product.get().map(|product| view! { <BreakNote builder=builder line=line product=product /> })}
            <tr class="line-details" id=details_id.clone() hidden=move || !open.get()>
                <td></td>
                <td colspan="8">
                    <div class="details-grid">
                        <label class="field">
                            <span>{move || i18n.text(Text::QuoteSection)}</span>
                            <input class="control" type="text" dir="auto" data-test="line-section"
                                prop:value=move || row.text(|line| line.section.clone())
                                on:input=move |event| { let text = event_target_value(&event); edit_line(builder, key, |line| line.section = text); } />
                        </label>
                        <label class="field wide">
                            <span>{move || i18n.text(Text::QuoteDescription)}</span>
                            <textarea class="control" rows="2" dir="auto" data-test="line-description"
                                prop:value=move || row.text(|line| line.description.clone())
                                on:input=move |event| { let text = event_target_value(&event); edit_line(builder, key, |line| line.description = text); }></textarea>
                        </label>
                        <label class="check">
                            <input type="checkbox" data-test="line-optional"
                                prop:checked=move || line.with(|line| line.as_ref().is_some_and(|line| line.optional))
                                on:change=move |event| { let checked = event_target_checked(&event); edit_line(builder, key, |line| line.optional = checked); } />
                            {move || i18n.text(Text::QuoteOptionalLine)}
                        </label>
                    </div>
                </td>
            </tr>
        </tbody>
    }
}

/// "Price break 1,000+ applied · MOQ 500 ✓", or the MOQ warning.
#[component]
fn BreakNote(builder: Builder, line: Memo<Option<FormLine>>, product: Product) -> impl IntoView {
    let i18n = builder.i18n;
    let note = move || {
        let quantity = line.with(|line| number(&line.as_ref()?.quantity).ok().flatten())?;
        let language = i18n.language();
        let currency = builder
            .form
            .with(|form| form.as_ref().map(|form| form.currency))?;
        if product.currency != currency {
            return Some((
                true,
                i18n.format(
                    Text::QuoteCatalogCurrency,
                    &[
                        ("catalog", product.currency.code()),
                        ("quote", currency.code()),
                    ],
                ),
            ));
        }
        let unit = unit_name(product.unit, language);
        let moq = [intl::decimal(language, product.moq).as_str(), " ", unit].concat();
        if product.below_moq(quantity) {
            return Some((true, i18n.format(Text::QuoteBelowMoq, &[("moq", &moq)])));
        }
        let applied = product
            .price_breaks
            .iter()
            .rev()
            .find(|price_break| price_break.min_quantity <= quantity)?;
        let break_text = intl::decimal(language, applied.min_quantity);
        Some((
            false,
            i18n.format(
                Text::QuoteBreakApplied,
                &[("break", &break_text), ("moq", &moq)],
            ),
        ))
    };
    let row = move || {
        note().map(|(warning, text)| {
            let (class, role, mark) = if warning {
                ("warning", Some("status"), "⚠ ")
            } else {
                ("muted", None, "↳ ")
            };
            view! {
                <tr class="break-note">
                    <td></td>
                    <td colspan="8" class=class data-test="line-note" role=role>
                        <span aria-hidden="true">{mark}</span>
                        {text}
                    </td>
                </tr>
            }
        })
    };
    view! {
        {row}
    }
}
