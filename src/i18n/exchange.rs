//! Strings of the Data page's export, import and review by file (`ui/data/exchange.rs`).

use crate::domain::exchange::DocKind;
use crate::domain::exchange::import::{Problem, What};
use crate::domain::exchange::merge::{Choice, Part};

pub struct ExchangeTexts {
    pub export_title: &'static str,
    pub export_hint: &'static str,
    pub export_all: &'static str,
    pub export_done: fn(&str) -> String,
    pub export_failed: &'static str,
    pub select_title: &'static str,
    pub select_hint: &'static str,
    pub select_filter: &'static str,
    pub export_selected: fn(usize) -> String,
    pub none_selected: &'static str,
    pub more_customers: fn(usize) -> String,
    pub no_customers: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub choose_file: &'static str,
    pub reading: &'static str,
    pub refused: &'static str,
    pub problem: fn(&Problem) -> String,
    pub preview_title: &'static str,
    pub file_summary: fn(&str, usize) -> String,
    pub migrated: fn(u32) -> String,
    /// Records the exporting device could not read, which a backup carries but nothing imports.
    pub quarantined_left: fn(usize) -> String,
    pub kind: fn(DocKind) -> &'static str,
    pub part: fn(Part) -> &'static str,
    pub choice: fn(Choice) -> &'static str,
    pub col_part: &'static str,
    pub col_new: &'static str,
    pub col_same: &'static str,
    pub col_conflicting: &'static str,
    pub col_choice: &'static str,
    pub theirs_newer: fn(usize) -> String,
    pub all_or_nothing: &'static str,
    pub confirm: fn(usize) -> String,
    pub nothing_to_import: &'static str,
    pub cancel: &'static str,
    pub imported: fn(usize) -> String,
    pub review_title: &'static str,
    pub review_hint: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub export_bundle: &'static str,
    pub bundle_empty: &'static str,
    pub inbox_title: &'static str,
    pub inbox_empty: &'static str,
    pub approve: &'static str,
    pub send_back: &'static str,
    pub comment: &'static str,
    pub comment_needed: &'static str,
    pub reviewed: &'static str,
    pub export_verdicts: &'static str,
    pub verdicts_empty: &'static str,
    pub verdicts_title: &'static str,
    pub verdicts_none: &'static str,
    pub unknown_customer: &'static str,
}

fn collection_zh(name: &str) -> &str {
    match name {
        "customers" => "客户",
        "visits" => "回访记录",
        "feedback" => "反馈事项",
        "signatures" => "签名",
        "campaigns" => "活动",
        "agenda_marks" => "日程标记",
        "scripts" => "话术",
        "reviews" => "审核结果",
        "settings" => "设置",
        other => other,
    }
}

fn collection_en(name: &str) -> &str {
    match name {
        "agenda_marks" => "agenda marks",
        "reviews" => "verdicts",
        other => other,
    }
}

/// serde's reason (English, technical) sorted into what a user can act on; the reason itself
/// follows in brackets for whoever fixes the file.
fn detail_kind(detail: &str) -> usize {
    if detail.contains("invalid type") {
        0
    } else if detail.contains("unknown variant") {
        1
    } else if ["out of range", "premature end", "invalid characters", "trailing input", "invalid value"]
        .iter()
        .any(|k| detail.contains(k))
    {
        2
    } else {
        3
    }
}

