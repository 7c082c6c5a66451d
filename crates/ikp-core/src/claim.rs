//! Who may create a record under an id its author chose. Ids are made offline on many
//! laptops, so the author picks them; an id picked by one author must never let another
//! take its record's place (a hostile laptop can copy any id it has seen and backdate
//! its clock to be first). Ids therefore name their author: the first 16 hex digits of
//! the author's key, then 32 random hex digits, and may be claimed by that author only.
//!
//! An id of any other form claims nothing. Ids of the older form (32 random hex digits)
//! were made only by development builds before this rule, and one of them cannot be
//! given to its first author safely: a hostile laptop that has seen it can sign a copy
//! backdated under it, and on a rebuild the copy would come first. Such events stay in
//! the log, unprojected, like any other record an author may not claim.

use crate::error::Result;
use crate::identity::DeviceId;
use crate::use_case::new_id;

/// How many hex digits of the author's key an owned id begins with (64 bits: no one can
/// make a key that matches another's by trying).
const AUTHOR_DIGITS: usize = 16;
const OWNED_LEN: usize = AUTHOR_DIGITS + 32;

/// A new random id that names `author` as its owner.
pub fn owned_id(author: DeviceId) -> Result<String> {
    Ok(format!("{}{}", &author.to_hex()[..AUTHOR_DIGITS], new_id()?))
}

/// Whether `author_hex` may create a record under `id`, given who holds it already
/// (`holder`: the author of the record stored under that id, if any).
pub fn may_claim(id: &str, author_hex: &str, holder: Option<&str>) -> bool {
    let names_author = is_owned_form(id) && author_hex.get(..AUTHOR_DIGITS) == id.get(..AUTHOR_DIGITS);
    names_author && holder.is_none_or(|holder| holder == author_hex)
}

fn is_owned_form(id: &str) -> bool {
    id.len() == OWNED_LEN && id.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owned_id_may_be_claimed_by_its_author_only() {
        let me = DeviceId([0x11; 32]);
        let other = DeviceId([0x22; 32]);
        let id = owned_id(me).unwrap();
        assert!(may_claim(&id, &me.to_hex(), None));
        assert!(!may_claim(&id, &other.to_hex(), None));
        assert!(!may_claim(&id, &me.to_hex(), Some(&other.to_hex())));
        // An id of the older form, or of any other form, claims nothing.
        let old = "0123456789abcdef0123456789abcdef";
        assert!(!may_claim(old, &other.to_hex(), None));
        assert!(!may_claim(&id.to_uppercase(), &me.to_hex(), None));
        assert!(!may_claim(&format!("{id}0"), &me.to_hex(), None));
        assert!(!may_claim("", &me.to_hex(), None));
    }
}
