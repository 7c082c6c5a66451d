//! Ed25519 verification with one rule everywhere: the *cofactored* equation
//! `[8]([s]B − R − [k]A) = 0`, for single events (`ikp check`, rebuild) and for batches
//! (import). A batch can only check the cofactored equation, so checking single events
//! the same way means an event a batch accepted can never fail `ikp check` or a rebuild
//! later (with the cofactorless single check a signer could craft one that does).
//! Signatures made by `ed25519-dalek` satisfy both.
//!
//! A batch multiplies each signature's equation by an unpredictable 128-bit factor and
//! adds them up: one multi-scalar multiplication instead of one per signature, with the
//! terms of each author's key merged (a bundle has few authors and many events).

use std::collections::HashMap;

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{IsIdentity, VartimeMultiscalarMul};
use sha2::{Digest, Sha512};

struct Parts {
    r: EdwardsPoint,
    s: Scalar,
    k: Scalar,
}

fn parts(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> Option<Parts> {
    let r_bytes: [u8; 32] = signature[..32].try_into().expect("32 bytes");
    let s_bytes: [u8; 32] = signature[32..].try_into().expect("32 bytes");
    let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(s_bytes))?;
    let r = CompressedEdwardsY(r_bytes).decompress()?;
    let mut hasher = Sha512::new();
    hasher.update(r_bytes);
    hasher.update(key);
    hasher.update(message);
    let k = Scalar::from_bytes_mod_order_wide(&hasher.finalize().into());
    Some(Parts { r, s, k })
}

/// A public key as a point; `None` for a key of small order, for which the cofactored
/// equation holds with `s = 0` whatever the message — anyone could sign as it.
fn point(key: &[u8; 32]) -> Option<EdwardsPoint> {
    CompressedEdwardsY(*key).decompress().filter(|a| !a.is_small_order())
}

/// One signature, by the cofactored equation.
pub fn verify(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let (Some(a), Some(parts)) = (point(key), parts(key, message, signature)) else {
        return false;
    };
    let sb_minus_ka = EdwardsPoint::vartime_double_scalar_mul_basepoint(&parts.k, &(-a), &parts.s);
    (sb_minus_ka - parts.r).mul_by_cofactor().is_identity()
}

/// All signatures at once: true only if (with overwhelming probability) every one
/// satisfies the equation `verify` checks. On false, check them one by one to find
/// which.
pub fn verify_batch(items: &[(&[u8; 32], &[u8], &[u8; 64])], seed: &[u8; 32]) -> bool {
    let mut keys: HashMap<[u8; 32], (EdwardsPoint, Scalar)> = HashMap::new();
    let mut scalars: Vec<Scalar> = Vec::with_capacity(items.len() + 8);
    let mut points: Vec<EdwardsPoint> = Vec::with_capacity(items.len() + 8);
    let mut s_sum = Scalar::ZERO;
    for (index, (key, message, signature)) in items.iter().enumerate() {
        let Some(parts) = parts(key, message, signature) else { return false };
        let z = factor(seed, index, signature);
        s_sum += z * parts.s;
        scalars.push(z);
        points.push(parts.r);
        let entry = match keys.get_mut(*key) {
            Some(entry) => entry,
            None => {
                let Some(a) = point(key) else { return false };
                keys.entry(**key).or_insert((a, Scalar::ZERO))
            }
        };
        entry.1 += z * parts.k;
    }
    for (a, zk) in keys.into_values() {
        scalars.push(zk);
        points.push(a);
    }
    scalars.push(-s_sum);
    points.push(ED25519_BASEPOINT_POINT);
    // Σ z_i R_i + Σ (Σ z_i k_i) A − (Σ z_i s_i) B = 0, up to the cofactor.
    EdwardsPoint::vartime_multiscalar_mul(&scalars, &points).mul_by_cofactor().is_identity()
}

/// A 128-bit factor no signer can predict: derived from a secret seed drawn for this
/// batch, the position and the signature.
fn factor(seed: &[u8; 32], index: usize, signature: &[u8; 64]) -> Scalar {
    let mut hasher = Sha512::new();
    hasher.update(b"ikp-desk/batch-factor/v1");
    hasher.update(seed);
    hasher.update((index as u64).to_le_bytes());
    hasher.update(signature);
    let digest = hasher.finalize();
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(&digest[..16]);
    Scalar::from_bytes_mod_order(bytes)
}

