//! Customers as CSV (RFC 4180): one row per contact person, the company's
//! columns repeated on each; a company without contacts has one row with the
//! contact columns empty. The widgets export one customer in it; the same
//! columns serve every export and import of customers.
//!
//! A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or carriage return) is written with a leading `'`, so a buyer's
//! name can never become a formula on the member's machine; [`unescaped`]
//! takes it off again when the file is read back ([`records`]).

use super::{Contact, Customer};

/// The columns, in order.
pub const HEADER: [&str; 19] = [
    "customer_id",
    "name",
    "country",
    "website",
    "industry",
    "size",
    "business_type",
    "tier",
    "stage",
    "source",
    "owner",
    "tags",
    "contact_name",
    "contact_title",
    "contact_role",
    "contact_emails",
    "contact_phones",
    "contact_language",
    "contact_preferred_channel",
];

/// Separates the items of a list inside one cell (tags, e-mails, phones).
pub const LIST_SEPARATOR: &str = "; ";

/// The rows of `customer`, without the header.
#[must_use]
pub fn rows_of(customer: &Customer) -> Vec<Vec<String>> {
    let summary = &customer.summary;
    let company = [
        summary.id.to_string(),
        summary.name.clone(),
        summary.country.as_str().to_owned(),
        customer.website.clone().unwrap_or_default(),
        customer.industry.clone().unwrap_or_default(),
        customer
            .size
            .map(|size| size.as_str().to_owned())
            .unwrap_or_default(),
        summary.business_type.as_str().to_owned(),
        summary.tier.as_str().to_owned(),
        summary.stage.as_str().to_owned(),
        customer.source.as_str().to_owned(),
        summary
            .owner
            .as_ref()
            .map(|owner| owner.name.clone())
            .unwrap_or_default(),
        summary.tags.join(LIST_SEPARATOR),
    ];
    let person = |contact: &Contact| {
        [
            contact.name.clone(),
            contact.title.clone().unwrap_or_default(),
            contact.buying_role.as_str().to_owned(),
            contact.emails.join(LIST_SEPARATOR),
            contact.phones.join(LIST_SEPARATOR),
            contact.language.clone().unwrap_or_default(),
            contact
                .preferred_channel
                .map(|channel| channel.as_str().to_owned())
                .unwrap_or_default(),
        ]
    };
    if customer.contacts.is_empty() {
        let mut row = company.to_vec();
        row.resize(HEADER.len(), String::new());
        return vec![row];
    }
    customer
        .contacts
        .iter()
        .map(|contact| company.iter().cloned().chain(person(contact)).collect())
        .collect()
}

/// One cell, quoted when it must be and defused when a spreadsheet would run it.
fn cell(value: &str, out: &mut String) {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = formula || value.contains([',', '"', '\n', '\r']) || value != value.trim();
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// The CSV text of `rows` under [`HEADER`], lines ended by CRLF.
#[must_use]
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let header: Vec<String> = HEADER.iter().map(|name| (*name).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        for (index, value) in row.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            cell(value, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

/// The records of a CSV text (RFC 4180: quoted cells may hold commas, quotes
/// and line breaks), each with the line it starts on. A leading byte-order mark
/// is skipped, empty lines too. `Err`: the line where a quoted cell opens
/// and is never closed.
pub fn records(text: &str) -> Result<Vec<(u32, Vec<String>)>, u32> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1_u32;
    let mut start = 1_u32;
    let mut chars = text.chars().peekable();
    let mut touched = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => {
                quoted = true;
                touched = true;
            }
            ',' => {
                record.push(std::mem::take(&mut cell));
                touched = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if touched || !cell.is_empty() {
                    record.push(std::mem::take(&mut cell));
                    records.push((start, std::mem::take(&mut record)));
                }
                touched = false;
                line += 1;
                start = line;
            }
            _ => {
                cell.push(c);
                touched = true;
            }
        }
    }
    if quoted {
        return Err(start);
    }
    if touched || !cell.is_empty() {
        record.push(cell);
        records.push((start, record));
    }
    Ok(records)
}

