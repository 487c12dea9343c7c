//! `cargo xtask post-build DIR`, in optimised builds: minifies the inline module scripts of
//! DIR/index.html (the start script, Trunk.toml's `pattern_script`) with the same esbuild as the
//! JS glue. Trunk leaves inline module scripts as written, comments and all, and every page the
//! server writes carries them: 4.7 KB raw before, 2.4 KB after. The server allows inline scripts
//! by the hash of what index.html holds, so it hashes the minified text.

use std::path::Path;

/// An inline module script's opening tag, as written and as Trunk's HTML minifier writes it.
const OPENINGS: [&str; 2] = ["<script type=\"module\">", "<script type=module>"];
const CLOSE: &str = "</script>";

pub fn run(dir: &Path) -> Result<(), String> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let scratch = dir.join(".inline-script.js");
    let minified = replace_inline_modules(&html, |script| {
        std::fs::write(&scratch, script).map_err(|e| format!("{}: {e}", scratch.display()))?;
        crate::split::minify(&scratch)?;
        let text =
            std::fs::read_to_string(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
        Ok(text.trim_end().to_owned())
    });
    let _ = std::fs::remove_file(&scratch);
    std::fs::write(&index, minified?).map_err(|e| format!("{}: {e}", index.display()))
}

/// `html` with the text of each non-empty inline module script replaced by `minify`'s answer.
fn replace_inline_modules(
    html: &str,
    mut minify: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((start, open)) = OPENINGS
        .iter()
        .filter_map(|open| rest.find(open).map(|at| (at, open.len())))
        .min()
    {
        let body_start = start + open;
        let body_len = rest[body_start..]
            .find(CLOSE)
            .ok_or("index.html: an inline module script is not closed")?;
        let body = &rest[body_start..body_start + body_len];
        out.push_str(&rest[..body_start]);
        if body.trim().is_empty() {
            out.push_str(body);
        } else {
            out.push_str(&minify(body)?);
        }
        rest = &rest[body_start + body_len..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_module_scripts_are_handed_to_the_minifier() {
        let html = "<script>classic()</script><script type=\"module\">\n  start();\n</script>\
                    <script type=\"module\" src=\"/a.js\"></script><script type=\"module\"></script>\
                    <script type=module>go()</script>";
        let out = replace_inline_modules(html, |body| Ok(format!("[{}]", body.trim()))).unwrap();
        assert_eq!(
            out,
            "<script>classic()</script><script type=\"module\">[start();]</script>\
             <script type=\"module\" src=\"/a.js\"></script><script type=\"module\"></script>\
             <script type=module>[go()]</script>"
        );
    }

    #[test]
    fn an_unclosed_script_is_refused_rather_than_cut() {
        let refused = replace_inline_modules("<script type=\"module\">start();", |b| Ok(b.into()));
        assert!(refused.is_err());
    }
}
