//! Importing customers from CSV (the columns of [`super::csv`]), and exporting
//! them all. `POST /customers/import` reads the file with [`read`]: rows of the
//! same company (the same `customer_id`, else the same name and country) make
//! one customer, each row's contact columns one of its contacts. Every problem
//! is reported with its line and column; the server writes nothing unless the
//! whole file is valid, so a file is never half-imported. `dry_run` previews
//! what an import would do.

use serde::{Deserialize, Serialize};

use super::csv::{HEADER, LIST_SEPARATOR, records, unescaped};
use super::{
    BusinessType, BuyingRole, CompanySize, ContactChannel, ContactInput, Customer, CustomerSource,
    LifecycleStage, NewCustomer, Tier,
};
use crate::country::CountryCode;
use crate::ids::CustomerId;

/// `POST /customers/import`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerImport {
    /// The file's text: CSV with a header row naming the columns (at least
    /// `name` and `country`; the others of the export are optional, unknown
    /// ones are ignored).
    pub csv: String,
    /// `true`: only check and report what an import would do.
    #[serde(default)]
    pub dry_run: bool,
}

impl CustomerImport {
    /// The largest file accepted, in bytes.
    pub const MAX_BYTES: usize = 1_000_000;
    /// The most customers one file may create.
    pub const MAX_CUSTOMERS: usize = 5_000;
}

/// A problem in the file, where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportError {
    /// The line of the file (1: the header).
    pub line: u32,
    /// The column, as named in the header (empty: the whole line or file).
    pub column: String,
    /// What is wrong, in English.
    pub message: String,
}

/// What an import does with one customer of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// Created (or, in a dry run, would be).
    Create,
    /// Already one of the member's customers (its `customer_id`): left as is.
    Exists,
    /// Has errors: nothing of the file is imported until they are fixed.
    Invalid,
}

/// One customer of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedCustomer {
    /// Its first line in the file.
    pub line: u32,
    /// Its name, as in the file.
    pub name: String,
    /// How many contacts the file gives it.
    pub contacts: u32,
    /// What the import does with it.
    pub outcome: ImportOutcome,
    /// The id it got (an import, not a dry run), or the existing one.
    pub id: Option<CustomerId>,
}

/// The answer to an import or its dry run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Only checked: nothing was written.
    pub dry_run: bool,
    /// Each customer of the file, in file order.
    pub customers: Vec<ImportedCustomer>,
    /// Every problem found; when there is any, nothing was imported.
    pub errors: Vec<ImportError>,
    /// Customers created (in a dry run: that would be).
    pub created: u32,
}

/// `GET /customers/export`: every customer of the member, whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerExport {
    /// The customers, by name.
    pub items: Vec<Customer>,
}

/// One customer read from the file, before the server resolves what only it
/// knows (the owner's name, whether `customer_id` exists).
#[derive(Clone, Debug, PartialEq)]
pub struct ReadCustomer {
    /// Its first line.
    pub line: u32,
    /// The `customer_id` column, when given and valid.
    pub existing: Option<CustomerId>,
    /// The `owner` column (a user's name), when given.
    pub owner_name: Option<String>,
    /// The customer to create; its `owner_id` is left empty.
    pub new: NewCustomer,
    /// The lines of its contacts, in order.
    pub contact_lines: Vec<u32>,
}

/// The whole file read: the customers, and every problem found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadFile {
    pub customers: Vec<ReadCustomer>,
    pub errors: Vec<ImportError>,
}

fn error(line: u32, column: &str, message: impl Into<String>) -> ImportError {
    ImportError {
        line,
        column: column.to_owned(),
        message: message.into(),
    }
}

fn list(cell: &str) -> Vec<String> {
    cell.split([';', ','])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(cell: &str) -> Option<String> {
    let cell = cell.trim();
    (!cell.is_empty()).then(|| cell.to_owned())
}

/// A wire name among `all`, or the error naming the choices.
fn choice<T: Copy>(
    cell: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    line: u32,
    column: &str,
    errors: &mut Vec<ImportError>,
) -> Option<T> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    let found = all.iter().copied().find(|value| name(*value) == cell);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(|value| name(*value)).collect();
        errors.push(error(
            line,
            column,
            format!("must be one of {}", names.join(", ")),
        ));
    }
    found
}

