//! The one place that defines the suite's tags. Components never register
//! themselves; loading the bundle twice defines nothing twice.

use crate::element::define;

/// Defines `<crm-inquiry-inbox>`, `<crm-customer-card>` and `<crm-quote-builder>`
/// (those whose cargo feature is on: all three but in `cargo xtask bench --full`'s
/// one-widget builds, where the linker then drops the others' code).
pub(crate) fn define_all() {
    #[cfg(feature = "inquiry-inbox")]
    define(&crate::inquiry_inbox::DEFINITION);
    #[cfg(feature = "customer-card")]
    define(&crate::customer_card::DEFINITION);
    #[cfg(feature = "quote-builder")]
    define(&crate::quote_builder::DEFINITION);
}
