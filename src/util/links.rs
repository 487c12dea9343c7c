//! Finding web addresses in a comment's plain text, so they can be shown as links while the text
//! stays text (never HTML). Only `http://` and `https://` addresses count; punctuation that ends a
//! sentence after an address is not part of it.

/// A run of a comment's text: plain words, or a web address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Characters that end a sentence or close a bracket after an address rather than belong to it.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '”', '’'];

/// `text` cut into plain runs and web addresses, in order; joined again they give `text` back.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = next_address(rest) {
        let (before, from) = rest.split_at(start);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let candidate = &from[..end];
        let address = candidate.trim_end_matches(TRAILING);
        // "https://" alone is not an address.
        let scheme_len = if address.starts_with("https://") {
            8
        } else {
            7
        };
        if address.len() <= scheme_len {
            out.push(Piece::Text(&rest[..start + end]));
            rest = &from[end..];
            continue;
        }
        if !before.is_empty() {
            out.push(Piece::Text(before));
        }
        out.push(Piece::Link(address));
        rest = &from[address.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

fn next_address(text: &str) -> Option<usize> {
    let https = text.find("https://");
    let http = text.find("http://");
    match (https, http) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejoin(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Link(t) => *t,
            })
            .collect()
    }

    #[test]
    fn addresses_become_links_and_sentences_keep_their_punctuation() {
        let text = "See https://example.rw/news?id=3. Also (http://kigali.example/a).";
        let found = pieces(text);
        assert_eq!(
            found,
            [
                Piece::Text("See "),
                Piece::Link("https://example.rw/news?id=3"),
                Piece::Text(". Also ("),
                Piece::Link("http://kigali.example/a"),
                Piece::Text(")."),
            ]
        );
        assert_eq!(rejoin(&found), text);
    }

    #[test]
    fn text_without_addresses_and_markup_stay_text() {
        assert_eq!(pieces("Just words."), [Piece::Text("Just words.")]);
        assert_eq!(pieces(""), Vec::<Piece>::new());
        let sneaky = "<a href=\"javascript:alert(1)\">x</a> https:// javascript:alert(1)";
        assert!(pieces(sneaky).iter().all(|p| matches!(p, Piece::Text(_))));
        assert_eq!(rejoin(&pieces(sneaky)), sneaky);
    }
}
