//! The inbox list, virtualized: however many inquiries match, only the rows in
//! view (and a few either side) exist in the DOM; rows have one fixed height
//! (measured once rendered), so a row's place is its index times that height.
//! The keyboard's row (the cursor) is the one row in the tab order.

use contract::ids::InquiryId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::InboxState;
use super::row::InquiryRow;
use crate::data::ShownInquiry;
use crate::i18n::Text;
use crate::ui::use_i18n;

/// Rows rendered beyond each edge of the view, so that fast scrolling does not
/// show blank space before the next frame.
const OVERSCAN: usize = 8;
/// The row height assumed until one is measured, in CSS pixels.
const ASSUMED_ROW_HEIGHT: f64 = 108.0;
/// The view's height assumed until it is measured.
const ASSUMED_VIEW_HEIGHT: f64 = 600.0;

/// Where the list is scrolled and how big its rows are.
#[derive(Clone, Copy)]
pub(super) struct Window {
    viewport: NodeRef<leptos::html::Div>,
    scroll_top: RwSignal<f64>,
    view_height: RwSignal<f64>,
    row_height: RwSignal<f64>,
}

impl Default for Window {
    fn default() -> Window {
        Window {
            viewport: NodeRef::new(),
            scroll_top: RwSignal::new(0.0),
            view_height: RwSignal::new(ASSUMED_VIEW_HEIGHT),
            row_height: RwSignal::new(ASSUMED_ROW_HEIGHT),
        }
    }
}

/// The range of rows to render for a scroll position: `(first, end)`.
pub(super) fn visible_range(
    scroll_top: f64,
    view_height: f64,
    row_height: f64,
    total: usize,
) -> (usize, usize) {
    let row_height = row_height.max(1.0);
    let first_in_view = (scroll_top.max(0.0) / row_height).floor() as usize;
    let in_view = (view_height.max(0.0) / row_height).ceil() as usize + 1;
    let first = first_in_view.saturating_sub(OVERSCAN).min(total);
    let end = (first_in_view + in_view + OVERSCAN).min(total);
    (first, end.max(first))
}

/// The index the cursor goes to from `current` by `delta` rows (clamped; from
/// nowhere, down starts at the top and up at the bottom).
pub(super) fn moved(current: Option<usize>, delta: isize, total: usize) -> Option<usize> {
    if total == 0 {
        return None;
    }
    let last = total - 1;
    Some(match current {
        None if delta >= 0 => 0,
        None => last,
        Some(index) => index.saturating_add_signed(delta).min(last),
    })
}

impl Window {
    pub(super) fn scroll_to_top(self) {
        if let Some(viewport) = self.viewport.get_untracked() {
            viewport.set_scroll_top(0);
        }
        self.scroll_top.set(0.0);
    }

    /// How many rows a page (PageDown) moves.
    pub(super) fn page_rows(self) -> isize {
        let rows = self.view_height.get_untracked() / self.row_height.get_untracked().max(1.0);
        (rows.floor() as isize - 1).max(1)
    }

    fn measure(self) {
        let Some(viewport) = self.viewport.get_untracked() else {
            return;
        };
        self.scroll_top.set(f64::from(viewport.scroll_top()));
        let height = f64::from(viewport.client_height());
        if height > 0.0 && height != self.view_height.get_untracked() {
            self.view_height.set(height);
        }
        let row = viewport
            .query_selector(".row-item")
            .ok()
            .flatten()
            .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(row) = row {
            let measured = f64::from(row.offset_height());
            if measured > 0.0 && (measured - self.row_height.get_untracked()).abs() > 0.5 {
                self.row_height.set(measured);
            }
        }
    }

    /// Moves the cursor by `delta` rows, scrolls it into view and focuses its
    /// row once rendered. Whether there was a row to move to.
    pub(super) fn move_cursor(self, state: InboxState, delta: isize) -> bool {
        let target = state.listed.with_untracked(|listed| {
            let current = state
                .cursor
                .get_untracked()
                .and_then(|id| listed.items.iter().position(|shown| shown.inquiry.id == id));
            let index = moved(current, delta, listed.items.len())?;
            Some((index, listed.items[index].inquiry.id))
        });
        let Some((index, id)) = target else {
            return false;
        };
        state.cursor.set(Some(id));
        self.reveal(index, id);
        true
    }

    /// Whether nothing in the widget has the focus (the focused row was removed).
    fn focus_lost(self) -> bool {
        let Some(viewport) = self.viewport.get_untracked() else {
            return false;
        };
        viewport
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .is_ok_and(|root| root.active_element().is_none())
    }

    /// Scrolls row `index` into view and focuses it once rendered.
    fn reveal(self, index: usize, id: InquiryId) {
        let Some(viewport) = self.viewport.get_untracked() else {
            return;
        };
        let row_height = self.row_height.get_untracked();
        let top = index as f64 * row_height;
        let bottom = top + row_height;
        let scroll_top = f64::from(viewport.scroll_top());
        let view_height = f64::from(viewport.client_height());
        if top < scroll_top {
            viewport.set_scroll_top(top as i32);
        } else if bottom > scroll_top + view_height {
            viewport.set_scroll_top((bottom - view_height).ceil() as i32);
        }
        self.measure();
        // The row exists after the list's next update.
        request_animation_frame(move || {
            let Some(viewport) = self.viewport.get_untracked() else {
                return;
            };
            let selector = ["button.row[data-id=\"", &id.to_string(), "\"]"].concat();
            let row = viewport
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(row) = row
                && row.focus().is_err()
            {
                web_sys::console::warn_1(&"[crm-widgets] could not focus the row".into());
            }
        });
    }
}

