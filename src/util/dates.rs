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

/// The reader's long-date format, made once: making an `Intl.DateTimeFormat` is the costly part
/// (a CPU profile of the app's start on a throttled phone CPU put 89 ms of it into localising the
/// dates of a front page the server wrote, one formatter per date).
#[cfg(target_arch = "wasm32")]
fn long_date_format() -> Option<js_sys::Function> {
    thread_local! {
        static FORMAT: Option<js_sys::Function> = {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into())
                .ok()
                // `undefined` locales = the reader's own.
                .map(|_| js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format())
        };
    }
    FORMAT.with(Clone::clone)
}

#[cfg(target_arch = "wasm32")]
fn intl_date(iso: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return None;
    }
    long_date_format()?
        .call1(&JsValue::UNDEFINED, &date)
        .ok()?
        .as_string()
}

/// How long ago `then_ms` was at `now_ms` (milliseconds since the epoch), as the value and unit a
/// relative time is said in: under a minute is "now" (0 seconds), then minutes, hours, days; `None`
/// from a week on (the date itself says more) or for a time in the future beyond a minute's skew.
pub fn ago(now_ms: f64, then_ms: f64) -> Option<(i64, &'static str)> {
    let seconds = ((now_ms - then_ms) / 1000.0).floor();
    if !seconds.is_finite() || seconds < -60.0 {
        return None;
    }
    let seconds = seconds.max(0.0) as i64;
    match seconds {
        0..=59 => Some((0, "second")),
        60..=3_599 => Some((seconds / 60, "minute")),
        3_600..=86_399 => Some((seconds / 3_600, "hour")),
        86_400..=604_799 => Some((seconds / 86_400, "day")),
        _ => None,
    }
}

/// Milliseconds since 1970: the browser's clock, or the system's where the server writes a page
/// with the app's components.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |elapsed| elapsed.as_millis() as f64)
    }
}

/// "5 minutes ago", "yesterday", in the reader's language (Intl.RelativeTimeFormat); past a week,
/// or where Intl cannot say it, the date (`reader_date`).
pub fn reader_ago(iso: &str, now_ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl_ago(iso, now_ms) {
        return text;
    }
    let _ = now_ms;
    reader_date(iso)
}

#[cfg(target_arch = "wasm32")]
fn intl_ago(iso: &str, now_ms: f64) -> Option<String> {
    use wasm_bindgen::JsValue;
    let then = js_sys::Date::new(&JsValue::from_str(iso)).get_time();
    let (value, unit) = ago(now_ms, then)?;
    // Made once, like `long_date_format`: a thread of comments has a time on each.
    thread_local! {
        static FORMAT: Option<js_sys::Intl::RelativeTimeFormat> = {
            let options = js_sys::Object::new();
            // "now", "yesterday" rather than "0 seconds ago", "1 day ago".
            js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into())
                .ok()
                .map(|_| js_sys::Intl::RelativeTimeFormat::new(&js_sys::Array::new(), &options))
        };
    }
    FORMAT.with(|format| {
        format
            .as_ref()
            .map(|format| String::from(format.format(-(value as f64), unit)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_ago_pick_the_unit_a_person_would() {
        let now = 1_000_000_000_000.0;
        let before = |seconds: f64| now - seconds * 1000.0;
        assert_eq!(ago(now, before(5.0)), Some((0, "second")));
        assert_eq!(ago(now, before(5.0 * 60.0 + 20.0)), Some((5, "minute")));
        assert_eq!(ago(now, before(3.0 * 3600.0)), Some((3, "hour")));
        assert_eq!(ago(now, before(26.0 * 3600.0)), Some((1, "day")));
        assert_eq!(
            ago(now, before(8.0 * 86_400.0)),
            None,
            "a week on, the date says more"
        );
        assert_eq!(
            ago(now, now + 30_000.0),
            Some((0, "second")),
            "a little clock skew is now"
        );
        assert_eq!(ago(now, now + 3_600_000.0), None);
        assert_eq!(ago(now, f64::NAN), None);
    }

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