fn problem_zh(p: &Problem) -> String {
    let what = match &p.what {
        What::TooLarge { bytes, max } => {
            return format!("文件太大（{} MB），最大只能导入 {} MB。", bytes / 1_048_576, max / 1_048_576);
        }
        What::Empty => return "文件是空的。".into(),
        What::NotText => return "这不是文本文件（不是 UTF-8 编码的 JSON）。".into(),
        What::BadJson { line, column } => {
            return format!("文件不是有效的 JSON：第 {line} 行第 {column} 列有错。");
        }
        What::Truncated { line, column } => {
            return format!("文件不完整，在第 {line} 行第 {column} 列突然结束（可能没有下载或复制完）。");
        }
        What::NotHuifang => return "这不是回访导出的文件。".into(),
        What::NoVersion => return "文件没有注明格式版本，无法判断如何读取。".into(),
        What::BadVersion { value } => {
            return format!(
                "文件的格式版本“{value}”不对：应当是 1 到 {} 之间的整数。",
                crate::domain::exchange::SCHEMA_VERSION
            );
        }
        What::TooNew { version } => {
            return format!(
                "这个文件来自更新版本的回访（格式版本 {version}，本应用为 {}）。请先把回访更新到最新版本再导入。",
                crate::domain::exchange::SCHEMA_VERSION
            );
        }
        What::Malformed { path } => return format!("旧版文件无法转换：{path} 的内容不对。"),
        What::UnknownKind(kind) => format!("文件类型“{kind}”不认识"),
        What::NotAList => "应当是一个列表".into(),
        What::NotAnObject => "应当是一条记录（对象）".into(),
        What::UnknownField => "是格式中没有的字段".into(),
        // The library's own words are English ("expected i64"): the kind of mistake is said in
        // Chinese instead, and the field is named below.
        What::WrongValue { detail } => {
            let kind = ["类型不对", "不是可选的值之一", "不是有效的日期或数值", "不对"][detail_kind(detail)];
            format!("的值{kind}")
        }
        What::MissingId => "缺少编号".into(),
        What::DuplicateId => "编号与同一文件中的另一条重复".into(),
        What::DateOutOfRange { value } => format!("的日期 {value} 超出了 1900–2200 年的范围"),
        What::OutOfRange { value } => format!("的值 {value} 超出了允许的范围"),
        What::TextLength { chars: 0, .. } => "不能为空".into(),
        What::TextLength { chars, max } => format!("有 {chars} 个字，最多 {max} 个字"),
        What::UnknownCustomer { id } => format!("指向的客户 {id} 既不在文件里也不在本机"),
        What::UnknownVisit { id } => format!("指向的回访记录 {id} 既不在文件里也不在本机"),
    };
    let field = if p.field.is_empty() { String::new() } else { format!("字段 {} ", p.field) };
    match &p.place {
        None => format!("文件的{field}{what}。"),
        Some(place) if place.collection.is_empty() => format!("文件的{field}{what}。"),
        Some(place) if place.number == 0 => {
            format!("“{}”{what}。", collection_zh(&place.collection))
        }
        Some(place) => {
            let mut who = format!("{}第 {} 条", collection_zh(&place.collection), place.number);
            match (place.id.is_empty(), place.name.is_empty()) {
                (false, false) => who.push_str(&format!("（{}，编号 {}）", place.name, place.id)),
                (false, true) => who.push_str(&format!("（编号 {}）", place.id)),
                (true, false) => who.push_str(&format!("（{}）", place.name)),
                (true, true) => {}
            }
            format!("{who}的{field}{what}。")
        }
    }
}