/// Reads the customers of a CSV file; see the module's documentation.
pub fn read(text: &str) -> ReadFile {
    let mut file = ReadFile::default();
    let rows = match records(text) {
        Ok(rows) => rows,
        Err(line) => {
            file.errors
                .push(error(line, "", "a quoted cell is not closed"));
            return file;
        }
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        file.errors.push(error(1, "", "the file is empty"));
        return file;
    };
    let header: Vec<String> = header
        .iter()
        .map(|name| name.trim().to_lowercase())
        .collect();
    for required in ["name", "country"] {
        if !header.iter().any(|name| name == required) {
            file.errors
                .push(error(1, required, "the header has no such column"));
        }
    }
    if !file.errors.is_empty() {
        return file;
    }
    let position = |column: &str| header.iter().position(|name| name == column);
    let columns: Vec<Option<usize>> = HEADER.iter().map(|column| position(column)).collect();
    let mut keys: Vec<String> = Vec::new();
    for (line, row) in rows {
        let cell = |column: &str| -> &str {
            HEADER
                .iter()
                .position(|known| *known == column)
                .and_then(|index| columns[index])
                .and_then(|index| row.get(index))
                .map_or("", |cell| unescaped(cell))
        };
        let errors = &mut file.errors;
        let existing = match optional(cell("customer_id")) {
            Some(id) => match id.parse::<CustomerId>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(error(line, "customer_id", "must be a customer id (a UUID)"));
                    None
                }
            },
            None => None,
        };
        let name = cell("name").trim().to_owned();
        let country_cell = cell("country").trim();
        let key = match existing {
            Some(id) => id.to_string(),
            None => [
                name.to_lowercase().as_str(),
                "|",
                &country_cell.to_uppercase(),
            ]
            .concat(),
        };
        let contact = optional(cell("contact_name")).map(|contact_name| {
            let input = ContactInput {
                name: contact_name,
                title: optional(cell("contact_title")),
                buying_role: choice(
                    cell("contact_role"),
                    BuyingRole::ALL,
                    BuyingRole::as_str,
                    line,
                    "contact_role",
                    errors,
                )
                .unwrap_or(BuyingRole::Other),
                emails: list(cell("contact_emails")),
                phones: list(cell("contact_phones")),
                messengers: Vec::new(),
                language: optional(cell("contact_language")),
                preferred_channel: choice(
                    cell("contact_preferred_channel"),
                    ContactChannel::ALL,
                    ContactChannel::as_str,
                    line,
                    "contact_preferred_channel",
                    errors,
                ),
                do_not_contact: false,
            };
            if let Err(found) = input.validate() {
                errors.extend(found.into_iter().map(|found| {
                    let column = match found.field.split('/').nth(1).unwrap_or_default() {
                        "name" => "contact_name",
                        "title" => "contact_title",
                        "emails" => "contact_emails",
                        "phones" => "contact_phones",
                        "preferred_channel" => "contact_preferred_channel",
                        _ => "",
                    };
                    error(line, column, found.message)
                }));
            }
            input
        });
        if let Some(index) = keys.iter().position(|known| *known == key) {
            // Another contact of a customer read before.
            let customer = &mut file.customers[index];
            if let Some(contact) = contact {
                customer.new.contacts.push(contact);
                customer.contact_lines.push(line);
            }
            continue;
        }
        let country = match country_cell.parse::<CountryCode>() {
            Ok(country) => Some(country),
            Err(_) => {
                errors.push(error(
                    line,
                    "country",
                    "must be a two-letter country code such as DE",
                ));
                None
            }
        };
        let size = choice(
            cell("size"),
            CompanySize::ALL,
            CompanySize::as_str,
            line,
            "size",
            errors,
        );
        let business_type = choice(
            cell("business_type"),
            BusinessType::ALL,
            BusinessType::as_str,
            line,
            "business_type",
            errors,
        );
        let tier = choice(cell("tier"), &Tier::ALL, Tier::as_str, line, "tier", errors);
        let stage = choice(
            cell("stage"),
            &LifecycleStage::ALL,
            LifecycleStage::as_str,
            line,
            "stage",
            errors,
        );
        let source = choice(
            cell("source"),
            CustomerSource::ALL,
            CustomerSource::as_str,
            line,
            "source",
            errors,
        );
        let new = NewCustomer {
            name,
            country: country.unwrap_or(CountryCode::UNKNOWN),
            website: optional(cell("website")),
            industry: optional(cell("industry")),
            size,
            business_type: business_type.unwrap_or(BusinessType::Importer),
            tier: tier.unwrap_or(Tier::Transactional),
            stage: stage.unwrap_or(LifecycleStage::Lead),
            source: source.unwrap_or(CustomerSource::Import),
            owner_id: None,
            tags: cell("tags")
                .split(LIST_SEPARATOR.trim())
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned)
                .collect(),
            contacts: Vec::new(),
        };
        if let Err(found) = new.validate() {
            errors.extend(found.into_iter().map(|found| {
                let column = found
                    .field
                    .split('/')
                    .nth(1)
                    .filter(|column| HEADER.contains(column))
                    .unwrap_or_default()
                    .to_owned();
                error(line, &column, found.message)
            }));
        }
        keys.push(key);
        file.customers.push(ReadCustomer {
            line,
            existing,
            owner_name: optional(cell("owner")),
            new: NewCustomer {
                contacts: contact.into_iter().collect(),
                ..new
            },
            contact_lines: vec![line],
        });
        if let Some(customer) = file.customers.last_mut()
            && customer.new.contacts.is_empty()
        {
            customer.contact_lines.clear();
        }
    }
    if file.customers.is_empty() && file.errors.is_empty() {
        file.errors.push(error(2, "", "the file has no customers"));
    }
    if file.customers.len() > CustomerImport::MAX_CUSTOMERS {
        file.errors.push(error(
            1,
            "",
            format!(
                "has more than {} customers; split it",
                CustomerImport::MAX_CUSTOMERS
            ),
        ));
    }
    for customer in &file.customers {
        if customer.new.contacts.len() > 50 {
            file.errors.push(error(
                customer.line,
                "contact_name",
                "must have at most 50 contacts",
            ));
        }
    }
    file.errors.sort_by_key(|found| found.line);
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_one_company_make_one_customer_with_its_contacts() {
        let text = "name,country,tier,tags,contact_name,contact_emails,contact_role\n\
                    Sunrise Trading,AE,partnership,led; vip,Omar,omar@sunrise.ae,procurement\n\
                    Other Co,US,,,,,\n\
                    sunrise trading,ae,,,Layla,layla@sunrise.ae; info@sunrise.ae,decision_maker\n";
        let file = read(text);
        assert_eq!(file.errors, []);
        assert_eq!(file.customers.len(), 2);
        let sunrise = &file.customers[0];
        assert_eq!(sunrise.new.tier, Tier::Partnership);
        assert_eq!(sunrise.new.tags, ["led", "vip"]);
        assert_eq!(sunrise.new.source, CustomerSource::Import);
        assert_eq!(sunrise.contact_lines, [2, 4]);
        assert_eq!(
            sunrise.new.contacts[1].emails,
            ["layla@sunrise.ae", "info@sunrise.ae"]
        );
        assert_eq!(
            sunrise.new.contacts[1].buying_role,
            BuyingRole::DecisionMaker
        );
        assert!(file.customers[1].new.contacts.is_empty());
    }

    #[test]
    fn every_problem_is_named_by_line_and_column() {
        let text = "name,country,size,contact_name,contact_emails,customer_id\n\
                    ,Germany,huge,Klaus,klaus,\n\
                    Fine Co,FR,,,,not-an-id\n";
        let found: Vec<(u32, String)> = read(text)
            .errors
            .into_iter()
            .map(|error| (error.line, error.column))
            .collect();
        assert_eq!(
            found,
            [
                (2, "contact_emails".to_owned()),
                (2, "country".to_owned()),
                (2, "size".to_owned()),
                (2, "name".to_owned()),
                (3, "customer_id".to_owned()),
            ]
        );
        assert_eq!(read("country\nDE\n").errors[0].column, "name");
        assert_eq!(read("").errors[0].message, "the file is empty");
        assert_eq!(
            read("name,country\n").errors[0].message,
            "the file has no customers"
        );
    }

    #[test]
    fn an_export_reads_back() {
        let exported = super::super::csv::write(&[vec![
            "5b1f6f0e-2c7a-4f10-9a3b-6f5d2a7c9e01".into(),
            "=Evil, \"Co\"".into(),
            "DE".into(),
            String::new(),
            String::new(),
            "medium".into(),
            "brand".into(),
            "transactional".into(),
            "customer".into(),
            "trade_show".into(),
            "Li Wei".into(),
            "a; b".into(),
            "Anna".into(),
            String::new(),
            "finance".into(),
            "anna@evil.de".into(),
            "+49 40 1234567".into(),
            "de".into(),
            "phone".into(),
        ]]);
        let file = read(&exported);
        assert_eq!(file.errors, []);
        let customer = &file.customers[0];
        assert_eq!(customer.new.name, "=Evil, \"Co\"");
        assert_eq!(customer.new.contacts[0].phones, ["+49 40 1234567"]);
        assert_eq!(customer.owner_name.as_deref(), Some("Li Wei"));
        assert_eq!(
            customer.existing.map(|id| id.to_string()).as_deref(),
            Some("5b1f6f0e-2c7a-4f10-9a3b-6f5d2a7c9e01")
        );
        assert_eq!(customer.new.source, CustomerSource::TradeShow);
    }
}
