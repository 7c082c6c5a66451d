//! One entry of the system's key store, named by service and entry: the macOS Keychain
//! and the Secret Service through `keyring`; Windows Credential Manager through
//! `local-credential`, so the entry stays on this computer.

pub struct Entry {
    service: String,
    name: String,
}

impl Entry {
    pub fn new(service: &str, name: &str) -> Entry {
        Entry { service: service.to_owned(), name: name.to_owned() }
    }

    /// The entry a marker names (its first two lines), if the marker is whole.
    pub fn of_marker(text: &str) -> Option<Entry> {
        let mut lines = text.lines();
        Some(Entry::new(lines.next()?, lines.next()?))
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(not(windows))]
impl Entry {
    pub fn secret(&self) -> Result<Vec<u8>, String> {
        self.keyring()?.get_secret().map_err(|err| err.to_string())
    }

    pub fn keep(&self, secret: &[u8]) -> Result<(), String> {
        self.keyring()?.set_secret(secret).map_err(|err| err.to_string())
    }

    pub fn forget(&self) -> Result<(), String> {
        self.keyring()?.delete_credential().map_err(|err| err.to_string())
    }

    fn keyring(&self) -> Result<keyring::Entry, String> {
        keyring::Entry::new(&self.service, &self.name).map_err(|err| err.to_string())
    }
}

#[cfg(windows)]
impl Entry {
    /// An entry an earlier build left roaming is made local as it is read.
    pub fn secret(&self) -> Result<Vec<u8>, String> {
        match local_credential::read_keeping_local(&self.target()) {
            Ok(Some(secret)) => Ok(secret),
            Ok(None) => Err("no such entry in Windows Credential Manager".into()),
            Err(err) => Err(err.to_string()),
        }
    }

    pub fn keep(&self, secret: &[u8]) -> Result<(), String> {
        local_credential::write(&self.target(), secret).map_err(|err| err.to_string())
    }

    pub fn forget(&self) -> Result<(), String> {
        local_credential::delete(&self.target()).map_err(|err| err.to_string())
    }

    /// How far the entry travels (the tests check it stays on this computer).
    pub fn persistence(&self) -> Result<Option<local_credential::Persistence>, String> {
        local_credential::persistence(&self.target()).map_err(|err| err.to_string())
    }

    /// The target `keyring` gave the same entry, so markers written before still resolve.
    fn target(&self) -> String {
        format!("{}.{}", self.name, self.service)
    }
}
