//! The words of the package: what each attribute, property, event, part and CSS
//! custom property of the elements means, and the TypeScript type of each.
//! The names themselves are checked against the definitions (see `tests.rs`).

use crate::element::{CrmEvent, ElementDefinition};

/// An attribute (reflected by its camelCase property) or a JS-only property.
pub(crate) struct Member {
    pub(crate) name: &'static str,
    /// The TypeScript type of its value when set (without `null`).
    pub(crate) ty: &'static str,
    pub(crate) description: &'static str,
}

/// A field of an event's `detail`.
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) ty: &'static str,
    pub(crate) description: &'static str,
}

pub(crate) struct EventDoc {
    pub(crate) event: CrmEvent,
    /// The TypeScript interface of `detail`.
    pub(crate) detail: &'static str,
    pub(crate) fields: &'static [Field],
    pub(crate) description: &'static str,
}

pub(crate) struct ElementDoc {
    pub(crate) definition: &'static ElementDefinition,
    /// The class name in the manifest and the declarations.
    pub(crate) class: &'static str,
    pub(crate) summary: &'static str,
    /// Exactly the definition's own observed attributes, in its order.
    pub(crate) attributes: &'static [Member],
    /// Exactly the definition's properties, in its order.
    pub(crate) properties: &'static [Member],
    pub(crate) events: &'static [EventDoc],
    /// `(part, description)`.
    pub(crate) parts: &'static [(&'static str, &'static str)],
    /// The element's own `--crm-…` custom properties: `(name, description)`.
    pub(crate) css_properties: &'static [(&'static str, &'static str)],
}

/// The attributes every element observes (`COMMON_ATTRIBUTES`).
pub(crate) const COMMON: &[Member] = &[
    Member {
        name: "lang",
        ty: "string",
        description: "`en` or `zh-Hans` (any `zh-*` is Simplified Chinese). Without it, the \
                      nearest ancestor's `lang` applies, then the page's, then the browser's. \
                      Followed live.",
    },
    Member {
        name: "api-base",
        ty: "string",
        description: "The REST API's base URL for this element; overrides \
                      `configure({ apiBase })`.",
    },
];

/// The theme's tokens (`theme.css`), shared by every element.
pub(crate) const THEME_TOKENS: &[(&str, &str)] = &[
    (
        "--crm-font-family",
        "The font; inherited from the page when unset.",
    ),
    ("--crm-font-size", "The base font size."),
    ("--crm-line-height", "The base line height."),
    (
        "--crm-radius",
        "The corner radius of frames, fields and buttons.",
    ),
    (
        "--crm-space",
        "The spacing unit: gaps and paddings are multiples of it (density).",
    ),
    ("--crm-color-text", "Body text."),
    ("--crm-color-muted", "Secondary text."),
    ("--crm-color-surface", "The widget's background."),
    (
        "--crm-color-surface-raised",
        "Headers, toolbars and hovered rows.",
    ),
    ("--crm-color-border", "Borders and separators."),
    (
        "--crm-color-accent",
        "Primary buttons, links and the selection.",
    ),
    ("--crm-color-accent-text", "Text on the accent colour."),
    ("--crm-color-focus", "The keyboard focus ring."),
    (
        "--crm-color-selected",
        "The background of the selected row.",
    ),
    (
        "--crm-color-danger",
        "Errors, overdue figures and destructive actions.",
    ),
    ("--crm-color-warning", "Warnings and figures due soon."),
    ("--crm-color-success", "Confirmations and good figures."),
];

/// The `detail` of `crm-inquiry-select` and `crm-quote-request`.
const INQUIRY_AND_BUYER: &[Field] = &[
    Field {
        name: "inquiryId",
        ty: "string",
        description: "The inquiry's id.",
    },
    Field {
        name: "customerId",
        ty: "string | null",
        description: "The buyer's customer id; `null` until the buyer is linked to a customer.",
    },
];