/// A fresh secret seed for one batch.
pub fn batch_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    if getrandom::getrandom(&mut seed).is_err() {
        // No system randomness: fall back on the clock and the address space, still
        // unknown to a signer in advance.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let mut hasher = Sha512::new();
        hasher.update(now.as_nanos().to_le_bytes());
        hasher.update((&seed as *const _ as usize).to_le_bytes());
        seed.copy_from_slice(&hasher.finalize()[..32]);
    }
    seed
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    type Signed = (Vec<[u8; 32]>, Vec<Vec<u8>>, Vec<[u8; 64]>);

    fn signed(secret: u8, count: usize) -> Signed {
        let mut keys = Vec::new();
        let mut messages = Vec::new();
        let mut signatures = Vec::new();
        for index in 0..count {
            let key = SigningKey::from_bytes(&[secret + (index % 3) as u8; 32]);
            let message = format!("event {index}").into_bytes();
            signatures.push(key.sign(&message).to_bytes());
            keys.push(key.verifying_key().to_bytes());
            messages.push(message);
        }
        (keys, messages, signatures)
    }

    fn items<'a>(
        keys: &'a [[u8; 32]],
        messages: &'a [Vec<u8>],
        signatures: &'a [[u8; 64]],
    ) -> Vec<(&'a [u8; 32], &'a [u8], &'a [u8; 64])> {
        keys.iter().zip(messages).zip(signatures).map(|((k, m), s)| (k, m.as_slice(), s)).collect()
    }

    #[test]
    fn dalek_signatures_verify_singly_and_in_batches() {
        let (keys, messages, signatures) = signed(1, 40);
        for ((key, message), signature) in keys.iter().zip(&messages).zip(&signatures) {
            assert!(verify(key, message, signature));
        }
        assert!(verify_batch(&items(&keys, &messages, &signatures), &batch_seed()));
    }

    #[test]
    fn one_wrong_signature_fails_the_batch_and_is_found_alone() {
        let (keys, mut messages, signatures) = signed(1, 40);
        messages[17] = b"another message".to_vec();
        assert!(!verify_batch(&items(&keys, &messages, &signatures), &batch_seed()));
        let bad: Vec<usize> = (0..40).filter(|&i| !verify(&keys[i], &messages[i], &signatures[i])).collect();
        assert_eq!(bad, vec![17]);
        let mut signatures = signatures;
        signatures[3][40] ^= 1;
        assert!(!verify(&keys[3], b"event 3", &signatures[3]));
    }

    #[test]
    fn a_small_order_key_verifies_nothing() {
        // With A of order 8 the cofactored equation reduces to [8]([s]B − R) = 0, so
        // s = 0 and R = identity would "sign" any message; such keys are refused.
        let weak = curve25519_dalek::constants::EIGHT_TORSION[1].compress().to_bytes();
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(EdwardsPoint::default().compress().as_bytes());
        assert!(!verify(&weak, b"any message", &signature));
        let (keys, messages, signatures) = signed(1, 3);
        let mut all = items(&keys, &messages, &signatures);
        all.push((&weak, b"any message".as_slice(), &signature));
        assert!(!verify_batch(&all, &batch_seed()));
    }

    #[test]
    fn a_signature_with_a_small_order_component_is_judged_alike_singly_and_in_a_batch() {
        // A signer that hides a point of order 8 in its nonce: R' = [r]B + T. The
        // cofactorless check refuses it, the cofactored equation accepts it; what matters
        // is that the import (batch) and `ikp check` (single) agree.
        let key = SigningKey::from_bytes(&[9; 32]);
        let a = key.to_scalar();
        let public = key.verifying_key().to_bytes();
        let message = b"crafted".as_slice();
        let r = Scalar::from_bytes_mod_order([42; 32]);
        let big_r = (EdwardsPoint::mul_base(&r) + curve25519_dalek::constants::EIGHT_TORSION[1]).compress();
        let mut hasher = Sha512::new();
        hasher.update(big_r.as_bytes());
        hasher.update(public);
        hasher.update(message);
        let k = Scalar::from_bytes_mod_order_wide(&hasher.finalize().into());
        let s = r + k * a;
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(big_r.as_bytes());
        signature[32..].copy_from_slice(s.as_bytes());

        let dalek = key.verifying_key().verify_strict(message, &ed25519_dalek::Signature::from_bytes(&signature));
        assert!(dalek.is_err(), "the cofactorless check refuses it");
        let (keys, messages, signatures) = signed(1, 4);
        let mut all = items(&keys, &messages, &signatures);
        all.push((&public, message, &signature));
        assert_eq!(verify(&public, message, &signature), verify_batch(&all, &batch_seed()));
    }
}
