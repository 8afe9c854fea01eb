//! The shape the layer's own enums are stored and posted in.
//!
//! An outbox entry's operation and state, and the tabs' messages, are kept
//! internally tagged: `{"kind": "update_inquiry", "id": …}`, `{"kind": "outbox"}`.
//! Their Rust types derive serde's default, external tagging
//! (`{"update_inquiry": {"id": …}}`, `"outbox"`) instead: to read an internally
//! tagged enum serde first buffers every field in memory, code that weighs
//! 17.5 KiB brotli for these three enums. The two shapes are converted
//! here, on the JS objects, so what older pages stored and what older tabs post
//! still reads, and the other way round.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::tabs::Message;
use super::{from_js, to_js};
use crate::data::mutation::Mutation;
use crate::sync::Entry;

/// An outbox entry as stored: its `op` tagged by `kind`, its `state` by `state`.
pub(super) fn entry_to_js(entry: &Entry<Mutation>) -> Option<JsValue> {
    let value = to_js(entry)?;
    replace(&value, "op", |op| internal(op, "kind"))?;
    replace(&value, "state", |state| internal(state, "state"))?;
    Some(value)
}

/// A stored outbox entry; `None` when it does not read as one.
pub(super) fn entry_from_js(value: JsValue) -> Option<Entry<Mutation>> {
    replace(&value, "op", |op| external(op, "kind"))?;
    replace(&value, "state", |state| external(state, "state"))?;
    from_js(value)
}

/// A message between tabs, tagged by `kind`.
pub(super) fn message_to_js(message: &Message) -> Option<JsValue> {
    internal(&to_js(message)?, "kind")
}

/// A message from another tab; `None` when it does not read as one.
pub(super) fn message_from_js(message: &JsValue) -> Option<Message> {
    from_js(external(message, "kind")?)
}

/// Sets `object[key]` to `convert(object[key])`.
fn replace(
    object: &JsValue,
    key: &str,
    convert: impl FnOnce(&JsValue) -> Option<JsValue>,
) -> Option<()> {
    let key = JsValue::from_str(key);
    let converted = convert(&Reflect::get(object, &key).ok()?)?;
    Reflect::set(object, &key, &converted).ok()?;
    Some(())
}

/// serde's `"variant"` or `{"variant": {fields}}` as `{tag: "variant", fields}`.
fn internal(value: &JsValue, tag: &str) -> Option<JsValue> {
    let shaped = Object::new();
    if value.is_string() {
        Reflect::set(&shaped, &tag.into(), value).ok()?;
        return Some(shaped.into());
    }
    let object = value.dyn_ref::<Object>()?;
    let keys = Object::keys(object);
    if keys.length() != 1 {
        return None;
    }
    let variant = keys.get(0);
    let fields = Reflect::get(object, &variant).ok()?;
    Reflect::set(&shaped, &tag.into(), &variant).ok()?;
    Some(Object::assign(&shaped, fields.dyn_ref::<Object>()?).into())
}

/// `{tag: "variant", fields}` as serde's `{"variant": {fields}}`, or `"variant"`
/// when it has no fields.
fn external(value: &JsValue, tag: &str) -> Option<JsValue> {
    let object = value.dyn_ref::<Object>()?;
    let variant = Reflect::get(object, &tag.into()).ok()?;
    variant.as_string()?;
    let fields = Object::assign(&Object::new(), object);
    Reflect::delete_property(&fields, &tag.into()).ok()?;
    if Object::keys(&fields).length() == 0 {
        return Some(variant);
    }
    let shaped = Object::new();
    Reflect::set(&shaped, &variant, &fields).ok()?;
    Some(shaped.into())
}
