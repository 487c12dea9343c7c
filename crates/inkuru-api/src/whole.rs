//! JSON numbers read as whole numbers the way JSON (and JSON Schema's `integer`) sees them: `5`
//! and `5.0` are the same number; a fraction, or a number out of the field's range, is refused.
//! For the whole-number fields of what clients send (`#[serde(deserialize_with = …)]`). Only
//! "safe" integers are taken (at most `MAX_SAFE` either way, JavaScript's
//! `Number.MAX_SAFE_INTEGER`): every one of them is exact as a JSON number of any spelling, so
//! what a client meant is what is read, and the OpenAPI document can say so.
//!
//! Native builds only (the server, and JSON text): in the browser, JSON is the browser's own
//! parser's, whose numbers are already just numbers, and the app reads only what this server
//! wrote; the readers' wasm does not carry these visitors (+0.6 KB on the first module).

use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The largest whole number taken, either way: 2^53 − 1.
pub const MAX_SAFE: u64 = 9_007_199_254_740_991;

/// A whole number of type `T`, however the JSON wrote it.
struct WholeNumber<T>(T);

struct WholeVisitor<T>(PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for WholeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a whole number in range")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        if value.unsigned_abs() > MAX_SAFE {
            return Err(E::custom(format!("{value} is out of range")));
        }
        T::try_from(value).map_err(|_| E::custom(format!("{value} is out of range")))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        if value > MAX_SAFE {
            return Err(E::custom(format!("{value} is out of range")));
        }
        T::try_from(value).map_err(|_| E::custom(format!("{value} is out of range")))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        // Within ±2^53 every whole f64 is exact and fits the casts; the visits check the range.
        const BOUND: f64 = 9_007_199_254_740_992.0;
        if !value.is_finite() || value.fract() != 0.0 {
            return Err(E::custom(format!("{value} is not a whole number")));
        }
        if (0.0..=BOUND).contains(&value) {
            self.visit_u64(value as u64)
        } else if (-BOUND..0.0).contains(&value) {
            self.visit_i64(value as i64)
        } else {
            Err(E::custom(format!("{value} is out of range")))
        }
    }
}

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Deserialize<'de> for WholeNumber<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(WholeVisitor(PhantomData))
            .map(WholeNumber)
    }
}

/// One whole number.
pub fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    WholeNumber::deserialize(deserializer).map(|whole| whole.0)
}

/// A whole number, or `null`.
pub fn option<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    Option::<WholeNumber<T>>::deserialize(deserializer).map(|whole| whole.map(|w| w.0))
}

/// A list of whole numbers.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    Vec::<WholeNumber<T>>::deserialize(deserializer)
        .map(|list| list.into_iter().map(|whole| whole.0).collect())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sent {
        #[serde(deserialize_with = "super::number")]
        count: u32,
        #[serde(default, deserialize_with = "super::option")]
        parent: Option<i64>,
        #[serde(deserialize_with = "super::list")]
        ids: Vec<i64>,
    }

    fn read(json: &str) -> Result<Sent, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn a_whole_number_may_be_written_with_a_zero_fraction() {
        let sent = read(
            r#"{"count": 5.0, "parent": 4210288980137978.0, "ids": [1, 2.0, -9007199254740991]}"#,
        )
        .unwrap();
        assert_eq!(
            sent,
            Sent {
                count: 5,
                parent: Some(4_210_288_980_137_978),
                ids: vec![1, 2, -9_007_199_254_740_991]
            }
        );
        assert_eq!(read(r#"{"count": 1, "ids": []}"#).unwrap().parent, None);
        assert_eq!(
            read(r#"{"count": 1, "parent": null, "ids": []}"#)
                .unwrap()
                .parent,
            None
        );
    }

    #[test]
    fn fractions_and_numbers_out_of_range_are_refused() {
        for json in [
            r#"{"count": 5.5, "ids": []}"#,
            r#"{"count": -1, "ids": []}"#,
            r#"{"count": 4294967296, "ids": []}"#,
            r#"{"count": 1e300, "ids": []}"#,
            r#"{"count": "5", "ids": []}"#,
            r#"{"count": 1, "ids": [1.5]}"#,
            r#"{"count": 1, "ids": [18446744073709551615]}"#,
            r#"{"count": 1, "ids": [9007199254740992]}"#,
            r#"{"count": 1, "ids": [-9223372036854775809]}"#,
        ] {
            assert!(read(json).is_err(), "{json}");
        }
    }
}
