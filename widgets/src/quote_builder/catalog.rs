//! Adding lines: a product from the member's catalog (searched by name, SKU or
//! model number, from the cache, so offline too), priced by its quantity
//! breaks; or a free line of any kind (product, sample, tooling, freight,
//! service). The search is a combobox: arrows move, Enter adds, Escape clears.

use contract::product::Product;
use contract::quote::LineKind;
use leptos::prelude::*;

use super::Builder;
use super::form::FormLine;
use crate::i18n::{Text, line_kind_name, unit_name};
use crate::intl;

/// The combobox completes from a list.
const AUTOCOMPLETE: &str = "list";

/// How many products the search lists.
const SHOWN: usize = 8;

/// Adds a line at the end.
fn add_line(builder: Builder, line: impl FnOnce(&mut super::form::Form) -> FormLine) {
    builder.edit(|form| {
        let line = line(form);
        form.lines.push(line);
    });
}

#[component]
pub(super) fn Catalog(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0_usize);
    let found = Memo::new(move |_| {
        let query = query.get();
        if query.trim().is_empty() {
            return Vec::new();
        }
        builder
            .data
            .with(|layer| layer.products_matching(&query, SHOWN))
    });
    let add = move |product: Product| {
        add_line(builder, |form| {
            let key = form.take_key();
            FormLine::of_product(key, &product, product.moq, form.currency)
        });
        query.set(String::new());
        active.set(0);
    };
    let keydown = move |event: leptos::ev::KeyboardEvent| {
        let count = found.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                active.update(|index| *index = (*index + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|index| *index = (*index + count - 1) % count);
            }
            "Enter" => {
                event.prevent_default();
                if let Some(product) =
                    found.with(|found| found.get(active.get_untracked()).cloned())
                {
                    add(product);
                }
            }
            "Escape" => {
                event.stop_propagation();
                query.set(String::new());
            }
            _ => {}
        }
    };
    let listbox = crate::ui::form::unique_id("catalog");
    let option_id = {
        let listbox = listbox.clone();
        move |index: usize| [listbox.as_str(), "-", &index.to_string()].concat()
    };
    let input_id = [listbox.as_str(), "-input"].concat();
    let active_id = {
        let option_id = option_id.clone();
        move || (!found.with(Vec::is_empty)).then(|| option_id(active.get()))
    };
    let free_lines = LineKind::ALL.iter().copied().map(|kind| {
                    let test_id = ["add-", kind.as_str()].concat();
                    view! {
                    <button class="button" type="button" data-test=test_id
                        on:click=move |_| add_line(builder, |form| {
                            let key = form.take_key();
                            FormLine::blank(key, kind)
                        })>
                        {move || i18n.format(Text::QuoteAddKind, &[("kind", line_kind_name(kind, i18n.language()))])}
                    </button>
                }}).collect_view();
    view! {
        <div class="add-lines">
            <div class="catalog">
                <label class="field-label" for=input_id.clone()>{move || i18n.text(Text::QuoteCatalogSearch)}</label>
                <input class="control" type="search" id=input_id
                    data-test="catalog-search" role="combobox" autocomplete="off"
                    aria-autocomplete=AUTOCOMPLETE aria-controls=listbox.clone()
                    aria-expanded=move || if found.with(Vec::is_empty) { "false" } else { "true" }
                    aria-activedescendant=active_id
                    placeholder=move || i18n.text(Text::QuoteCatalogPlaceholder)
                    prop:value=move || query.get()
                    on:input=move |event| { query.set(event_target_value(&event)); active.set(0); }
                    on:keydown=keydown />
                <ul class="catalog-results" role="listbox" id=listbox.clone() data-test="catalog-results"
                    hidden=move || found.with(Vec::is_empty)>
                    {move || found.get().into_iter().enumerate().map(|(index, product)| {
                        let chosen = product.clone();
                        let first = product.price_breaks.first().map(|price_break| {
                            intl::money(i18n.language(), product.currency.code(), price_break.unit_price, product.currency.minor_units())
                        });
                        let moq = [intl::decimal(i18n.language(), product.moq).as_str(), " ", unit_name(product.unit, i18n.language())].concat();
                        view! {
                            <li role="option" id=option_id(index) data-test="catalog-product"
                                aria-selected=move || if active.get() == index { "true" } else { "false" }
                                on:mousedown=move |event| { event.prevent_default(); add(chosen.clone()); }>
                                <span class="catalog-name" dir="auto">{product.name.clone()}</span>
                                <span class="muted">{product.sku.clone()}</span>
                                <span class="muted">{move || i18n.format(Text::QuoteCatalogFrom, &[("price", first.as_deref().unwrap_or("—")), ("moq", &moq)])}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
            <div class="free-lines" role="group" aria-label=move || i18n.text(Text::QuoteAddLine)>
                {free_lines}
            </div>
        </div>
    }
}
