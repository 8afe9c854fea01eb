//! Locale-aware formatting of times, numbers, money and country names, by the
//! browser's `Intl` (see `intl/intl.js`); the choices (which unit for "2 h ago",
//! which flag for a country) are plain Rust, tested natively.

use contract::country::CountryCode;
use contract::language::Language;
use rust_decimal::Decimal;
use time::OffsetDateTime;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/intl/intl.js")]
extern "C" {
    fn crm_format_relative(language: &str, value: f64, unit: &str) -> String;
    fn crm_format_date_time(language: &str, epoch_milliseconds: f64) -> String;
    fn crm_format_decimal(language: &str, decimal: &str) -> String;
    fn crm_format_money(
        language: &str,
        currency: &str,
        decimal: &str,
        fraction_digits: u32,
    ) -> String;
    fn crm_region_name(language: &str, code: &str) -> String;
    fn crm_language_name(language: &str, code: &str) -> String;
    fn crm_format_date(language: &str, epoch_milliseconds: f64) -> String;
    fn crm_format_percent(language: &str, value: f64) -> String;
}

/// Milliseconds since the Unix epoch, as JavaScript dates count.
fn epoch_milliseconds(moment: OffsetDateTime) -> f64 {
    (moment.unix_timestamp_nanos() / 1_000_000) as f64
}

/// Now, by the browser's clock.
pub(crate) fn now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Today in the user's time zone, by the browser's clock.
pub(crate) fn today() -> time::Date {
    let now = js_sys::Date::new_0();
    time::Month::try_from(now.get_month() as u8 + 1)
        .ok()
        .and_then(|month| {
            time::Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8)
                .ok()
        })
        .unwrap_or_else(|| self::now().date())
}

/// The value and `Intl.RelativeTimeFormat` unit that best say how far `moment`
/// is from `now`: "35 sec. ago", "5 min. ago", "3 hr. ago", "yesterday", "2 mo. ago".
pub(crate) fn relative_parts(moment: OffsetDateTime, now: OffsetDateTime) -> (i64, &'static str) {
    let seconds = (moment - now).whole_seconds();
    let magnitude = seconds.unsigned_abs();
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let (divisor, unit) = match magnitude {
        m if m < MINUTE => (1, "second"),
        m if m < HOUR => (MINUTE, "minute"),
        m if m < DAY => (HOUR, "hour"),
        m if m < 7 * DAY => (DAY, "day"),
        m if m < 30 * DAY => (7 * DAY, "week"),
        m if m < 365 * DAY => (30 * DAY, "month"),
        _ => (365 * DAY, "year"),
    };
    // Truncate towards zero: 90 minutes ago is "1 hour ago", as mail clients say.
    let value = seconds / divisor as i64;
    (value, unit)
}

/// "3 hr. ago" / "3小时前".
pub(crate) fn relative_time(language: Language, moment: OffsetDateTime) -> String {
    let (value, unit) = relative_parts(moment, now());
    crm_format_relative(language.tag(), value as f64, unit)
}

/// "45 days ago" / "45天前": how long ago, counted in days.
pub(crate) fn days_ago(language: Language, days: i64) -> String {
    crm_format_relative(language.tag(), -(days as f64), "day")
}

/// "Nov 22, 2026, 9:41 AM" / "2026年11月22日 09:41".
pub(crate) fn date_time(language: Language, moment: OffsetDateTime) -> String {
    crm_format_date_time(language.tag(), epoch_milliseconds(moment))
}

/// "2,500.5" / "2,500.5", exactly.
pub(crate) fn decimal(language: Language, value: Decimal) -> String {
    crm_format_decimal(language.tag(), &value.to_string())
}

/// A whole count: "1,204".
pub(crate) fn count(language: Language, value: u64) -> String {
    crm_format_decimal(language.tag(), &value.to_string())
}

/// "US$12,345.00" / "€11.80" with exactly the currency's minor units.
pub(crate) fn money(
    language: Language,
    currency: &str,
    value: Decimal,
    minor_units: u32,
) -> String {
    // A zero is never "-0": a free sample costs $0.00.
    let value = if value.is_zero() {
        Decimal::ZERO
    } else {
        value
    };
    crm_format_money(language.tag(), currency, &value.to_string(), minor_units)
}

/// "62%" / "62%", a whole percentage.
pub(crate) fn percent(language: Language, value: u8) -> String {
    crm_format_percent(language.tag(), f64::from(value))
}

/// "Nov 22, 2026" / "2026年11月22日".
pub(crate) fn date(language: Language, day: time::Date) -> String {
    crm_format_date(
        language.tag(),
        epoch_milliseconds(day.midnight().assume_utc()),
    )
}

/// "German" / "德语", for a BCP 47 tag.
pub(crate) fn language_name(language: Language, code: &str) -> String {
    crm_language_name(language.tag(), code)
}

/// "Germany" / "德国".
pub(crate) fn country_name(language: Language, country: CountryCode) -> String {
    crm_region_name(language.tag(), country.as_str())
}

/// The flag emoji of a country: two regional indicator symbols.
pub(crate) fn flag(country: CountryCode) -> String {
    country
        .as_str()
        .chars()
        .filter_map(|letter| char::from_u32(0x1F1E6 + (letter as u32).saturating_sub('A' as u32)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn relative_parts_pick_the_largest_whole_unit() {
        let now = datetime!(2026-11-22 12:00 UTC);
        let cases = [
            (datetime!(2026-11-22 11:59:30 UTC), (-30, "second")),
            (datetime!(2026-11-22 11:55 UTC), (-5, "minute")),
            (datetime!(2026-11-22 10:30 UTC), (-1, "hour")),
            (datetime!(2026-11-21 12:00 UTC), (-1, "day")),
            (datetime!(2026-11-08 12:00 UTC), (-2, "week")),
            (datetime!(2026-08-22 12:00 UTC), (-3, "month")),
            (datetime!(2024-11-22 12:00 UTC), (-2, "year")),
            (datetime!(2026-11-23 15:00 UTC), (1, "day")),
        ];
        for (moment, expected) in cases {
            assert_eq!(relative_parts(moment, now), expected, "{moment}");
        }
    }

    #[test]
    fn flags_are_regional_indicator_pairs() {
        assert_eq!(flag("DE".parse().unwrap()), "🇩🇪");
        assert_eq!(flag("ae".parse().unwrap()), "🇦🇪");
    }
}
