//! What happens when the app itself fails. The shipped app aborts on a panic (the release
//! profile in Cargo.toml): what went wrong and where is written to the log first, which
//! "Simpan diagnostik" carries to the IT officer. A Windows app has no console to print
//! it to.

/// Logs every panic before the previous hook prints it (and, in release, the process
/// aborts).
pub fn log_faults() {
    let print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("IKP Desk stopped on a fault: {info}");
        log::logger().flush();
        print(info);
    }));
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    static HEARD: Mutex<Vec<String>> = Mutex::new(Vec::new());

    struct Heard;

    impl log::Log for Heard {
        fn enabled(&self, _: &log::Metadata) -> bool {
            true
        }
        fn log(&self, record: &log::Record) {
            HEARD.lock().unwrap().push(format!("{} {}", record.level(), record.args()));
        }
        fn flush(&self) {}
    }

    #[test]
    fn a_panic_is_logged_with_its_place() {
        log::set_logger(&Heard).unwrap();
        log::set_max_level(log::LevelFilter::Info);
        super::log_faults();
        // Tests unwind: the panic is caught here, after the hook ran.
        let caught = std::panic::catch_unwind(|| panic!("a rule broken on purpose"));
        let _ = std::panic::take_hook();
        assert!(caught.is_err());
        let heard = HEARD.lock().unwrap();
        let line = heard.iter().find(|line| line.contains("a rule broken on purpose")).expect("the panic was logged");
        assert!(line.starts_with("ERROR IKP Desk stopped on a fault:"), "{line}");
        assert!(line.contains("src/faults.rs"), "the place is named: {line}");
    }
}
