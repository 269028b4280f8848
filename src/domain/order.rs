//! Putting large items in order without copying them: sort their positions, then move each item
//! once, in place.
//!
//! Why: sorting a list of large items moves every item many times, and building a sorted copy
//! holds the list twice. In wasm the second matters most: its memory only grows, so whatever a
//! computation holds at its peak the page keeps for as long as it is open.

/// The positions of `keys` in key order: `order[k]` is the index of the k-th smallest key. One
/// function for every record type (the loaded pages of each collection), where a sort by each
/// type's key would be one copy of the sort per type in the wasm.
///
/// Each key is compared by its first 16 bytes as two integers, and in full only when those are
/// equal. Comparing the strings themselves went to memory at two places for every comparison
/// (the position, then the key's bytes): ~0.16 s of opening a book of 50,000 customers, for its
/// 546,640 visits. The prefixes sit beside the positions, and 16 bytes tell apart both the
/// app's ids (32 hex digits) and the generated ones (`g000123-v004`): on the host, 550,000 keys
/// of either kind sort 2.5–3.5 times faster. They cost 24 bytes a key while sorting, against 4.
pub fn key_order(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<(u64, u64, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let (high, low) = prefix(key);
            (high, low, u32::try_from(i).expect("fewer than 2^32 records"))
        })
        .collect();
    order.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| keys[a.2 as usize].cmp(keys[b.2 as usize])));
    order.into_iter().map(|(_, _, i)| i as usize).collect()
}

/// A key's first 16 bytes as two big-endian integers, zeros after a shorter key: they order as
/// the bytes do, and keys whose prefixes are equal are compared in full.
fn prefix(key: &str) -> (u64, u64) {
    let mut bytes = [0u8; 16];
    let n = key.len().min(16);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    let (high, low) = bytes.split_at(8);
    (u64::from_be_bytes(high.try_into().unwrap_or_default()), u64::from_be_bytes(low.try_into().unwrap_or_default()))
}

/// Puts `items` in the order of `order` (a permutation of their positions, as [`key_order`]
/// gives): afterwards `items[k]` is what was at `order[k]`. In place, following each cycle of the
/// permutation once, so every item moves at most once and nothing is copied.
pub fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    debug_assert_eq!(items.len(), order.len());
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_arrangement_of_cycles_lands_each_item_where_its_key_sorts() {
        let cases: [&[&str]; 7] = [
            &[],
            &["a"],
            &["b", "a"],
            &["c", "a", "b"],
            &["d", "c", "a", "b", "e"],
            &["b", "a", "d", "c"],
            &["a", "b", "c"],
        ];
        for keys in cases {
            let mut items: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            permute(&mut items, key_order(keys));
            let mut sorted = items.clone();
            sorted.sort();
            assert_eq!(items, sorted, "from {keys:?}");
        }
    }

    #[test]
    fn keys_sort_as_strings_do_across_and_beyond_their_first_sixteen_bytes() {
        let keys = [
            "g000123-v004",
            "g000123-v003",
            "g000122-v010",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdee",
            "0123456789abcdef",
            "0123456789abcdef\0",
            "0123456789abcde",
            "",
            "ab",
            "ab\0",
            "ab\u{1}",
            "客户-张三",
            "客户-张",
            "~",
            "0123456789abcdef0123456789abcdef",
        ];
        let order = key_order(&keys);
        let by_order: Vec<&str> = order.iter().map(|&i| keys[i]).collect();
        let mut sorted = keys.to_vec();
        sorted.sort();
        assert_eq!(by_order, sorted);
        let mut positions = order.clone();
        positions.sort_unstable();
        assert_eq!(positions, (0..keys.len()).collect::<Vec<_>>(), "every position once");
    }

    #[test]
    fn items_follow_any_permutation_given() {
        // Every permutation of five positions: items[k] ends as what was at order[k].
        let mut order: Vec<usize> = (0..5).collect();
        let mut seen = 0;
        loop {
            let mut items: Vec<usize> = (10..15).collect();
            permute(&mut items, order.clone());
            assert_eq!(items, order.iter().map(|i| i + 10).collect::<Vec<_>>(), "order {order:?}");
            seen += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| order[i] < order[i + 1]) else { break };
            let j = (i + 1..5).rev().find(|&j| order[j] > order[i]).unwrap();
            order.swap(i, j);
            order[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }
}
