//! The one place that defines the suite's tags. Components never register
//! themselves; loading the bundle twice defines nothing twice.

use crate::element::define;

/// Defines `<crm-inquiry-inbox>`, `<crm-customer-card>` and `<crm-quote-builder>`.
pub(crate) fn define_all() {
    define(&crate::inquiry_inbox::DEFINITION);
    define(&crate::customer_card::DEFINITION);
    define(&crate::quote_builder::DEFINITION);
}