#[component]
pub(super) fn VirtualList(state: InboxState, window: Window) -> impl IntoView {
    let i18n = use_i18n();
    let total = Memo::new(move |_| state.listed.with(|listed| listed.items.len()));
    let range = Memo::new(move |_| {
        visible_range(
            window.scroll_top.get(),
            window.view_height.get(),
            window.row_height.get(),
            total.get(),
        )
    });
    // The rows in view, each with its position in the whole list.
    let rows = Memo::new(move |_| {
        let (first, end) = range.get();
        state.listed.with(|listed| {
            listed
                .items
                .get(first..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(offset, shown)| (first + offset, shown.clone()))
                .collect::<Vec<(usize, ShownInquiry)>>()
        })
    });
    // The row in the tab order: the cursor's, else the open one, else the first.
    let tab_stop = Memo::new(move |_| {
        let listed_ids = |id: InquiryId| {
            state
                .listed
                .with(|listed| listed.items.iter().any(|shown| shown.inquiry.id == id))
        };
        state
            .cursor
            .get()
            .filter(|id| listed_ids(*id))
            .or_else(|| state.selected.get().filter(|id| listed_ids(*id)))
            .or_else(|| {
                state
                    .listed
                    .with(|listed| listed.items.first().map(|shown| shown.inquiry.id))
            })
    });
    // The keyboard's row leaving the list (archived, filtered out, changed in
    // another tab): its neighbour takes its place, and the focus if it had it.
    let last_index = StoredValue::new(0usize);
    Effect::new(move |_| {
        let Some(id) = state.cursor.get() else {
            return;
        };
        let (position, len) = state.listed.with(|listed| {
            (
                listed.items.iter().position(|shown| shown.inquiry.id == id),
                listed.items.len(),
            )
        });
        if let Some(index) = position {
            last_index.set_value(index);
            return;
        }
        if len == 0 {
            return;
        }
        let index = last_index.get_value().min(len - 1);
        let next = state
            .listed
            .with_untracked(|listed| listed.items[index].inquiry.id);
        state.cursor.set(Some(next));
        if window.focus_lost() {
            window.reveal(index, next);
        }
    });
    let on_scroll = move |_| window.measure();
    // Measure the rows and the view once the rows change, in the next animation
    // frame: the browser lays them out for that frame anyway, whereas reading a
    // size here would force the whole page's layout into the task that rendered
    // them (with the cached data landing, a task over 50 ms).
    let frame = StoredValue::new(None::<AnimationFrameRequestHandle>);
    Effect::new(move |_| {
        rows.track();
        if frame.with_value(Option::is_some) {
            return;
        }
        let handle = request_animation_frame_with_handle(move || {
            frame.set_value(None);
            window.measure();
        });
        frame.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = frame.try_update_value(Option::take).flatten() {
            handle.cancel();
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| window.measure());
    on_cleanup(move || on_resize.remove());

    view! {
        <div class="viewport" node_ref=window.viewport on:scroll=on_scroll data-test="inquiry-viewport">
            <ol
                class="rows"
                aria-label=move || i18n.text(Text::InboxListLabel)
                data-test="inquiry-list"
                style:height=move || format!("{}px", total.get() as f64 * window.row_height.get())
                style:padding-top=move || format!("{}px", range.get().0 as f64 * window.row_height.get())
            >
                <For
                    each=move || rows.get()
                    key=|(_, shown)| (shown.inquiry.id, shown.inquiry.version, shown.pending, shown.inquiry.status, shown.inquiry.unread, shown.inquiry.assignee.as_ref().map(|user| user.id))
                    let:row
                >
                    <InquiryRow
                        position=Signal::derive({
                            let id = row.1.inquiry.id;
                            move || rows.with(|rows| {
                                rows.iter()
                                    .find(|(_, shown)| shown.inquiry.id == id)
                                    .map_or(0, |(index, _)| index + 1)
                            })
                        })
                        shown=row.1
                        total=total
                        tab_stop=tab_stop
                        state=state
                    />
                </For>
            </ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_covers_the_view_and_the_overscan() {
        assert_eq!(visible_range(0.0, 600.0, 100.0, 1000), (0, 7 + OVERSCAN));
        let (first, end) = visible_range(10_000.0, 600.0, 100.0, 1000);
        assert_eq!(first, 100 - OVERSCAN);
        assert_eq!(end, 107 + OVERSCAN);
        assert_eq!(visible_range(0.0, 600.0, 100.0, 3), (0, 3));
        assert_eq!(visible_range(1e9, 600.0, 100.0, 3), (3, 3));
        assert_eq!(visible_range(0.0, 600.0, 100.0, 0), (0, 0));
    }

    #[test]
    fn the_cursor_stays_in_the_list() {
        assert_eq!(moved(None, 1, 5), Some(0));
        assert_eq!(moved(None, -1, 5), Some(4));
        assert_eq!(moved(Some(4), 1, 5), Some(4));
        assert_eq!(moved(Some(0), -1, 5), Some(0));
        assert_eq!(moved(Some(2), isize::MAX, 5), Some(4));
        assert_eq!(moved(Some(2), isize::MIN, 5), Some(0));
        assert_eq!(moved(Some(2), 1, 0), None);
    }
}