/// A cell as the export wrote it: a `'` put before a formula-like value is
/// taken off again.
pub fn unescaped(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(contacts: serde_json::Value) -> Customer {
        serde_json::from_value(serde_json::json!({
            "id": "5b1f6f0e-2c7a-4f10-9a3b-6f5d2a7c9e01",
            "name": "=HYPERLINK(\"http://x\"), \"Best\" Imports",
            "country": "DE",
            "business_type": "importer",
            "tier": "partnership",
            "stage": "customer",
            "owner": {"id": "00000000-0000-4000-8000-000000000007", "name": "Li Wei"},
            "tags": ["led", "vip"],
            "last_contact_at": null,
            "inquiry_count": 3,
            "version": 4,
            "updated_at": "2026-11-20T08:00:00Z",
            "website": "mueller.de",
            "industry": null,
            "size": "medium",
            "verified": true,
            "source": "trade_show",
            "contacts": contacts,
            "metrics": {
                "last_contact_at": null, "inquiry_count": 3, "inquiries_last_90_days": 1, "quoted_value": [], "won_value": [],
                "won_value_converted": null, "win_rate_percent": null, "median_response_minutes": null,
                "health": {"score": 80, "status": "healthy", "usual_interval_days": null, "explanation": ""}
            },
            "created_at": "2026-01-05T08:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn one_row_per_contact_with_the_company_repeated() {
        let with_two = customer(serde_json::json!([
            {"id": "00000000-0000-4000-8000-000000000001", "name": "Klaus Müller", "title": null,
             "buying_role": "decision_maker", "emails": ["k@m.de", "info@m.de"], "phones": ["+49 40 1234567"],
             "messengers": [], "language": "de", "preferred_channel": "email", "do_not_contact": false, "version": 1},
            {"id": "00000000-0000-4000-8000-000000000002", "name": "Anna", "title": "Buyer",
             "buying_role": "procurement", "emails": [], "phones": [],
             "messengers": [], "language": null, "preferred_channel": null, "do_not_contact": false, "version": 1}
        ]));
        let rows = rows_of(&with_two);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|row| row.len() == HEADER.len()));
        assert_eq!(rows[0][11], "led; vip");
        assert_eq!(rows[0][15], "k@m.de; info@m.de");
        assert_eq!(rows[1][12], "Anna");
        assert_eq!(rows[0][1], rows[1][1]);

        let alone = rows_of(&customer(serde_json::json!([])));
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].len(), HEADER.len());
        assert!(alone[0][12..].iter().all(String::is_empty));
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let text = write(&rows_of(&customer(serde_json::json!([]))));
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), HEADER.join(","));
        let row = lines.next().unwrap();
        assert!(
            row.contains(r#""'=HYPERLINK(""http://x""), ""Best"" Imports""#),
            "{row}"
        );
        assert_eq!(lines.next(), Some(""), "CRLF after the last row");
        let mut out = String::new();
        cell("+49 40 1234567", &mut out);
        assert_eq!(out, "\"'+49 40 1234567\"");
    }

    #[test]
    fn records_keep_quoted_commas_quotes_and_line_breaks() {
        let text = "\u{feff}name,country\r\n\"Müller, \"\"Handels\"\"\nGmbH\",DE\r\n\r\nAcme,US";
        let rows = records(text).unwrap();
        assert_eq!(
            rows,
            [
                (1, vec!["name".to_owned(), "country".to_owned()]),
                (
                    2,
                    vec!["Müller, \"Handels\"\nGmbH".to_owned(), "DE".to_owned()]
                ),
                (5, vec!["Acme".to_owned(), "US".to_owned()]),
            ]
        );
        assert_eq!(records("a,\"b"), Err(1));
        assert_eq!(records("a,b\n,\n").unwrap()[1].1, ["", ""]);
    }
}
