//! Where the site is, as `scheme://host[:port]`, read from a page request: share previews and
//! structured data need absolute URLs.

/// The origin a request was made to: its `Host` header (refused unless it is a plain host name or
/// address with an optional port) and `https` when a proxy in front says so.
pub fn from_request(host: Option<&str>, forwarded_proto: Option<&str>) -> Option<String> {
    let host = host?.trim();
    let plain = !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    if !plain {
        return None;
    }
    let scheme = match forwarded_proto.map(str::trim) {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    Some(format!("{scheme}://{host}"))
}

/// The origin of a request, from its headers (see `from_request`).
pub fn of_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    from_request(text("host"), text("x-forwarded-proto"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_host_makes_an_origin() {
        assert_eq!(
            from_request(Some("news.example:8080"), None).as_deref(),
            Some("http://news.example:8080")
        );
        assert_eq!(
            from_request(Some("news.example"), Some("https")).as_deref(),
            Some("https://news.example")
        );
        assert_eq!(from_request(Some("evil\"><script>"), None), None);
        assert_eq!(from_request(Some(""), None), None);
        assert_eq!(from_request(None, None), None);
    }
}