fn problem_en(p: &Problem) -> String {
    let what = match &p.what {
        What::TooLarge { bytes, max } => {
            return format!(
                "The file is too large ({} MB); at most {} MB can be imported.",
                bytes / 1_048_576,
                max / 1_048_576
            );
        }
        What::Empty => return "The file is empty.".into(),
        What::NotText => return "This is not a text file (not JSON in UTF-8).".into(),
        What::BadJson { line, column } => {
            return format!("The file is not valid JSON: error at line {line}, column {column}.");
        }
        What::Truncated { line, column } => {
            return format!(
                "The file is incomplete: it stops at line {line}, column {column} (perhaps it was not fully downloaded or copied)."
            );
        }
        What::NotHuifang => return "This is not a file exported by Huifang.".into(),
        What::NoVersion => {
            return "The file does not say which format version it uses, so it cannot be read.".into();
        }
        What::BadVersion { value } => {
            return format!(
                "The file's format version “{value}” is not valid: it should be a whole number from 1 to {}.",
                crate::domain::exchange::SCHEMA_VERSION
            );
        }
        What::TooNew { version } => {
            return format!(
                "This file comes from a newer Huifang (format version {version}; this app reads up to {}). Update Huifang, then import it again.",
                crate::domain::exchange::SCHEMA_VERSION
            );
        }
        What::Malformed { path } => {
            return format!("This older file cannot be converted: {path} is not right.");
        }
        What::UnknownKind(kind) => format!("is an unknown file kind \"{kind}\""),
        What::NotAList => "should be a list".into(),
        What::NotAnObject => "should be a record (an object)".into(),
        What::UnknownField => "is not a field of the format".into(),
        What::WrongValue { detail } => {
            let kind = ["of the wrong type", "not one of the allowed values", "not a valid date or number", "wrong"]
                [detail_kind(detail)];
            format!("has a value that is {kind} ({detail})")
        }
        What::MissingId => "has no id".into(),
        What::DuplicateId => "has the same id as another record in the file".into(),
        What::DateOutOfRange { value } => {
            format!("has the date {value}, outside the years 1900–2200")
        }
        What::OutOfRange { value } => format!("has the value {value}, outside the allowed range"),
        What::TextLength { chars: 0, .. } => "is empty".into(),
        What::TextLength { chars, max } => format!("is {chars} characters long; at most {max} are allowed"),
        What::UnknownCustomer { id } => {
            format!("points to customer {id}, who is neither in the file nor here")
        }
        What::UnknownVisit { id } => {
            format!("points to visit record {id}, which is neither in the file nor here")
        }
    };
    let field = if p.field.is_empty() { String::new() } else { format!("field {} ", p.field) };
    match &p.place {
        None => format!("The file's {field}{what}."),
        Some(place) if place.collection.is_empty() => format!("The file's {field}{what}."),
        Some(place) if place.number == 0 => {
            format!("The {} {what}.", collection_en(&place.collection))
        }
        Some(place) => {
            let collection = collection_en(&place.collection);
            let mut who = format!("{collection} no. {}", place.number);
            match (place.id.is_empty(), place.name.is_empty()) {
                (false, false) => who.push_str(&format!(" ({}, id {})", place.name, place.id)),
                (false, true) => who.push_str(&format!(" (id {})", place.id)),
                (true, false) => who.push_str(&format!(" ({})", place.name)),
                (true, true) => {}
            }
            let mut first = who.chars();
            let who: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
            if field.is_empty() { format!("{who} {what}.") } else { format!("{who}, {field}{what}.") }
        }
    }
}

