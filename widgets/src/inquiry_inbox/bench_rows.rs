//! The inbox's rows alone, for `cargo xtask bench`'s rendering benchmark
//! (`tests/bench/rows.html`): the js-framework-benchmark operations (create,
//! replace, update every 10th, select, swap, remove, clear) on every row at once,
//! the real [`InquiryRow`] in a keyed `<For>`, with no virtual list. Only in a
//! bundle built with the `bench-rows` feature, never in the published one.
//!
//! Row `n` is made from the words the page gives, picked by `n` the same way as
//! the page's plain-JavaScript floor picks them, so both render the same rows.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use contract::country::CountryCode;
use contract::ids::{InquiryId, UserId};
use contract::inquiry::{BuyerSnapshot, InquiryStatus, InquirySummary};
use contract::quantity::{Quantity, Unit};
use contract::user::UserRef;
use contract::version::Version;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use time::Duration;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

use super::row::{InquiryRow, RowState};
use crate::data::ShownInquiry;
use crate::intl;

/// The words rows are made of; each list must not be empty.
#[derive(Deserialize)]
struct Words {
    companies: Vec<String>,
    names: Vec<String>,
    countries: Vec<String>,
    products: Vec<String>,
    subjects: Vec<String>,
    previews: Vec<String>,
    assignees: Vec<String>,
    tags: Vec<String>,
}

/// `list`'s word for row `n` (`salt` tells the fields apart), as the floor picks it.
fn pick(list: &[String], n: u64, salt: u64) -> String {
    let index = (n * 7_919 + salt * 104_729) % list.len() as u64;
    list[usize::try_from(index).unwrap_or_default()].clone()
}

impl Words {
    fn row(&self, n: u64, now: time::OffsetDateTime) -> ShownInquiry {
        let received_at = now - Duration::seconds(i64::try_from(n * 97).unwrap_or_default());
        let inquiry = InquirySummary {
            id: InquiryId::from(Uuid::from_u128(u128::from(n))),
            buyer: BuyerSnapshot {
                name: pick(&self.names, n, 1),
                company: pick(&self.companies, n, 2),
                country: pick(&self.countries, n, 3)
                    .parse::<CountryCode>()
                    .unwrap_or(CountryCode::UNKNOWN),
                verified: n.is_multiple_of(3),
            },
            customer_id: None,
            product_name: Some(pick(&self.products, n, 4)),
            quantity: Some(Quantity {
                value: Decimal::from(100 * (1 + n % 50)),
                unit: Unit::Piece,
            }),
            subject: pick(&self.subjects, n, 5),
            preview: pick(&self.previews, n, 6),
            received_at,
            response_due_at: None,
            first_response_at: None,
            status: InquiryStatus::ALL[usize::try_from(n % 7).unwrap_or_default()],
            assignee: Some(UserRef {
                id: UserId::from(Uuid::from_u128(1_000 + u128::from(n % 4))),
                name: pick(&self.assignees, n, 7),
            }),
            score: u8::try_from(n * 37 % 101).unwrap_or_default(),
            unread: n.is_multiple_of(2),
            tags: if n.is_multiple_of(4) {
                vec![pick(&self.tags, n, 8)]
            } else {
                Vec::new()
            },
            language: None,
            version: Version::FIRST,
            updated_at: received_at,
        };
        ShownInquiry {
            inquiry: Arc::new(inquiry),
            pending: false,
        }
    }
}

/// The rows mounted in one element, and the operations on them.
#[wasm_bindgen]
pub struct BenchRows {
    words: Words,
    rows: RwSignal<Vec<ShownInquiry>>,
    selected: RwSignal<Option<InquiryId>>,
    /// The next row's `n`: every created row is new, as in js-framework-benchmark.
    next: Cell<u64>,
    _mounted: Box<dyn std::any::Any>,
}

impl Drop for BenchRows {
    fn drop(&mut self) {
        self.rows.dispose();
        self.selected.dispose();
    }
}

