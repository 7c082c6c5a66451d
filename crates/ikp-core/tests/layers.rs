//! The core's layering, read from its source: the domains import one another only in one
//! direction (no cycle), and none reaches up into what sits above them.
//!
//! A domain's `api.rs` is left out: it holds that domain's `Desk` handle, which sits above
//! the domains and composes them (an instruction's detail with the negotiation domain's
//! answer to "which targets may I ask to change").
//!
//! Run alone: `cargo test -p ikp-core --test layers`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The domains: what the regency keeps (its instructions, budgets, complaints…).
const DOMAINS: &[&str] = &[
    "agency",
    "budget",
    "claim",
    "complaint",
    "device",
    "evidence",
    "instruction",
    "letterhead",
    "meeting",
    "minutes",
    "negotiation",
    "officials",
    "regency",
    "settings",
    "succession",
    "workdays",
];

/// What sits above the domains and composes them; no domain may import these.
const ABOVE: &[&str] = &[
    "about",
    "backup",
    "brief",
    "check",
    "data_folder",
    "demo",
    "desk",
    "projection",
    "reactions",
    "reminders",
    "report",
    "replay",
    "root_key",
    "share",
    "sync",
    "table_export",
];

/// Below the domains (the log's modules re-exported, shared values and rules) or the
/// registry every domain declares itself into (`kinds`, `record`, `error`).
const BELOW: &[&str] = &[
    "clock",
    "error",
    "event",
    "identity",
    "key_store",
    "kinds",
    "local_state",
    "log",
    "money",
    "period",
    "policy",
    "principal",
    "quantity",
    "record",
    "signature",
    "store",
    "tabular",
    "column_map",
    "terms",
    "text_size",
    "use_case",
    "viewable",
    "xlsx",
];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn files(dir: &Path, top: Option<&str>, out: &mut Vec<(String, PathBuf)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let module = top.map_or(name.clone(), str::to_owned);
        if path.is_dir() {
            files(&path, Some(&module), out);
        } else if path.extension().is_some_and(|ext| ext == "rs") && name != "lib" {
            out.push((module, path));
        }
    }
}

/// The top-level modules a file names through `crate::`, its tests aside.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::X, b, c::{Y, Z}}`: the first segment of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (offset, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_lowercase() || c == '_') => {
                        item_start = false;
                        found.insert(identifier(&group[offset..]));
                    }
                    c if item_start && !c.is_whitespace() => item_start = false,
                    _ => {}
                }
            }
        } else {
            found.insert(identifier(rest));
        }
    }
    found
}

fn identifier(text: &str) -> String {
    text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// Domain → (domain it imports → the files that do).
fn domain_graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut all = Vec::new();
    files(&source_dir(), None, &mut all);
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, path) in all {
        if !DOMAINS.contains(&module.as_str()) || path.file_name().is_some_and(|name| name == "api.rs") {
            continue;
        }
        let relative = path.strip_prefix(source_dir()).unwrap().display().to_string();
        for target in imports(&fs::read_to_string(&path).unwrap()) {
            if target != module {
                graph.entry(module.clone()).or_default().entry(target).or_default().insert(relative.clone());
            }
        }
    }
    graph
}

#[test]
fn every_module_of_the_core_has_its_layer() {
    let mut all = Vec::new();
    files(&source_dir(), None, &mut all);
    let unplaced: BTreeSet<String> = all
        .into_iter()
        .map(|(module, _)| module)
        .filter(|module| ![DOMAINS, ABOVE, BELOW].iter().any(|layer| layer.contains(&module.as_str())))
        .collect();
    assert!(unplaced.is_empty(), "place these modules in a layer of tests/layers.rs: {unplaced:?}");
}

#[test]
fn no_domain_reaches_above_the_domains() {
    let upward: Vec<String> = domain_graph()
        .into_iter()
        .flat_map(|(domain, targets)| {
            targets
                .into_iter()
                .filter(|(target, _)| ABOVE.contains(&target.as_str()))
                .map(move |(target, files)| format!("{domain} → {target} ({files:?})"))
        })
        .collect();
    assert!(upward.is_empty(), "domains import what composes them: {upward:#?}");
}

#[test]
fn the_domains_import_one_another_without_a_cycle() {
    let graph = domain_graph();
    let edges: BTreeMap<&str, Vec<&str>> = graph
        .iter()
        .map(|(domain, targets)| {
            let domains = targets.keys().map(String::as_str).filter(|target| DOMAINS.contains(target)).collect();
            (domain.as_str(), domains)
        })
        .collect();
    if let Some(cycle) = find_cycle(&edges) {
        let described: Vec<String> = cycle
            .windows(2)
            .map(|pair| format!("{} → {} in {:?}", pair[0], pair[1], graph[pair[0]][pair[1]]))
            .collect();
        panic!("the domains import one another in a circle:\n{}", described.join("\n"));
    }
}

/// A cycle as the list of its modules, the first repeated at the end.
fn find_cycle<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(start) = path.iter().position(|on_path| *on_path == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node);
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|start| visit(start, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_reader_finds_grouped_and_plain_imports() {
    let text = "use crate::{budget::x, instruction::{a, b}, kinds};\nlet _ = crate::settings::get();\n#[cfg(test)]\nuse crate::demo;";
    let expected: BTreeSet<String> = ["budget", "instruction", "kinds", "settings"].map(str::to_owned).into();
    assert_eq!(imports(text), expected);
}

#[test]
fn a_cycle_is_found_and_named() {
    let edges: BTreeMap<&str, Vec<&str>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"])].into_iter().collect();
    assert_eq!(find_cycle(&edges), Some(vec!["a", "b", "c", "a"]));
    let acyclic: BTreeMap<&str, Vec<&str>> = [("a", vec!["b"]), ("b", vec!["c"])].into_iter().collect();
    assert_eq!(find_cycle(&acyclic), None);
}