pub const EXCHANGE_ZH: ExchangeTexts = ExchangeTexts {
    export_title: "导出备份",
    export_hint: "导出的 JSON 文件包含全部客户、回访记录、反馈事项、签名、话术和设置，可以用来备份，或在另一台设备上导入。",
    export_all: "导出全部数据",
    export_done: |name| format!("已导出 {name}"),
    export_failed: "这个浏览器没有开始下载，文件没有导出。",
    select_title: "导出选定的客户",
    select_hint: "连同他们的全部回访记录、反馈事项、签名和日程标记一起导出，交给同事导入。",
    select_filter: "按姓名或电话筛选",
    export_selected: |n| format!("导出选中的 {n} 位客户"),
    none_selected: "请至少选择一位客户。",
    more_customers: |n| format!("还有 {n} 位没有列出，请输入姓名或电话筛选。"),
    no_customers: "还没有客户。",
    import_title: "从文件导入",
    import_hint: "选择回访导出的 JSON 文件。导入前会先显示预览；确认后一次写入：要么全部保存，要么一条也不保存。",
    choose_file: "选择 JSON 文件",
    reading: "正在读取文件…",
    refused: "无法导入这个文件，本机数据没有任何改动：",
    problem: problem_zh,
    preview_title: "导入预览",
    file_summary: |kind, n| format!("{kind}，共 {n} 条记录。还没有写入任何内容。"),
    migrated: |v| format!("这是旧版格式（版本 {v}）的文件，已按当前格式读取。"),
    quarantined_left: |n| {
        format!("文件里另有 {n} 条导出它的设备无法读取的记录，不会导入；它们仍原样留在文件里，可交给技术支持。")
    },
    kind: |k| match k {
        DocKind::Backup => "完整备份",
        DocKind::Customers => "选定客户及其历史",
        DocKind::Review => "待审核的回访记录",
        DocKind::Verdicts => "主管的审核结果",
    },
    part: |p| match p {
        Part::Settings => "设置",
        Part::Customers => "客户",
        Part::Visits => "回访记录",
        Part::Feedback => "反馈事项",
        Part::Signatures => "签名",
        Part::Campaigns => "活动",
        Part::AgendaMarks => "日程标记",
        Part::Scripts => "话术",
        Part::Reviews => "审核结果",
    },
    choice: |c| match c {
        Choice::KeepMine => "保留本机的",
        Choice::TakeTheirs => "采用文件的",
        Choice::KeepNewer => "保留较新的",
    },
    col_part: "类别",
    col_new: "新增",
    col_same: "相同",
    col_conflicting: "冲突",
    col_choice: "冲突时",
    theirs_newer: |n| format!("其中 {n} 条文件里的较新"),
    all_or_nothing: "冲突指同一条记录在两边都改过。确认后一次写入；中途出错则什么都不改。",
    confirm: |n| format!("确认导入（写入 {n} 条）"),
    nothing_to_import: "文件里的内容本机都已有，或按你的选择都保留本机的，没有要写入的。",
    cancel: "取消",
    imported: |n| format!("已导入，写入了 {n} 条记录。"),
    review_title: "按文件审核",
    review_hint: "坐席导出一段时间的回访记录交给主管；主管在自己的回访里导入，逐条通过或退回并写评语，再导出审核结果；坐席导入结果后，每条记录上都能看到审核意见。",
    period_from: "从",
    period_to: "到",
    export_bundle: "导出待审核的记录",
    bundle_empty: "这段时间没有回访记录。",
    inbox_title: "待审核的记录",
    inbox_empty: "没有待审核的记录。导入坐席的待审核文件后，记录会列在这里。",
    approve: "通过",
    send_back: "退回",
    comment: "评语",
    comment_needed: "退回时请写明原因。",
    reviewed: "已保存审核意见。",
    export_verdicts: "导出这段时间的审核结果",
    verdicts_empty: "这段时间还没有审核结果。",
    verdicts_title: "已审核的记录",
    verdicts_none: "还没有审核结果。",
    unknown_customer: "（未知客户）",
};

