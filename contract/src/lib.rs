//! The wire contract between the CRM widgets and any server that implements the
//! REST API (api-stub is the reference one): data transfer types, id newtypes,
//! validated value types and the RFC 9457 problem type.
//!
//! This crate compiles for `wasm32-unknown-unknown` and for the server alike, so
//! it depends on neither browser nor server crates.

/// `ALL` (every variant, in the order a user picks from) and `as_str` (the
/// wire name, as serde writes it) for an enumeration sent as a plain string.
macro_rules! wire_names {
    ($type:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
        impl $type {
            /// Every variant, in the order a user picks from.
            pub const ALL: &'static [$type] = &[$($type::$variant),*];

            /// The wire name.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $wire,)*
                }
            }
        }
    };
}

pub mod change;
pub mod country;
pub mod customer;
pub mod ids;
pub mod incoterm;
pub mod inquiry;
pub mod language;
pub mod money;
pub mod operation;
pub mod problem;
pub mod product;
pub mod quantity;
pub mod quote;
pub mod user;
pub mod validation;
pub mod version;

/// Path prefix of every REST endpoint, relative to the host's origin by default.
pub const API_PREFIX: &str = "/api/v1";
