//! The follow-up practice (see `DOMAIN.md`): plain data and pure functions. No signals, no
//! `web_sys`; everything here is tested with `cargo test` on the host.

pub mod agenda;
pub mod backup;
pub mod csv_import;
pub mod customer;
pub mod customer_form;
pub mod dataset;
pub mod date;
pub mod demo;
pub mod exchange;
pub mod fast_hash;
pub mod generate;
pub mod id;
pub mod lang;
pub mod lunar;
pub mod measures;
pub mod money;
pub mod order;
pub mod pinyin;
pub mod plan;
pub mod record;
pub mod rng;
pub mod scenario;
pub mod schedule;
pub mod scripts;
pub mod search;
pub mod settings;
pub mod tagged;
pub mod tier;
pub mod tier_calibration;
pub mod tier_form;
pub mod tiering;
pub mod timeline;
pub mod visit;
pub mod wire;

pub use customer::{Customer, Id};
pub use dataset::Dataset;
pub use money::Money;
pub use scenario::Scenario;
pub use settings::Settings;
pub use tier::Tier;

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The domain is given its words (DEVELOPERS.md "Layers"): `i18n` depends on it, so outside
    /// its tests it names nothing there. Comments may still point the reader at the catalogue.
    #[test]
    fn the_domain_reads_no_words_from_the_catalogue() {
        let mut files = Vec::new();
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"), &mut files);
        assert!(files.len() > 20, "{files:?}");
        for file in files.iter().filter(|f| !f.file_stem().unwrap().to_string_lossy().ends_with("tests")) {
            let text = std::fs::read_to_string(file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            // An inline test module runs to the end of the file.
            let end = lines
                .windows(2)
                .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].starts_with("mod ") && w[1].ends_with('{'))
                .unwrap_or(lines.len());
            for (n, line) in lines[..end].iter().enumerate() {
                let code = line.trim_start();
                assert!(
                    code.starts_with("//") || !code.contains("i18n"),
                    "{}:{} reads from i18n: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