pub const EXCHANGE_EN: ExchangeTexts = ExchangeTexts {
    export_title: "Export a backup",
    export_hint: "The JSON file holds every customer, visit record, feedback item, signature, script and setting: keep it as a backup, or import it on another device.",
    export_all: "Export everything",
    export_done: |name| format!("Exported {name}"),
    export_failed: "The browser did not start the download; nothing was exported.",
    select_title: "Export chosen customers",
    select_hint: "With all their visit records, feedback items, signatures and agenda marks, for a colleague to import.",
    select_filter: "Filter by name or phone",
    export_selected: |n| format!("Export {n} chosen customer{}", if n == 1 { "" } else { "s" }),
    none_selected: "Choose at least one customer.",
    more_customers: |n| format!("{n} more not listed: type a name or phone to filter."),
    no_customers: "No customers yet.",
    import_title: "Import from a file",
    import_hint: "Choose a JSON file exported by Huifang. A preview comes first; on confirming, everything is written in one step: either all of it is saved or none of it.",
    choose_file: "Choose a JSON file",
    reading: "Reading the file…",
    refused: "This file cannot be imported; nothing on this device was changed:",
    problem: problem_en,
    preview_title: "Import preview",
    file_summary: |kind, n| format!("{kind}, {n} records. Nothing has been written yet."),
    migrated: |v| format!("This file uses an older format (version {v}); it was read in the current one."),
    quarantined_left: |n| {
        let records = if n == 1 { "record" } else { "records" };
        format!(
            "The file also holds {n} {records} the exporting device could not read. They are not imported and stay in the file unchanged, for support."
        )
    },
    kind: |k| match k {
        DocKind::Backup => "Full backup",
        DocKind::Customers => "Chosen customers with their history",
        DocKind::Review => "Visit records for review",
        DocKind::Verdicts => "A supervisor's verdicts",
    },
    part: |p| match p {
        Part::Settings => "Settings",
        Part::Customers => "Customers",
        Part::Visits => "Visit records",
        Part::Feedback => "Feedback items",
        Part::Signatures => "Signatures",
        Part::Campaigns => "Campaigns",
        Part::AgendaMarks => "Agenda marks",
        Part::Scripts => "Scripts",
        Part::Reviews => "Verdicts",
    },
    choice: |c| match c {
        Choice::KeepMine => "Keep mine",
        Choice::TakeTheirs => "Take theirs",
        Choice::KeepNewer => "Keep the newer",
    },
    col_part: "Kind",
    col_new: "New",
    col_same: "Same",
    col_conflicting: "Conflicting",
    col_choice: "On conflict",
    theirs_newer: |n| format!("{n} newer in the file"),
    all_or_nothing: "Conflicting means the same record was changed on both sides. Confirming writes everything in one step; if anything fails, nothing changes.",
    confirm: |n| format!("Import ({n} to write)"),
    nothing_to_import: "Everything in the file is already here, or your choices keep this device's records: nothing to write.",
    cancel: "Cancel",
    imported: |n| format!("Imported: {n} records written."),
    review_title: "Review by file",
    review_hint: "The agent exports the visit records of a period for the supervisor, who imports them into their own Huifang, approves or returns each with a comment, and exports the verdicts; once the agent imports them, each record shows its verdict.",
    period_from: "From",
    period_to: "To",
    export_bundle: "Export records for review",
    bundle_empty: "There are no visit records in this period.",
    inbox_title: "Records awaiting review",
    inbox_empty: "No records await review. Import an agent's review file and they are listed here.",
    approve: "Approve",
    send_back: "Return",
    comment: "Comment",
    comment_needed: "Say why the record is returned.",
    reviewed: "Verdict saved.",
    export_verdicts: "Export the verdicts of this period",
    verdicts_empty: "No verdicts in this period yet.",
    verdicts_title: "Reviewed records",
    verdicts_none: "No verdicts yet.",
    unknown_customer: "(unknown customer)",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::import::read;

    fn refusal(file: &str) -> Problem {
        read(file.as_bytes()).expect_err("refused").remove(0)
    }

    #[test]
    fn a_bad_record_is_named_by_kind_position_name_id_and_field_in_both_languages() {
        let file = r#"{"format":"huifang","version":2,"customers":[{"id":"c1","name":"张伟"},{"id":"c2","name":"王芳","registered_on":"2026-02-30"}]}"#;
        let problem = refusal(file);
        let zh = (EXCHANGE_ZH.problem)(&problem);
        assert!(zh.starts_with("客户第 2 条（王芳，编号 c2）的字段 registered_on 的值不是有效的日期或数值"), "{zh}");
        let en = (EXCHANGE_EN.problem)(&problem);
        assert!(
            en.starts_with(
                "Customers no. 2 (王芳, id c2), field registered_on has a value that is not a valid date or number"
            ),
            "{en}"
        );
    }

    #[test]
    fn a_newer_file_tells_the_user_to_update_huifang() {
        let problem = refusal(r#"{"format":"huifang","version":7}"#);
        assert!((EXCHANGE_ZH.problem)(&problem).contains("更新版本的回访（格式版本 7"));
        assert!((EXCHANGE_EN.problem)(&problem).contains("newer Huifang (format version 7"));
    }
}
