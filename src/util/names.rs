//! Initials for comment avatars: drawn from the name, never fetched from a third party.

/// Up to two initials, upper-cased: `"aline uwase"` → `"AU"`, `"Jean-Paul"` → `"J"`, `""` → `"?"`.
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".into()
    } else {
        letters
    }
}

/// A hue (0–359) derived from the name, so each commenter keeps the same avatar colour.
pub fn hue(name: &str) -> u32 {
    name.bytes().fold(7u32, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u32::from(b))
    }) % 360
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("aline uwase"), "AU");
        assert_eq!(initials("  Jean-Paul  "), "J");
        assert_eq!(initials("Éric de la Nshuti"), "ÉD");
        assert_eq!(initials("   "), "?");
        assert_eq!(initials("@@ !!"), "?");
    }

    #[test]
    fn hue_is_stable_and_in_range() {
        assert_eq!(hue("Aline"), hue("Aline"));
        assert!(hue("Aline") < 360);
    }
}