#[wasm_bindgen]
impl BenchRows {
    /// Mounts an empty list into `parent` (inside a shadow root that has
    /// [`BenchRows::stylesheet`]), with rows made of `words`.
    #[wasm_bindgen(constructor)]
    pub fn new(parent: web_sys::HtmlElement, words: JsValue) -> Result<BenchRows, JsError> {
        let words: Words = serde_wasm_bindgen::from_value(words)?;
        let lists = [
            &words.companies,
            &words.names,
            &words.countries,
            &words.products,
            &words.subjects,
            &words.previews,
            &words.assignees,
            &words.tags,
        ];
        if lists.iter().any(|list| list.is_empty()) {
            return Err(JsError::new("every list of words needs at least one word"));
        }
        let rows = RwSignal::new(Vec::<ShownInquiry>::new());
        let selected = RwSignal::new(None::<InquiryId>);
        let mounted = leptos::mount::mount_to(parent, move || {
            let total = Memo::new(move |_| rows.with(Vec::len));
            let positions = Memo::new(move |_| {
                rows.with(|rows| {
                    rows.iter()
                        .enumerate()
                        .map(|(index, shown)| (shown.inquiry.id, index + 1))
                        .collect::<HashMap<_, _>>()
                })
            });
            let tab_stop =
                Memo::new(move |_| rows.with(|rows| rows.first().map(|shown| shown.inquiry.id)));
            let state = RowState {
                selected: selected.into(),
                checked: RwSignal::new(HashSet::new()),
                cursor: RwSignal::new(None),
                open: Callback::new(|_| {}),
            };
            view! {
                <ol class="rows">
                    <For each=move || rows.get() key=|shown| (shown.inquiry.id, shown.inquiry.version) let:shown>
                        <InquiryRow
                            position=Signal::derive({
                                let id = shown.inquiry.id;
                                move || positions.with(|positions| positions.get(&id).copied().unwrap_or_default())
                            })
                            shown=shown
                            total=total
                            tab_stop=tab_stop
                            state=state
                        />
                    </For>
                </ol>
            }
        });
        Ok(BenchRows {
            words,
            rows,
            selected,
            next: Cell::new(1),
            _mounted: Box::new(mounted),
        })
    }

    /// The stylesheet the inbox's shadow root has: the theme and the inbox's.
    pub fn stylesheet() -> String {
        [crate::element::THEME_CSS, super::DEFINITION.styles].concat()
    }

    /// Replaces every row with `count` new ones (create, and replace all).
    pub fn create(&self, count: u32) {
        let now = intl::now();
        let first = self.next.get();
        self.next.set(first + u64::from(count));
        let rows = (first..first + u64::from(count))
            .map(|n| self.words.row(n, now))
            .collect();
        self.rows.set(rows);
    }

    /// Appends " !!!" to the subject of every 10th row: a new version of each.
    pub fn update_every_10th(&self) {
        self.rows.update(|rows| {
            for shown in rows.iter_mut().step_by(10) {
                let mut inquiry = InquirySummary::clone(&shown.inquiry);
                inquiry.subject.push_str(" !!!");
                inquiry.version = Version(inquiry.version.0 + 1);
                shown.inquiry = Arc::new(inquiry);
            }
        });
    }

    /// Opens the row at `index` (highlights it, and no other).
    pub fn select(&self, index: usize) {
        let id = self
            .rows
            .with_untracked(|rows| rows.get(index).map(|shown| shown.inquiry.id));
        self.selected.set(id);
    }

    /// Swaps the second row and the second to last of 1,000.
    pub fn swap(&self) {
        self.rows.update(|rows| {
            if rows.len() > 998 {
                rows.swap(1, 998);
            }
        });
    }

    /// Removes the row at `index`.
    pub fn remove(&self, index: usize) {
        self.rows.update(|rows| {
            if index < rows.len() {
                rows.remove(index);
            }
        });
    }

    /// Removes every row.
    pub fn clear(&self) {
        self.rows.set(Vec::new());
    }
}
