//! Where the wasm's bytes go: code bytes per crate and the largest functions, read from the wasm
//! rustc wrote (before wasm-bindgen and wasm-opt, which strip the function names). Shares are of that
//! module, so they point at what to shrink; the shipped file is smaller overall.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

#[derive(Debug, Serialize)]
pub struct Contributor {
    pub name: String,
    pub bytes: u64,
    /// Share of the module's code and data bytes, in percent.
    pub percent: f64,
}

#[derive(Debug, Serialize)]
pub struct Profile {
    pub file: String,
    pub code_bytes: u64,
    pub data_bytes: u64,
    pub crates: Vec<Contributor>,
    pub functions: Vec<Contributor>,
}

/// The crate a demangled symbol belongs to: `<alloc::vec::Vec<T> as core::ops::Drop>::drop` → `alloc`;
/// a generic impl (`<T as core::any::Any>::type_id`) belongs to the trait's crate.
pub fn crate_of(symbol: &str) -> String {
    if let Some(rest) = symbol.strip_prefix('<') {
        if let Some((self_type, trait_path)) = rest.split_once(" as ") {
            if !self_type.contains("::") {
                return crate_of(trait_path);
            }
        }
    }
    let trimmed = symbol.trim_start_matches(['<', '&', '*', '(', '[']);
    let trimmed = ["mut ", "dyn ", "const "]
        .iter()
        .fold(trimmed, |s, prefix| s.strip_prefix(prefix).unwrap_or(s));
    let end = trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    match &trimmed[..end] {
        "" => "(other)".to_owned(),
        name => name.to_owned(),
    }
}

pub fn profile(path: &Path, top: usize) -> Result<Profile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut imported_functions = 0u32;
    let mut sizes: Vec<u64> = Vec::new();
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut data_bytes = 0u64;
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                sizes.push(range.end - range.start);
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    data_bytes += data.map_err(|e| e.to_string())?.data.len() as u64;
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for subsection in reader {
                        if let Ok(Name::Function(map)) = subsection {
                            for naming in map.into_iter().flatten() {
                                let symbol = format!("{:#}", rustc_demangle::demangle(naming.name));
                                names.insert(naming.index, symbol);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err(format!(
            "{} has no function names to profile",
            path.display()
        ));
    }
    let code_bytes: u64 = sizes.iter().sum();
    let total = (code_bytes + data_bytes).max(1) as f64;
    let percent = |bytes: u64| (bytes as f64 * 1000.0 / total).round() / 10.0;
    let mut per_crate: HashMap<String, u64> = HashMap::new();
    let mut functions: Vec<(String, u64)> = Vec::new();
    for (offset, size) in sizes.iter().enumerate() {
        let index = imported_functions + offset as u32;
        let name = names
            .get(&index)
            .cloned()
            .unwrap_or_else(|| format!("function #{index}"));
        *per_crate.entry(crate_of(&name)).or_default() += size;
        functions.push((name, *size));
    }
    per_crate.insert("(data: strings, tables)".to_owned(), data_bytes);
    let rank = |entries: Vec<(String, u64)>| -> Vec<Contributor> {
        let mut entries = entries;
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        entries
            .into_iter()
            .take(top)
            .map(|(name, bytes)| Contributor {
                name,
                bytes,
                percent: percent(bytes),
            })
            .collect()
    };
    Ok(Profile {
        file: path.display().to_string(),
        code_bytes,
        data_bytes,
        crates: rank(per_crate.into_iter().collect()),
        functions: rank(functions),
    })
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn symbols_are_attributed_to_their_crate() {
        assert_eq!(
            crate_of("<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop"),
            "alloc"
        );
        assert_eq!(
            crate_of("reactive_graph::effect::Effect::new"),
            "reactive_graph"
        );
        assert_eq!(
            crate_of("<&mut serde_json::de::Deserializer<R>>::parse"),
            "serde_json"
        );
        assert_eq!(crate_of("<dyn core::any::Any>::type_id"), "core");
        assert_eq!(crate_of("memcpy"), "memcpy");
        assert_eq!(crate_of("<T as core::any::Any>::type_id"), "core");
        assert_eq!(crate_of("<F as tachys::view::Render>::build"), "tachys");
        assert_eq!(crate_of("<>"), "(other)");
    }
}
