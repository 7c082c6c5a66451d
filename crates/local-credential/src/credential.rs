use std::io;
use std::ptr;

use windows_sys::Win32::Foundation::{GetLastError, ERROR_NOT_FOUND, FILETIME};
use windows_sys::Win32::Security::Credentials::{
    CredDeleteW, CredFree, CredReadW, CredWriteW, CREDENTIALW, CRED_PERSIST, CRED_PERSIST_ENTERPRISE,
    CRED_PERSIST_LOCAL_MACHINE, CRED_PERSIST_SESSION, CRED_TYPE_GENERIC,
};

/// How far an entry travels, as Credential Manager recorded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Gone at logoff.
    Session,
    /// This computer only.
    LocalMachine,
    /// Carried by a roaming profile to other computers.
    Enterprise,
    Other(u32),
}

impl Persistence {
    fn from_raw(raw: CRED_PERSIST) -> Persistence {
        match raw {
            CRED_PERSIST_SESSION => Persistence::Session,
            CRED_PERSIST_LOCAL_MACHINE => Persistence::LocalMachine,
            CRED_PERSIST_ENTERPRISE => Persistence::Enterprise,
            other => Persistence::Other(other),
        }
    }
}

/// Keeps `secret` under `target`, on this computer only (replacing what was there).
pub fn write(target: &str, secret: &[u8]) -> io::Result<()> {
    write_persisted(target, secret, CRED_PERSIST_LOCAL_MACHINE)
}

/// The secret under `target`, as `read`; an entry kept to roam (as the `keyring` crate
/// writes them) is written again to stay on this computer before it is returned.
pub fn read_keeping_local(target: &str) -> io::Result<Option<Vec<u8>>> {
    let Some(secret) = read(target)? else { return Ok(None) };
    if persistence(target)? != Some(Persistence::LocalMachine) {
        write(target, &secret)?;
    }
    Ok(Some(secret))
}

fn write_persisted(target: &str, secret: &[u8], persist: CRED_PERSIST) -> io::Result<()> {
    let mut target_name = wide(target);
    let mut blob = secret.to_vec();
    let credential = CREDENTIALW {
        Flags: 0,
        Type: CRED_TYPE_GENERIC,
        TargetName: target_name.as_mut_ptr(),
        Comment: ptr::null_mut(),
        LastWritten: FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 },
        CredentialBlobSize: u32::try_from(blob.len()).map_err(|_| io::Error::other("secret too large"))?,
        CredentialBlob: blob.as_mut_ptr(),
        Persist: persist,
        AttributeCount: 0,
        Attributes: ptr::null_mut(),
        TargetAlias: ptr::null_mut(),
        UserName: ptr::null_mut(),
    };
    // SAFETY: every pointer in `credential` points into a buffer alive for this call.
    let written = unsafe { CredWriteW(&credential, 0) };
    blob.fill(0);
    if written == 0 {
        return Err(last_error());
    }
    Ok(())
}

/// The secret under `target`; `None` when there is no such entry.
pub fn read(target: &str) -> io::Result<Option<Vec<u8>>> {
    with_entry(target, |entry| {
        if entry.CredentialBlobSize == 0 {
            return Vec::new();
        }
        // SAFETY: Credential Manager hands back `CredentialBlobSize` bytes at `CredentialBlob`.
        unsafe { std::slice::from_raw_parts(entry.CredentialBlob, entry.CredentialBlobSize as usize) }.to_vec()
    })
}

/// How far the entry under `target` travels; `None` when there is no such entry.
pub fn persistence(target: &str) -> io::Result<Option<Persistence>> {
    with_entry(target, |entry| Persistence::from_raw(entry.Persist))
}

/// Removes the entry under `target`; no entry is not an error.
pub fn delete(target: &str) -> io::Result<()> {
    let target_name = wide(target);
    // SAFETY: `target_name` is a NUL-terminated UTF-16 string alive for this call.
    if unsafe { CredDeleteW(target_name.as_ptr(), CRED_TYPE_GENERIC, 0) } == 0 {
        let err = last_error();
        if err.raw_os_error() != Some(ERROR_NOT_FOUND as i32) {
            return Err(err);
        }
    }
    Ok(())
}

