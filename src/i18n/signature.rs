//! Strings of the signature pad (on-site visits) and of a stored signature shown again.

pub struct SignatureTexts {
    /// The drawing area's accessible name.
    pub pad_label: &'static str,
    /// Shown in the empty pad.
    pub sign_here: &'static str,
    pub undo: &'static str,
    pub clear: &'static str,
    pub strokes: fn(usize) -> String,
    pub empty: &'static str,
    pub view_label: &'static str,
}

pub const SIGNATURE_ZH: SignatureTexts = SignatureTexts {
    pad_label: "客户签名区：用手指、触控笔或鼠标在框内签名",
    sign_here: "请客户在此签名",
    undo: "撤销上一笔",
    clear: "清除重签",
    strokes: |n| format!("已签 {n} 笔"),
    empty: "还没有签名",
    view_label: "客户签名",
};

pub const SIGNATURE_EN: SignatureTexts = SignatureTexts {
    pad_label: "Signature area: sign inside the box with a finger, pen or mouse",
    sign_here: "Customer signs here",
    undo: "Undo last stroke",
    clear: "Clear",
    strokes: |n| if n == 1 { "1 stroke".into() } else { format!("{n} strokes") },
    empty: "Not signed yet",
    view_label: "Customer's signature",
};
