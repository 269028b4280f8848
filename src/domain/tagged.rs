//! Reading internally tagged enums (`{"type": "missing", "reason": "…"}`) without buffering them.
//!
//! serde's derive reads such an enum by first copying the whole object into a buffer of its own
//! (it cannot know which variant it reads until it has found the tag, which may come last), then
//! reading the variant from that copy. For every visit's signature and every step of a
//! customer's tier history that was ~25 ms of the 225 ms of loading 5,000 customers in wasm
//! (docs/performance.md). serde itself writes the tag first, so what this app stores and exports
//! always has it there.
//!
//! An enum read through [`tag_first`] keeps its derived `Serialize` (with `#[serde(tag = …)]`) and
//! gets its variants read by an externally tagged `remote` mirror (`#[serde(remote = "…")]`), which
//! the compiler checks field by field against the enum. When the tag is the first key, the mirror
//! reads the rest of the object as it comes; otherwise (a file written by hand or by another
//! program) the object is read into a `serde_json::Value` map first, as serde would have, so the
//! same texts are accepted either way.

use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, IntoDeserializer, MapAccess, VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// An internally tagged enum whose variants a `remote` mirror reads in the externally tagged form.
pub trait TagFirst: Sized {
    /// The key that names the variant (`"type"`).
    const TAG: &'static str;
    /// The mirror's `deserialize`: reads `{variant: body}` as serde's externally tagged enums do.
    fn external<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Reads `T` from an object whose tag names its variant; see the module documentation.
pub fn tag_first<'de, T: TagFirst, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(Tagged::<T>(PhantomData))
}

struct Tagged<T>(PhantomData<T>);

impl<'de, T: TagFirst> Visitor<'de> for Tagged<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with a \"{}\"", T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key_seed(Text)? else {
            return Err(de::Error::missing_field(T::TAG));
        };
        if first == T::TAG {
            let variant = map.next_value_seed(Text)?;
            return T::external(Rest { variant, map });
        }
        // The tag comes later, or not at all: the object is read whole, as serde would.
        let mut entries: Vec<(String, Value)> = vec![(first.into_owned(), map.next_value()?)];
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            entries.push((key, value));
        }
        let Some(at) = entries.iter().position(|(key, _)| key == T::TAG) else {
            return Err(de::Error::missing_field(T::TAG));
        };
        let Value::String(variant) = entries.remove(at).1 else {
            return Err(de::Error::invalid_type(de::Unexpected::Other("a tag that is not text"), &"a variant's name"));
        };
        let rest = MapDeserializer::new(entries.into_iter());
        T::external(Rest { variant: Cow::Owned(variant), map: rest }).map_err(de::Error::custom)
    }
}

/// A string key or value, borrowed from the text when it can be.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// The object after its tag, offered to the mirror as an externally tagged enum: the tag's text is
/// the variant, the rest of the object its body.
struct Rest<'de, A> {
    variant: Cow<'de, str>,
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Rest<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Rest<'de, A> {
    type Error = A::Error;
    type Variant = Body<A>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Body<A>), A::Error> {
        let name: StrDeserializer<'_, A::Error> = self.variant.as_ref().into_deserializer();
        Ok((seed.deserialize(name)?, Body(self.map)))
    }
}