fn with_entry<T>(target: &str, look: impl FnOnce(&CREDENTIALW) -> T) -> io::Result<Option<T>> {
    let target_name = wide(target);
    let mut entry: *mut CREDENTIALW = ptr::null_mut();
    // SAFETY: on success Credential Manager allocates the entry, freed below with CredFree.
    if unsafe { CredReadW(target_name.as_ptr(), CRED_TYPE_GENERIC, 0, &mut entry) } == 0 {
        let err = last_error();
        if err.raw_os_error() == Some(ERROR_NOT_FOUND as i32) {
            return Ok(None);
        }
        return Err(err);
    }
    // SAFETY: CredReadW succeeded, so `entry` points at a valid credential until CredFree.
    let seen = look(unsafe { &*entry });
    unsafe {
        let blob = (*entry).CredentialBlob;
        if !blob.is_null() {
            ptr::write_bytes(blob, 0, (*entry).CredentialBlobSize as usize);
        }
        CredFree(entry.cast());
    }
    Ok(Some(seen))
}

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

fn last_error() -> io::Error {
    // SAFETY: reads the calling thread's last-error value; no preconditions.
    io::Error::from_raw_os_error(unsafe { GetLastError() } as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(test: &str) -> String {
        format!("local-credential-test-{test}-{}", std::process::id())
    }

    #[test]
    fn a_written_secret_reads_back_and_stays_on_this_computer() {
        let target = target("write");
        let secret: Vec<u8> = (0u8..32).collect();
        write(&target, &secret).unwrap();
        assert_eq!(read(&target).unwrap(), Some(secret));
        assert_eq!(persistence(&target).unwrap(), Some(Persistence::LocalMachine));
        delete(&target).unwrap();
        assert_eq!(read(&target).unwrap(), None);
    }

    #[test]
    fn writing_again_replaces_the_secret_and_keeps_it_local() {
        let target = target("again");
        write(&target, b"first").unwrap();
        write(&target, b"second secret").unwrap();
        assert_eq!(read(&target).unwrap().as_deref(), Some(&b"second secret"[..]));
        assert_eq!(persistence(&target).unwrap(), Some(Persistence::LocalMachine));
        delete(&target).unwrap();
    }

    #[test]
    fn a_roaming_entry_is_made_local_when_read() {
        let target = target("roaming");
        write_persisted(&target, b"kept by keyring", CRED_PERSIST_ENTERPRISE).unwrap();
        assert_eq!(persistence(&target).unwrap(), Some(Persistence::Enterprise));
        assert_eq!(read_keeping_local(&target).unwrap().as_deref(), Some(&b"kept by keyring"[..]));
        assert_eq!(persistence(&target).unwrap(), Some(Persistence::LocalMachine));
        assert_eq!(read(&target).unwrap().as_deref(), Some(&b"kept by keyring"[..]));
        delete(&target).unwrap();
        assert_eq!(read_keeping_local(&target).unwrap(), None);
    }

    #[test]
    fn a_missing_entry_is_none_and_deleting_it_is_no_error() {
        let target = target("missing");
        assert_eq!(read(&target).unwrap(), None);
        assert_eq!(persistence(&target).unwrap(), None);
        delete(&target).unwrap();
    }

    #[test]
    fn names_beyond_ascii_are_kept_apart() {
        let first = target("kunci-Désa");
        let second = target("kunci-Desa");
        write(&first, b"one").unwrap();
        write(&second, b"two").unwrap();
        assert_eq!(read(&first).unwrap().as_deref(), Some(&b"one"[..]));
        assert_eq!(read(&second).unwrap().as_deref(), Some(&b"two"[..]));
        delete(&first).unwrap();
        delete(&second).unwrap();
    }
}
