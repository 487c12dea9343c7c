//! `cargo xtask post-build DIR` (Trunk's post-build hook), first step. stylers writes the component styles to
//! target/stylers.css during the cargo build, after Trunk has already resolved index.html's assets,
//! so Trunk cannot inline them itself. This puts them into DIR/index.html in place of the
//! `<link … stylers.css>` tag: the first paint then needs no stylesheet request (render-blocking
//! on a slow network).

use std::path::Path;

use crate::process::root;

pub fn run(args: &[String]) -> Result<(), String> {
    let dir = args
        .first()
        .ok_or("usage: cargo xtask post-build DIR (Trunk's staging directory)")?;
    let css_path = root().join("target/stylers.css");
    let css = std::fs::read_to_string(&css_path).map_err(|e| {
        format!(
            "{}: {e} (stylers writes it during the wasm build)",
            css_path.display()
        )
    })?;
    let index = Path::new(dir).join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let inlined = inline(&html, &css)
        .ok_or_else(|| format!("{}: no <link> to stylers.css to replace", index.display()))?;
    std::fs::write(&index, inlined).map_err(|e| format!("{}: {e}", index.display()))
}

/// `html` with its `<link …stylers.css…>` tag replaced by a `<style>` element holding `css`.
/// `None` when there is no such tag. CSS cannot contain `</style` here: stylers emits plain rules.
pub fn inline(html: &str, css: &str) -> Option<String> {
    let name = html.find("stylers.css")?;
    let start = html[..name].rfind("<link")?;
    let end = name + html[name..].find('>')? + 1;
    let css = css.trim().replace("</style", "<\\/style");
    Some(format!(
        "{}<style>{css}</style>{}",
        &html[..start],
        &html[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn replaces_the_link_whatever_the_minifier_left_of_it() {
        let css = ".a{color:red}\n";
        assert_eq!(
            inline(
                "<head><link rel=\"stylesheet\" href=\"/stylers.css\"/><title>",
                css
            )
            .as_deref(),
            Some("<head><style>.a{color:red}</style><title>")
        );
        assert_eq!(
            inline("<head><link href=/stylers.css rel=stylesheet><title>", css).as_deref(),
            Some("<head><style>.a{color:red}</style><title>")
        );
        assert_eq!(inline("<head><title>", css), None);
    }
}
