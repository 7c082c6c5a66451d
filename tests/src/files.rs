//! Looking at folders the app or the core wrote into.

use std::path::Path;

/// The names of the files in `folder`, sorted.
pub fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Each workbook as LibreOffice Calc reads it, converted to CSV in one run: comma-separated,
/// UTF-8, the cells' values rather than their shown text (so a number in the workbook is
/// a number here). `sheet` picks a sheet by its position (1 = the first).
pub fn workbooks_as_csv(workbooks: &[&Path], sheet: u32) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("lo-profile").display());
    // Tokens: separator, quote, UTF-8, first line, …, token 9 (false: values, not shown
    // text), token 12 the sheet.
    let filter = format!("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}");
    let converted = std::process::Command::new("libreoffice")
        .args([profile.as_str(), "--headless", "--convert-to", &filter, "--outdir"])
        .arg(out.path())
        .args(workbooks)
        .output()
        .expect("libreoffice (scripts/lib/deps.sh installs it)");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    let said = String::from_utf8_lossy(&converted.stdout).into_owned();
    workbooks
        .iter()
        .map(|workbook| {
            let stem = workbook.file_stem().unwrap().to_string_lossy().into_owned();
            // A sheet chosen by position is written as "<name>-<sheet name>.csv".
            names_in(out.path())
                .into_iter()
                .find(|name| {
                    name.ends_with(".csv") && (name == &format!("{stem}.csv") || name.starts_with(&format!("{stem}-")))
                })
                .map(|name| std::fs::read_to_string(out.path().join(name)).unwrap())
                .unwrap_or_else(|| panic!("no CSV of {}; libreoffice said {said}", workbook.display()))
        })
        .collect()
}
