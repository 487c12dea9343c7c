//! Dates for readers: RFC 3339 from the API shown in the reader's own locale through the
//! browser's `Intl` (no date crate in the wasm), with a plain English fallback.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month and day of an RFC 3339 timestamp (`2026-11-24T08:00:00Z`), if it starts like one.
pub fn ymd(iso: &str) -> Option<(i32, u32, u32)> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// `24 November 2026`: used where `Intl` is unavailable.
pub fn english_date(iso: &str) -> Option<String> {
    let (year, month, day) = ymd(iso)?;
    let name = MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    Some(format!("{day} {name} {year}"))
}

/// The date in the reader's locale (`24 November 2026`, `November 24, 2026`, `24. November 2026`…).
/// A timestamp that cannot be read is shown as it came rather than hidden.
pub fn reader_date(iso: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl_date(iso) {
        return text;
    }
    english_date(iso).unwrap_or_else(|| iso.to_owned())
}

#[cfg(target_arch = "wasm32")]
fn intl_date(iso: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return None;
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
    // `undefined` locales = the reader's own.
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()?
        .as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_date_of_a_timestamp() {
        assert_eq!(ymd("2026-11-24T08:00:00Z"), Some((2026, 11, 24)));
        assert_eq!(ymd("2026-13-01T00:00:00Z"), None);
        assert_eq!(ymd("yesterday"), None);
        assert_eq!(ymd(""), None);
    }

    #[test]
    fn english_fallback() {
        assert_eq!(
            english_date("2026-01-05T00:00:00Z").as_deref(),
            Some("5 January 2026")
        );
        assert_eq!(reader_date("not a date"), "not a date");
    }
}