/// A variant's fields: the rest of the object.
struct Body<A>(A);

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Body<A> {
    type Error = A::Error;

    /// A variant without fields ignores any the object has, as serde's internally tagged enums do.
    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.0.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::NewtypeVariant, &"a variant with named fields"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::TupleVariant, &"a variant with named fields"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

/// Reads `$enum` through [`tag_first`] with `$mirror` (its `#[serde(remote = …)]` twin, externally
/// tagged) for the variants, under the tag `$tag`.
macro_rules! read_tag_first {
    ($enum:ty, $mirror:ident, $tag:literal) => {
        impl $crate::domain::tagged::TagFirst for $enum {
            const TAG: &'static str = $tag;
            fn external<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $mirror::deserialize(deserializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $enum {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::domain::tagged::tag_first(deserializer)
            }
        }
    };
}
pub(crate) use read_tag_first;

#[cfg(test)]
mod tests {
    use crate::domain::customer::{NeedType, TierChangeReason, TierMove};
    use crate::domain::money::Money;
    use crate::domain::tier::Level;
    use crate::domain::visit::SignatureState;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    fn every_reason() -> Vec<TierChangeReason> {
        let moves = vec![
            TierMove::Frequency { months: 12, from: 0.5, to: 1.25, from_level: Level::Low, to_level: Level::Mid },
            TierMove::Spend {
                months: 12,
                from: Money(0),
                to: Money(755_200),
                from_level: Level::Low,
                to_level: Level::High,
            },
            TierMove::Activity { window_days: 30, from: 0, to: 3, from_level: Level::Low, to_level: Level::High },
            TierMove::Need { from: NeedType::Essential, to: NeedType::Trial },
        ];
        vec![
            TierChangeReason::Computed { moves: moves.clone() },
            TierChangeReason::Computed { moves: Vec::new() },
            TierChangeReason::Thresholds { moves },
            TierChangeReason::Override { note: "老客户，\"特批\"".into() },
            TierChangeReason::OverrideCleared,
            TierChangeReason::NoAnswerDemotion,
        ]
    }

    fn every_signature() -> Vec<SignatureState> {
        vec![SignatureState::NotNeeded, SignatureState::Captured, SignatureState::Missing { reason: "客户不便".into() }]
    }

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
        let text = serde_json::to_string(value).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
        // The same object with its tag moved to the end reads the same.
        let serde_json::Value::Object(map) = serde_json::from_str(&text).unwrap() else { panic!("{text}") };
        let (tags, rest): (Vec<_>, Vec<_>) = map.into_iter().partition(|(k, _)| k == "type" || k == "dimension");
        let moved: String = format!(
            "{{{}}}",
            rest.iter()
                .chain(&tags)
                .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(&serde_json::from_str::<T>(&moved).unwrap(), value, "{moved}");
    }

    #[test]
    fn every_variant_reads_back_with_its_tag_first_or_last() {
        for reason in every_reason() {
            round_trip(&reason);
        }
        for signature in every_signature() {
            round_trip(&signature);
        }
    }

    #[test]
    fn what_serde_accepted_and_refused_it_still_does() {
        // Extra fields are ignored, in a variant with fields and without.
        let r: TierChangeReason = serde_json::from_str(r#"{"type":"override","note":"n","later":1}"#).unwrap();
        assert_eq!(r, TierChangeReason::Override { note: "n".into() });
        let r: TierChangeReason = serde_json::from_str(r#"{"type":"override_cleared","x":[1,{"y":2}]}"#).unwrap();
        assert_eq!(r, TierChangeReason::OverrideCleared);
        // A change recorded before `moves` was kept has none.
        let r: TierChangeReason = serde_json::from_str(r#"{"type":"computed"}"#).unwrap();
        assert_eq!(r, TierChangeReason::COMPUTED);
        let r: TierChangeReason = serde_json::from_str(r#"{"note":"n","type":"computed"}"#).unwrap();
        assert_eq!(r, TierChangeReason::COMPUTED);
        // Refused: no tag, an unknown variant, a missing field, a wrong type, not an object.
        for bad in [
            r#"{}"#,
            r#"{"note":"n"}"#,
            r#"{"type":"promoted"}"#,
            r#"{"note":"n","type":"promoted"}"#,
            r#"{"type":"override"}"#,
            r#"{"type":"override","note":7}"#,
            r#"{"type":3,"note":"n"}"#,
            r#"{"note":"n","type":3}"#,
            r#""override""#,
            r#"[]"#,
        ] {
            assert!(serde_json::from_str::<TierChangeReason>(bad).is_err(), "{bad}");
        }
        let missing: SignatureState = serde_json::from_str(r#"{"reason":"不便","type":"missing"}"#).unwrap();
        assert_eq!(missing, SignatureState::Missing { reason: "不便".into() });
        assert!(serde_json::from_str::<SignatureState>(r#"{"type":"missing"}"#).is_err());
        let error = serde_json::from_str::<TierMove>(r#"{"dimension":"colour","from":1}"#).unwrap_err().to_string();
        assert!(error.contains("unknown variant `colour`"), "{error}");
    }

    #[test]
    fn a_tag_written_with_an_escape_reads_the_same() {
        // Not borrowed from the text: an escaped tag comes as a new string.
        let r: SignatureState = serde_json::from_str(r#"{"type":"not_need\u0065d"}"#).unwrap();
        assert_eq!(r, SignatureState::NotNeeded);
        let r: SignatureState = serde_json::from_str(r#"{"\u0074ype":"captured"}"#).unwrap();
        assert_eq!(r, SignatureState::Captured);
    }
}
