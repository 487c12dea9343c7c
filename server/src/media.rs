//! `/media/{slug}.svg`: the demo content's pictures, drawn here from the slug (a landscape of layered
//! hills under a sky, in colours of its own), so the repository ships no binary images and the
//! site never hotlinks one.

use std::fmt::Write;

use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use inkuru_api::Slug;

use crate::error::AppError;

/// The size every generated picture has (16:9), which the demo content declares too.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 675;

pub fn router() -> Router<crate::AppState> {
    Router::new().route("/media/{file}", get(picture))
}

/// The media URL of an article's generated picture.
pub fn picture_src(slug: &Slug) -> String {
    format!("/media/{slug}.svg")
}

/// GET /media/{slug}.svg → 200 an SVG; 404 for any other name.
async fn picture(Path(file): Path<String>) -> Result<impl IntoResponse, AppError> {
    let svg =
        drawn(&file).ok_or_else(|| AppError::NotFound("No picture has this address.".into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    ))
}

/// The picture a file name (`{slug}.svg`) stands for, if it names one.
fn drawn(file: &str) -> Option<String> {
    let slug = file
        .strip_suffix(".svg")
        .and_then(|stem| Slug::parse(stem).ok())?;
    Some(landscape_svg(slug.as_str()))
}

/// The size in bytes of the picture at `src` (`/media/{slug}.svg`), as served (feeds' enclosures
/// state it); `None` for an address this module does not serve.
pub fn size_of(src: &str) -> Option<usize> {
    src.strip_prefix("/media/")
        .and_then(drawn)
        .map(|svg| svg.len())
}

/// FNV-1a: a stable hash, so a slug draws the same picture on every run and machine.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Draws the picture for `seed`.
pub fn landscape_svg(seed: &str) -> String {
    let mut bits = fnv1a(seed);
    let mut next = |range: u64| -> u64 {
        bits = bits.rotate_left(13) ^ bits.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        bits % range.max(1)
    };
    let hue = next(360);
    let sun_x = 200 + next(800);
    let sun_y = 120 + next(180);
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <defs><linearGradient id=\"sky\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\
         <stop offset=\"0\" stop-color=\"hsl({hue},45%,78%)\"/>\
         <stop offset=\"1\" stop-color=\"hsl({h2},55%,90%)\"/></linearGradient></defs>\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"url(#sky)\"/>\
         <circle cx=\"{sun_x}\" cy=\"{sun_y}\" r=\"{r}\" fill=\"hsl({sun_hue},80%,70%)\" opacity=\"0.9\"/>",
        h2 = (hue + 30) % 360,
        r = 50 + next(40),
        sun_hue = (hue + 180) % 360,
    );
    // Four ridges, back to front, each darker and lower than the last.
    for layer in 0..4u64 {
        let base = 330 + layer * 85;
        let lightness = 62 - layer * 12;
        let mut path = format!("M0 {HEIGHT} L0 {}", base + next(40));
        let steps = 6 + next(4);
        for step in 1..=steps {
            let x = step * u64::from(WIDTH) / steps;
            let cx = x - u64::from(WIDTH) / steps / 2;
            let peak = base.saturating_sub(30 + next(90));
            let _ = write!(path, " Q{cx} {peak} {x} {}", base + next(40));
        }
        let _ = write!(path, " L{WIDTH} {HEIGHT} Z");
        let _ = write!(
            svg,
            "<path d=\"{path}\" fill=\"hsl({},{}%,{lightness}%)\"/>",
            (hue + 90 + layer * 12) % 360,
            30 + layer * 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_slug_same_picture_other_slug_other_picture() {
        assert_eq!(landscape_svg("a"), landscape_svg("a"));
        assert_ne!(landscape_svg("a"), landscape_svg("b"));
    }

    #[test]
    fn picture_declares_its_size() {
        let svg = landscape_svg("kigali");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("width=\"1200\" height=\"675\""));
        assert!(svg.ends_with("</svg>"));
    }
}