pub(crate) static ELEMENTS: [ElementDoc; 3] = [
    ElementDoc {
        definition: &crate::inquiry_inbox::DEFINITION,
        class: "CrmInquiryInbox",
        summary: "The member's inquiry inbox: a virtual list of every inquiry with status \
                  tabs, filters, search and orders, bulk actions, and the selected \
                  inquiry's detail pane (thread, reply, assignment, status, \"Create quote\"). \
                  Works offline from its IndexedDB cache.",
        attributes: &[
            Member {
                name: "status",
                ty: "InquiryStatus",
                description: "Show only inquiries with this status; absent: all. The tabs set it.",
            },
            Member {
                name: "assignee",
                ty: "'me' | 'unassigned' | (string & {})",
                description: "Show only inquiries assigned to `me`, `unassigned` ones, or those \
                              of the user with this id; absent: anyone's. The assignee filter \
                              sets it.",
            },
            Member {
                name: "selected",
                ty: "string",
                description: "The id of the inquiry open in the detail pane; opening a row sets \
                              it, closing the pane removes it.",
            },
        ],
        properties: &[],
        events: &[
            EventDoc {
                event: CrmEvent::InquirySelect,
                detail: "CrmInquirySelectDetail",
                fields: INQUIRY_AND_BUYER,
                description: "The user opened an inquiry.",
            },
            EventDoc {
                event: CrmEvent::InquiryFilterChange,
                detail: "CrmInquiryFilterChangeDetail",
                fields: &[
                    Field {
                        name: "status",
                        ty: "InquiryStatus | null",
                        description: "The status tab; `null` for all.",
                    },
                    Field {
                        name: "assignee",
                        ty: "string | null",
                        description: "`me`, `unassigned` or a user id; `null` for anyone's.",
                    },
                ],
                description: "The user picked a status tab or an assignee.",
            },
            EventDoc {
                event: CrmEvent::InquiryChange,
                detail: "CrmInquiryChangeDetail",
                fields: &[
                    Field {
                        name: "inquiryIds",
                        ty: "string[]",
                        description: "The inquiries changed.",
                    },
                    Field {
                        name: "change",
                        ty: "InquiryPatch",
                        description: "The fields of `PATCH /inquiries/{id}` sent for each.",
                    },
                ],
                description: "The user changed inquiries (status, assignee, read state). Sent \
                              when the change is made; the outbox delivers it.",
            },
            EventDoc {
                event: CrmEvent::QuoteRequest,
                detail: "CrmQuoteRequestDetail",
                fields: INQUIRY_AND_BUYER,
                description: "\"Create quote\": give a `<crm-quote-builder>` this `inquiry-id`.",
            },
            EventDoc {
                event: CrmEvent::CustomerOpen,
                detail: "CrmCustomerOpenDetail",
                fields: &[Field {
                    name: "customerId",
                    ty: "string",
                    description: "The buyer's customer id.",
                }],
                description: "\"Open customer card\": give a `<crm-customer-card>` this \
                              `customer-id`.",
            },
        ],
        parts: &[
            ("base", "The frame."),
            ("row", "Each inquiry row."),
            ("detail", "The detail pane."),
        ],
        css_properties: &[
            (
                "--crm-inbox-height",
                "The list's height; less when a height given to the element leaves less room.",
            ),
            ("--crm-inbox-row-height", "Each row's height."),
        ],
    },
    ElementDoc {
        definition: &crate::customer_card::DEFINITION,
        class: "CrmCustomerCard",
        summary: "One buyer company: profile, tier and stage, contacts, figures, reminders, \
                  notes and activities, the timeline, look-alikes to merge, export and import. \
                  Every edit works offline through the outbox.",
        attributes: &[
            Member {
                name: "customer-id",
                ty: "string",
                description: "The customer to show.",
            },
            Member {
                name: "for",
                ty: "string",
                description: "The id of a `<crm-inquiry-inbox>` in the same document or shadow \
                              root: without `customer-id`, show the buyer of the inquiry open \
                              in it, and follow it.",
            },
            Member {
                name: "layout",
                ty: "'full' | 'compact'",
                description: "`full` (default: a page, sections open) or `compact` (a sidebar \
                              card, sections folded).",
            },
        ],
        properties: &[],
        events: &[
            EventDoc {
                event: CrmEvent::CustomerChange,
                detail: "CrmCustomerChangeDetail",
                fields: &[
                    Field {
                        name: "customerId",
                        ty: "string",
                        description: "The customer edited.",
                    },
                    Field {
                        name: "change",
                        ty: "'profile' | 'contact' | 'activity' | 'reminder' | 'merge'",
                        description: "What was edited.",
                    },
                    Field {
                        name: "fields",
                        ty: "Record<string, unknown>",
                        description: "The request body sent (for `merge`: `{ duplicateId }`; a \
                                      removed contact: `{ removed: id }`).",
                    },
                ],
                description: "The user edited the customer. Sent when the edit is made; the \
                              outbox delivers it.",
            },
            EventDoc {
                event: CrmEvent::ReminderDue,
                detail: "CrmReminderDueDetail",
                fields: &[
                    Field {
                        name: "customerId",
                        ty: "string",
                        description: "The customer.",
                    },
                    Field {
                        name: "reminderId",
                        ty: "string",
                        description: "The reminder.",
                    },
                    Field {
                        name: "title",
                        ty: "string",
                        description: "What to do.",
                    },
                    Field {
                        name: "dueOn",
                        ty: "string",
                        description: "The due date, `YYYY-MM-DD`.",
                    },
                    Field {
                        name: "overdue",
                        ty: "boolean",
                        description: "`true` when the date has passed, `false` when it is today.",
                    },
                ],
                description: "Once per reminder due today or overdue that the card shows.",
            },
        ],
        parts: &[
            ("base", "The frame."),
            (
                "header",
                "The customer's head: name, company facts, tier and stage.",
            ),
            ("metrics", "The figures."),
            ("section", "Each folding section."),
        ],
        css_properties: &[],
    },
    ElementDoc {
        definition: &crate::quote_builder::DEFINITION,
        class: "CrmQuoteBuilder",
        summary: "Builds a quote for a buyer: lines from the catalog, discounts, charges and \
                  tax with exact decimal totals, Incoterms, validity, revisions, a print \
                  preview in the buyer's language, and sending through the outbox.",
        attributes: &[
            Member {
                name: "quote-id",
                ty: "string",
                description: "Open this quote revision: a draft to edit, else read-only with \
                              its next steps.",
            },
            Member {
                name: "inquiry-id",
                ty: "string",
                description: "Open the quote answering this inquiry (its latest revision), else \
                              start one from the inquiry.",
            },
            Member {
                name: "customer-id",
                ty: "string",
                description: "Start a quote for this customer.",
            },
            Member {
                name: "currency",
                ty: "Currency",
                description: "The currency of a new quote (default `USD`).",
            },
            Member {
                name: "for",
                ty: "string",
                description: "The id of a `<crm-inquiry-inbox>` in the same document or shadow \
                              root: its \"Create quote\" opens that inquiry here (sets \
                              `inquiry-id`). No host code needed.",
            },
        ],
        properties: &[Member {
            name: "draft",
            ty: "CrmQuoteDraft",
            description: "Pre-fills the form. An invalid draft is explained in the widget and \
                          changes nothing.",
        }],
        events: &[
            EventDoc {
                event: CrmEvent::QuoteChange,
                detail: "CrmQuoteChangeDetail",
                fields: &[
                    Field {
                        name: "quoteId",
                        ty: "string",
                        description: "The quote revision.",
                    },
                    Field {
                        name: "status",
                        ty: "QuoteStatus",
                        description: "Its status.",
                    },
                    Field {
                        name: "currency",
                        ty: "Currency",
                        description: "Its currency.",
                    },
                    Field {
                        name: "incoterm",
                        ty: "Incoterm",
                        description: "Its Incoterm.",
                    },
                    Field {
                        name: "namedPlace",
                        ty: "string",
                        description: "The Incoterm's named place, as typed.",
                    },
                    Field {
                        name: "lines",
                        ty: "CrmQuoteLineDetail[]",
                        description: "The lines, in order.",
                    },
                    Field {
                        name: "total",
                        ty: "string | null",
                        description: "The total as a decimal string; `null` while a figure is \
                                      missing or invalid.",
                    },
                ],
                description: "The quote changed (every edit).",
            },
            EventDoc {
                event: CrmEvent::QuoteSent,
                detail: "CrmQuoteSentDetail",
                fields: &[
                    Field {
                        name: "quoteId",
                        ty: "string",
                        description: "The quote revision.",
                    },
                    Field {
                        name: "number",
                        ty: "string",
                        description: "The quote number the buyer sees.",
                    },
                    Field {
                        name: "revision",
                        ty: "number",
                        description: "The revision number.",
                    },
                    Field {
                        name: "inquiryId",
                        ty: "string | null",
                        description: "The inquiry it answers, if any.",
                    },
                    Field {
                        name: "currency",
                        ty: "Currency",
                        description: "Its currency.",
                    },
                    Field {
                        name: "total",
                        ty: "string",
                        description: "The total as a decimal string.",
                    },
                ],
                description: "The server has the revision as sent.",
            },
        ],
        parts: &[
            ("base", "The frame."),
            ("lines", "The line table."),
            ("totals", "The totals panel."),
        ],
        css_properties: &[],
    },
];

/// The description of `configure()`.
pub(crate) const CONFIGURE: &str = "Sets the page-wide sign-in and API base. Before it is called \
    the widgets show \"Not signed in\"; calling it again (another user) reloads them. Throws a \
    `TypeError` naming a wrong option.";
