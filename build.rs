//! Generates the pinyin table that customer search uses (`src/domain/pinyin.rs`).
//!
//! The `pinyin` crate knows every CJK character but weighs megabytes; the app only needs the
//! toneless reading of the characters that appear in names. So at build time we keep the 6,763
//! characters of GB2312 (what Chinese input methods and most customer lists are limited to) plus a
//! short list of popular name characters outside it, and write:
//!
//! - `pinyin_syllables.txt`: the syllables, most frequent first, separated by spaces (`ü` as `v`,
//!   as input methods type it);
//! - `pinyin_chars.bin`: a bitmap over U+4E00..=U+9FA5 marking the characters kept, then one byte
//!   per kept character, in code point order: its first reading's syllable number, or 255 followed
//!   by (number − 255) for the rare syllables. About 9 KB once gzipped.
//!
//! Other readings of polyphonic characters (surnames such as 单 Shan, 曾 Zeng) are a hand-made
//! list in `src/domain/pinyin.rs`: the crate lists many archaic readings that would only make
//! search noisier.

use pinyin::ToPinyin;
use std::collections::HashMap;
use std::path::PathBuf;

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FA5;

/// Characters popular in given names that GB2312 (1980) lacks.
const NAME_CHARS_OUTSIDE_GB2312: &str = "喆堃玥珺昇彧瑄妤翀祎铖赟韡琇璟旻昀暄珩钰镕烨熠炜焱垚湉沅汐芃苡菡蓁槿桢樾宸骞骁骅珂璇婧姝嫣钧锴霏雯睿翊翎羿玮琨琛瑛颢晞曦旸昊晔炅烜泓澄滢瀚濛筠箐笙懿恺忻";

fn in_gb2312(c: char) -> bool {
    let text = c.to_string();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    // GB2312's hanzi are GBK's rows 0xB0–0xF7 with trail bytes 0xA1–0xFE.
    !unmappable && bytes.len() == 2 && (0xB0..=0xF7).contains(&bytes[0]) && (0xA1..=0xFE).contains(&bytes[1])
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let extra: Vec<char> = NAME_CHARS_OUTSIDE_GB2312.chars().collect();

    let mut kept: Vec<(u32, String)> = Vec::new();
    for code in FIRST..=LAST {
        let Some(c) = char::from_u32(code) else { continue };
        if !(in_gb2312(c) || extra.contains(&c)) {
            continue;
        }
        let Some(reading) = c.to_pinyin() else { continue };
        kept.push((code, reading.plain().replace('ü', "v")));
    }

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, syllable) in &kept {
        *counts.entry(syllable.as_str()).or_default() += 1;
    }
    let mut syllables: Vec<&str> = counts.keys().copied().collect();
    syllables.sort_by(|a, b| counts[b].cmp(&counts[a]).then(a.cmp(b)));
    let number: HashMap<&str, usize> = syllables.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    assert!(syllables.len() < 255 + 256, "syllable numbers must fit the escape scheme");

    let span = (LAST - FIRST + 1) as usize;
    let mut bytes = vec![0u8; span.div_ceil(8)];
    for (code, _) in &kept {
        let i = (code - FIRST) as usize;
        bytes[i / 8] |= 1 << (i % 8);
    }
    for (_, syllable) in &kept {
        let n = number[syllable.as_str()];
        if n < 255 {
            bytes.push(n as u8);
        } else {
            bytes.push(255);
            bytes.push((n - 255) as u8);
        }
    }

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("pinyin_syllables.txt"), syllables.join(" ")).expect("write syllables");
    std::fs::write(out.join("pinyin_chars.bin"), bytes).expect("write table");
}
