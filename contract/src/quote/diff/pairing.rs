//! Which line of the older revision each line of the newer one continues: by
//! catalog product when both lines have one, then by kind, SKU and name ignoring
//! case, then by position; never two lines of different catalog products.

use crate::quote::QuoteLine;

/// What pairs lines: the catalog product, and the kind, SKU and name ignoring case.
struct LineKey<'a> {
    line: &'a QuoteLine,
    sku: String,
    name: String,
}

impl<'a> LineKey<'a> {
    /// The key of `line`.
    fn of(line: &'a QuoteLine) -> LineKey<'a> {
        LineKey {
            line,
            sku: line.sku.as_deref().unwrap_or("").to_lowercase(),
            name: line.name.to_lowercase(),
        }
    }

    /// Whether both lines are of catalog products, different ones.
    fn other_product(&self, other: &LineKey<'_>) -> bool {
        matches!((self.line.product_id, other.line.product_id), (Some(one), Some(two)) if one != two)
    }
}

/// Pass 1: the same catalog product.
fn same_product(old: &LineKey<'_>, new: &LineKey<'_>) -> bool {
    old.line.product_id.is_some() && old.line.product_id == new.line.product_id
}

/// Pass 2: the same kind, SKU and name, ignoring case.
fn same_identity(old: &LineKey<'_>, new: &LineKey<'_>) -> bool {
    !old.other_product(new)
        && old.line.kind == new.line.kind
        && old.sku == new.sku
        && old.name == new.name
}

/// Pass 3: the same position.
fn same_position(old: &LineKey<'_>, new: &LineKey<'_>) -> bool {
    !old.other_product(new) && old.line.position == new.line.position
}

/// For each line of `new`, the index of the line of `old` it continues, if any.
/// Each pass pairs a line with the first unpaired line it accepts.
pub(super) fn pair_lines(old: &[QuoteLine], new: &[QuoteLine]) -> Vec<Option<usize>> {
    let old_keys: Vec<LineKey<'_>> = old.iter().map(LineKey::of).collect();
    let new_keys: Vec<LineKey<'_>> = new.iter().map(LineKey::of).collect();
    let mut taken = vec![false; old.len()];
    let mut pairs = vec![None; new.len()];
    let passes: [fn(&LineKey<'_>, &LineKey<'_>) -> bool; 3] =
        [same_product, same_identity, same_position];
    for accepts in passes {
        for (pair, new_key) in pairs.iter_mut().zip(&new_keys) {
            if pair.is_some() {
                continue;
            }
            let found = old_keys
                .iter()
                .enumerate()
                .position(|(index, old_key)| !taken[index] && accepts(old_key, new_key));
            if let Some(index) = found {
                taken[index] = true;
                *pair = Some(index);
            }
        }
    }
    pairs
}
