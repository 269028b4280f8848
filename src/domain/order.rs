//! Putting large items in order without copying them: sort their positions, then move each item
//! once, in place.
//!
//! Why: sorting a list of large items moves every item many times, and building a sorted copy
//! holds the list twice. In wasm the second matters most: its memory only grows, so whatever a
//! computation holds at its peak the page keeps for as long as it is open.

/// The positions of `keys` in key order: `order[k]` is the index of the k-th smallest key. One
/// function for every record type (the loaded pages of each collection), where a sort by each
/// type's key would be one copy of the sort per type in the wasm.
pub fn key_order(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|a, b| keys[*a].cmp(keys[*b]));
    order
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
