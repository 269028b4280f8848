//! Strings of the customer book: list, detail, forms, demo data, CSV import and tier settings.

use crate::domain::csv_import::{Column, RowOutcome, RowProblem};
use crate::domain::customer::TierMove;
use crate::domain::customer_form::FieldError;
use crate::domain::date::DateError;
use crate::domain::money::MoneyError;
use crate::domain::tier::Period;
use crate::domain::tier_form::TierFieldError;
use crate::domain::tiering::{Level, TierAssessment};
use crate::i18n::{Lang, format};

pub struct CustomersTexts {
    // List
    pub add: &'static str,
    pub import: &'static str,
    pub count: fn(usize) -> String,
    pub found: fn(usize, usize) -> String,
    pub search_placeholder: &'static str,
    pub search_label: &'static str,
    pub all_tiers: &'static str,
    pub all_needs: &'static str,
    pub all_tags: &'static str,
    pub any_contact: &'static str,
    pub no_contact_in: fn(u32) -> String,
    pub sort_label: &'static str,
    pub sort_name: &'static str,
    pub sort_last_contact: &'static str,
    pub sort_next_due: &'static str,
    pub sort_spend: &'static str,
    pub filters_label: &'static str,
    pub clear_filters: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub no_results_title: &'static str,
    pub no_results_body: &'static str,
    pub last_contact: fn(&str) -> String,
    pub never_contacted: &'static str,
    pub spent: fn(&str) -> String,
    pub do_not_contact_badge: &'static str,
    pub open_complaint_badge: &'static str,
    pub next_care: fn(&str) -> String,
    pub care_paused: &'static str,
    /// A follow-up nobody did: the scenario, and how it ended.
    pub missed_event: fn(&str, &str) -> String,
    pub missed_superseded: &'static str,
    pub missed_lapsed: &'static str,
    pub missed_reached: &'static str,
    pub missed_settled: &'static str,
    pub not_found: &'static str,
    pub back_to_list: &'static str,
    // Detail
    pub profile: &'static str,
    pub phones: &'static str,
    pub call: fn(&str) -> String,
    pub wechat: &'static str,
    pub copy_wechat: &'static str,
    pub copy_failed: &'static str,
    pub email: &'static str,
    pub address: &'static str,
    pub birthday: &'static str,
    pub lunar_badge: &'static str,
    pub registered_on: &'static str,
    pub source: &'static str,
    pub tags: &'static str,
    pub need: &'static str,
    pub preferred_contact: &'static str,
    pub do_not_contact_note: &'static str,
    pub notes: &'static str,
    pub not_given: &'static str,
    pub timeline: &'static str,
    pub timeline_empty: &'static str,
    pub registered_event: &'static str,
    pub purchase_event: fn(&str, &str) -> String,
    pub complaint_event: fn(&str) -> String,
    pub resolved_event: fn(&str) -> String,
    pub settled_event: &'static str,
    pub visit_event: fn(&str, &str, &str) -> String,
    pub tier_event: fn(Option<&str>, &str) -> String,
    pub record_purchase: &'static str,
    pub record_event: &'static str,
    pub purchase_saved: &'static str,
    pub event_saved: &'static str,
    pub delete_title: fn(&str) -> String,
    pub delete_body: &'static str,
    pub deleted: fn(&str) -> String,
    pub restored: fn(&str) -> String,
    // Forms
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub name: &'static str,
    pub honorific: &'static str,
    pub phone: &'static str,
    pub add_phone: &'static str,
    pub remove_phone: &'static str,
    pub wechat_id: &'static str,
    pub birthday_hint: &'static str,
    pub lunar: &'static str,
    pub tags_hint: &'static str,
    pub preferred_method: &'static str,
    pub any_method: &'static str,
    pub preferred_time: &'static str,
    pub preferred_time_hint: &'static str,
    pub do_not_contact: &'static str,
    pub created: fn(&str) -> String,
    pub date: &'static str,
    pub amount: &'static str,
    pub product: &'static str,
    pub note: &'static str,
    pub event_kind: &'static str,
    pub severity: &'static str,
    pub complaint: &'static str,
    pub no_open_complaint: &'static str,
    pub complaint_option: fn(&str, &str, &str) -> String,
    pub field_error: fn(&FieldError) -> String,
    // Another tab saved the customer being edited
    pub conflict_title: &'static str,
    /// The parts only the other tab changed, now in the form (the list is joined by the caller).
    pub conflict_taken: fn(&str) -> String,
    pub conflict_choose: &'static str,
    pub conflict_merged: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_mine: &'static str,
    pub use_theirs: &'static str,
    pub keep_mine: &'static str,
    pub empty_value: &'static str,
    // Demo
    pub load_demo: &'static str,
    pub demo_loaded: fn(usize) -> String,
    pub demo_banner: &'static str,
    pub remove_demo: &'static str,
    pub remove_demo_title: &'static str,
    pub remove_demo_body: fn(usize) -> String,
    pub demo_removed: &'static str,
    pub demo_blocks_title: &'static str,
    pub demo_blocks_body: &'static str,
    pub remove_demo_and_continue: &'static str,
}

fn date_error_zh(e: DateError) -> &'static str {
    match e {
        DateError::Empty => "请填写日期",
        DateError::Format => "日期格式不对，请写成 2026-06-03 或 2026/6/3",
        DateError::Impossible => "没有这一天，请检查月份和日期",
        DateError::OutOfRange => "年份要在 1901 到 2099 之间",
    }
}

fn date_error_en(e: DateError) -> &'static str {
    match e {
        DateError::Empty => "Enter a date",
        DateError::Format => "Write the date as 2026-06-03 or 2026/6/3",
        DateError::Impossible => "There is no such day: check the month and day",
        DateError::OutOfRange => "The year must be between 1901 and 2099",
    }
}

pub const CUSTOMERS_ZH: CustomersTexts = CustomersTexts {
    add: "添加客户",
    import: "从表格导入",
    count: |n| format!("共 {} 位", format::count(Lang::Zh, n)),
    found: |n, total| format!("找到 {} 位（共 {} 位）", format::count(Lang::Zh, n), format::count(Lang::Zh, total)),
    search_placeholder: "姓名、拼音首字母、电话或标签",
    search_label: "搜索客户",
    all_tiers: "全部等级",
    all_needs: "全部需求类型",
    all_tags: "全部标签",
    any_contact: "不限联系时间",
    no_contact_in: |n| format!("超过 {n} 天未联系"),
    sort_label: "排序",
    sort_name: "按姓名拼音",
    sort_last_contact: "最久未联系在前",
    sort_next_due: "下次回访最近在前",
    sort_spend: "消费总额最高在前",
    filters_label: "筛选",
    clear_filters: "清除搜索和筛选",
    empty_title: "还没有客户",
    empty_body: "添加第一位客户，或者把 Excel 表格里的客户导入进来。想先看看效果，可以载入一组演示数据。",
    no_results_title: "没有找到符合条件的客户",
    no_results_body: "换个关键词试试：姓名、拼音首字母（如 zw 找张伟）、电话里的几位数字或标签都可以。",
    last_contact: |d| format!("上次联系 {d}"),
    never_contacted: "尚未联系",
    spent: |m| format!("累计消费 {m}"),
    do_not_contact_badge: "勿扰",
    open_complaint_badge: "投诉处理中",
    next_care: |d| format!("下次定期维护：{d}"),
    care_paused: "定期维护已暂停（未接通规则）",
    missed_event: |scenario, how| format!("错过：{scenario}（{how}）"),
    missed_superseded: "没人做，由后一次回访接替",
    missed_lapsed: "过期失效",
    missed_reached: "已因其他事联系上客户，不再需要",
    missed_settled: "客户已确认投诉解决",
    not_found: "找不到这位客户，可能已被删除。",
    back_to_list: "客户列表",
    profile: "客户资料",
    phones: "电话",
    call: |p| format!("拨打 {p}"),
    wechat: "微信",
    copy_wechat: "复制微信号",
    copy_failed: "无法自动复制，请长按微信号手动复制。",
    email: "邮箱",
    address: "地址",
    birthday: "生日",
    lunar_badge: "农历",
    registered_on: "建档日期",
    source: "来源",
    tags: "标签",
    need: "需求类型",
    preferred_contact: "偏好联系",
    do_not_contact_note: "客户要求不要主动联系",
    notes: "备注",
    not_given: "未填写",
    timeline: "往来记录",
    timeline_empty: "还没有记录。",
    registered_event: "建档",
    purchase_event: |product, amount| format!("购买 {product}，{amount}"),
    complaint_event: |severity| format!("投诉（{severity}）"),
    resolved_event: |raised| format!("投诉已解决（{raised}提出）"),
    settled_event: "客户确认投诉已解决",
    visit_event: |scenario, method, outcome| format!("{scenario} · {method} · {outcome}"),
    tier_event: |from, to| match from {
        Some(from) => format!("等级 {from} → {to}"),
        None => format!("定为{to}客户"),
    },
    record_purchase: "记录购买",
    record_event: "记录服务事件",
    purchase_saved: "购买已记录",
    event_saved: "服务事件已记录",
    delete_title: |name| format!("删除客户“{name}”？"),
    delete_body: "这位客户的资料、购买、服务和回访记录会一起删除。删除后几秒内可以撤销。",
    deleted: |name| format!("已删除客户“{name}”"),
    restored: |name| format!("已恢复客户“{name}”"),
    new_title: "添加客户",
    edit_title: "编辑客户资料",
    name: "姓名",
    honorific: "称呼",
    phone: "电话",
    add_phone: "再加一个号码",
    remove_phone: "删除这个号码",
    wechat_id: "微信号",
    birthday_hint: "公历日期，例如 1990-05-20",
    lunar: "按农历过生日",
    tags_hint: "用逗号或顿号分开，例如：关注促销、常购滤芯",
    preferred_method: "偏好联系方式",
    any_method: "不限",
    preferred_time: "方便联系的时间",
    preferred_time_hint: "例如：工作日晚上",
    do_not_contact: "客户要求不要主动联系（勿扰）",
    created: |name| format!("已添加客户“{name}”"),
    date: "日期",
    amount: "金额（元）",
    product: "产品或品类",
    note: "备注",
    event_kind: "事件类型",
    severity: "严重程度",
    complaint: "解决的是哪一次投诉",
    no_open_complaint: "这位客户没有未解决的投诉。",
    complaint_option: |date, severity, note| {
        if note.is_empty() { format!("{date}（{severity}）") } else { format!("{date}（{severity}）{note}") }
    },
    field_error: |e| match e {
        FieldError::Required => "必填".into(),
        FieldError::TooLong { max } => format!("最多 {max} 个字"),
        FieldError::PhoneLetters => "电话只能包含数字、空格、横线和开头的 +".into(),
        FieldError::PhoneTooShort => "号码位数太少".into(),
        FieldError::PhoneTooLong => "号码位数太多".into(),
        FieldError::Email => "邮箱格式不对，例如 name@example.com".into(),
        FieldError::Date(d) => date_error_zh(*d).into(),
        FieldError::InFuture => "不能晚于今天".into(),
        FieldError::Amount(MoneyError::Negative) => "金额不能是负数".into(),
        FieldError::Amount(MoneyError::TooLarge) => "金额太大".into(),
        FieldError::Amount(_) => "请填写数字，例如 1280 或 1280.50".into(),
        FieldError::NoComplaint => "请选择解决的是哪一次投诉".into(),
        FieldError::BeforeComplaint => "解决日期不能早于投诉日期".into(),
    },
    conflict_title: "另一个标签页刚保存了这位客户",
    conflict_taken: |parts| format!("那边改过、你没改的地方已换成那边的内容：{parts}。"),
    conflict_choose: "下面这些两边都改了，请逐项选择保留哪一个，然后再保存。",
    conflict_merged: "两边的修改都已放进表格，请核对后保存。",
    conflict_theirs: "另一个标签页保存的",
    conflict_mine: "你填写的",
    use_theirs: "用那边的",
    keep_mine: "保留我的",
    empty_value: "（空）",
    load_demo: "载入演示数据",
    demo_loaded: |n| format!("已载入 {n} 位演示客户，随时可以一键删除"),
    demo_banner: "你正在查看演示数据：这些客户都是虚构的。开始录入自己的客户前，请先删除。",
    remove_demo: "删除演示数据",
    remove_demo_title: "删除全部演示数据？",
    remove_demo_body: |n| format!("{n} 位演示客户及其购买、服务和回访记录都会删除。"),
    demo_removed: "演示数据已删除",
    demo_blocks_title: "请先删除演示数据",
    demo_blocks_body: "真实客户不能和演示数据混在一起，否则回访计划和报表都会失真。删除演示数据后，就可以添加或导入自己的客户。",
    remove_demo_and_continue: "删除演示数据并继续",
};

pub const CUSTOMERS_EN: CustomersTexts = CustomersTexts {
    add: "Add a customer",
    import: "Import a spreadsheet",
    count: |n| if n == 1 { "1 customer".into() } else { format!("{} customers", format::count(Lang::En, n)) },
    found: |n, total| format!("{} of {} customers", format::count(Lang::En, n), format::count(Lang::En, total)),
    search_placeholder: "Name, pinyin initials, phone or tag",
    search_label: "Search customers",
    all_tiers: "All tiers",
    all_needs: "All need types",
    all_tags: "All tags",
    any_contact: "Any last contact",
    no_contact_in: |n| format!("No contact in {n} days"),
    sort_label: "Sort",
    sort_name: "By name (pinyin)",
    sort_last_contact: "Longest without contact first",
    sort_next_due: "Next follow-up first",
    sort_spend: "Highest total spend first",
    filters_label: "Filters",
    clear_filters: "Clear search and filters",
    empty_title: "No customers yet",
    empty_body: "Add your first customer, or import the customers from an Excel sheet. To see how it works first, load a set of demo data.",
    no_results_title: "No customer matches",
    no_results_body: "Try another word: a name, pinyin initials (zw finds 张伟), a few digits of a phone number, or a tag.",
    last_contact: |d| format!("Last contact {d}"),
    never_contacted: "Not contacted yet",
    spent: |m| format!("Spent {m}"),
    do_not_contact_badge: "Do not contact",
    open_complaint_badge: "Open complaint",
    next_care: |d| format!("Next regular care: {d}"),
    care_paused: "Regular care is paused (unanswered calls)",
    missed_event: |scenario, how| format!("Missed: {scenario} ({how})"),
    missed_superseded: "nobody did it; a later follow-up took over",
    missed_lapsed: "lapsed",
    missed_reached: "the customer was reached for something else",
    missed_settled: "the customer confirmed the complaint settled",
    not_found: "This customer cannot be found; they may have been deleted.",
    back_to_list: "Customers",
    profile: "Profile",
    phones: "Phone",
    call: |p| format!("Call {p}"),
    wechat: "WeChat",
    copy_wechat: "Copy WeChat ID",
    copy_failed: "Could not copy automatically; press and hold the ID to copy it.",
    email: "E-mail",
    address: "Address",
    birthday: "Birthday",
    lunar_badge: "Lunar",
    registered_on: "Customer since",
    source: "Source",
    tags: "Tags",
    need: "Need type",
    preferred_contact: "Prefers",
    do_not_contact_note: "Asked not to be contacted",
    notes: "Notes",
    not_given: "Not given",
    timeline: "History",
    timeline_empty: "Nothing recorded yet.",
    registered_event: "Became a customer",
    purchase_event: |product, amount| format!("Bought {product}, {amount}"),
    complaint_event: |severity| format!("Complaint ({severity})"),
    resolved_event: |raised| format!("Complaint resolved (raised {raised})"),
    settled_event: "Customer confirmed the complaint is settled",
    visit_event: |scenario, method, outcome| format!("{scenario} · {method} · {outcome}"),
    tier_event: |from, to| match from {
        Some(from) => format!("Tier {from} → {to}"),
        None => format!("Placed in {to}"),
    },
    record_purchase: "Record a purchase",
    record_event: "Record a service event",
    purchase_saved: "Purchase recorded",
    event_saved: "Service event recorded",
    delete_title: |name| format!("Delete {name}?"),
    delete_body: "Their profile, purchases, service events and visit records are deleted together. You can undo for a few seconds afterwards.",
    deleted: |name| format!("{name} deleted"),
    restored: |name| format!("{name} restored"),
    new_title: "Add a customer",
    edit_title: "Edit customer",
    name: "Name",
    honorific: "Honorific",
    phone: "Phone",
    add_phone: "Add another number",
    remove_phone: "Remove this number",
    wechat_id: "WeChat ID",
    birthday_hint: "Gregorian date, e.g. 1990-05-20",
    lunar: "Celebrates by the lunar calendar",
    tags_hint: "Separate with commas, e.g. follows promotions, buys filters",
    preferred_method: "Preferred contact method",
    any_method: "Any",
    preferred_time: "Best time to contact",
    preferred_time_hint: "e.g. weekday evenings",
    do_not_contact: "Asked not to be contacted (do not contact)",
    created: |name| format!("{name} added"),
    date: "Date",
    amount: "Amount (yuan)",
    product: "Product or category",
    note: "Note",
    event_kind: "What happened",
    severity: "Severity",
    complaint: "Which complaint was resolved",
    no_open_complaint: "This customer has no open complaint.",
    complaint_option: |date, severity, note| {
        if note.is_empty() { format!("{date} ({severity})") } else { format!("{date} ({severity}) {note}") }
    },
    field_error: |e| match e {
        FieldError::Required => "Required".into(),
        FieldError::TooLong { max } => format!("At most {max} characters"),
        FieldError::PhoneLetters => "A phone number has only digits, spaces, dashes and a leading +".into(),
        FieldError::PhoneTooShort => "Too few digits for a phone number".into(),
        FieldError::PhoneTooLong => "Too many digits for a phone number".into(),
        FieldError::Email => "Not an e-mail address, e.g. name@example.com".into(),
        FieldError::Date(d) => date_error_en(*d).into(),
        FieldError::InFuture => "Cannot be later than today".into(),
        FieldError::Amount(MoneyError::Negative) => "The amount cannot be negative".into(),
        FieldError::Amount(MoneyError::TooLarge) => "The amount is too large".into(),
        FieldError::Amount(_) => "Enter a number, e.g. 1280 or 1280.50".into(),
        FieldError::NoComplaint => "Pick the complaint that was resolved".into(),
        FieldError::BeforeComplaint => "Cannot be before the complaint was raised".into(),
    },
    conflict_title: "Another tab has just saved this customer",
    conflict_taken: |parts| format!("What only the other tab changed is now in the form: {parts}."),
    conflict_choose: "Both of you changed the items below: choose which to keep for each, then save.",
    conflict_merged: "Both sets of changes are in the form: check it, then save.",
    conflict_theirs: "Saved in the other tab",
    conflict_mine: "What you entered",
    use_theirs: "Use theirs",
    keep_mine: "Keep mine",
    empty_value: "(empty)",
    load_demo: "Load demo data",
    demo_loaded: |n| format!("{n} demo customers loaded; remove them in one step at any time"),
    demo_banner: "You are looking at demo data: these customers are made up. Remove it before entering your own customers.",
    remove_demo: "Remove demo data",
    remove_demo_title: "Remove all demo data?",
    remove_demo_body: |n| {
        format!("The {n} demo customers and their purchases, service events and visits will be deleted.")
    },
    demo_removed: "Demo data removed",
    demo_blocks_title: "Remove the demo data first",
    demo_blocks_body: "Real customers must not be mixed with demo data, or the follow-up plan and the reports would be wrong. Once the demo data is removed you can add or import your own customers.",
    remove_demo_and_continue: "Remove demo data and continue",
};

pub struct ImportTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub choose_file: &'static str,
    pub reading: &'static str,
    pub unreadable: &'static str,
    pub empty: &'static str,
    /// The file is over the size limit: (its size, the limit), in MB.
    pub too_large: fn(usize, usize) -> String,
    /// Planning a long file: (rows done, rows in all, seconds left if known).
    pub planning: fn(usize, usize, Option<u64>) -> String,
    pub cancel: &'static str,
    pub encoding_unsure_title: fn(&str) -> String,
    pub encoding_unsure: &'static str,
    pub read_as: fn(&str) -> String,
    pub cancelled: &'static str,
    pub keep_repeats: &'static str,
    /// Writing: (customers).
    pub writing: fn(usize) -> String,
    pub no_gbk: &'static str,
    pub file_summary: fn(&str, &str, usize) -> String,
    pub mapping_title: &'static str,
    pub mapping_hint: &'static str,
    pub column_header: &'static str,
    pub column_sample: &'static str,
    pub column_target: &'static str,
    pub need_name: &'static str,
    pub preview: &'static str,
    pub preview_title: &'static str,
    /// (new customers, purchases, rows with problems, rows already in the book, rows repeated in
    /// the file).
    pub summary: fn(usize, usize, usize, usize, usize) -> String,
    pub only_problems: &'static str,
    pub row: &'static str,
    pub result: &'static str,
    pub more_rows: fn(usize) -> String,
    pub confirm: fn(usize, usize) -> String,
    pub nothing_to_import: &'static str,
    pub back_to_mapping: &'static str,
    pub start_over: &'static str,
    pub imported: fn(usize, usize) -> String,
    pub column: fn(Column) -> &'static str,
    pub outcome: fn(&RowOutcome) -> String,
}

fn problem_zh(p: &RowProblem) -> String {
    match p {
        RowProblem::MissingName => "缺少姓名".into(),
        RowProblem::BadDate { column, error } => {
            format!("{}有误：{}", (IMPORT_ZH.column)(*column), (CUSTOMERS_ZH.field_error)(error))
        }
        RowProblem::BadAmount(e) => format!("金额有误：{}", (CUSTOMERS_ZH.field_error)(e)),
        RowProblem::BadPhone(e) => format!("电话有误：{}", (CUSTOMERS_ZH.field_error)(e)),
        RowProblem::BadEmail => "邮箱格式不对".into(),
        RowProblem::IncompletePurchase => "购买信息不完整：需要日期和金额".into(),
        RowProblem::DuplicatePhone { name, row: Some(row) } => format!("电话与第 {row} 行的{name}重复"),
        RowProblem::DuplicatePhone { name, row: None } => format!("电话与客户簿里的{name}重复"),
        RowProblem::UnclosedQuote => "这一行有一个引号没有闭合（\"），读不准；请在表格里检查这一行".into(),
        RowProblem::TooLong { column, max } => format!("{}太长：最多 {max} 个字", (IMPORT_ZH.column)(*column)),
    }
}

fn problem_en(p: &RowProblem) -> String {
    match p {
        RowProblem::MissingName => "Name missing".into(),
        RowProblem::BadDate { column, error } => {
            format!("{}: {}", (IMPORT_EN.column)(*column), (CUSTOMERS_EN.field_error)(error))
        }
        RowProblem::BadAmount(e) => format!("Amount: {}", (CUSTOMERS_EN.field_error)(e)),
        RowProblem::BadPhone(e) => format!("Phone: {}", (CUSTOMERS_EN.field_error)(e)),
        RowProblem::BadEmail => "Not an e-mail address".into(),
        RowProblem::IncompletePurchase => "Purchase incomplete: it needs a date and an amount".into(),
        RowProblem::DuplicatePhone { name, row: Some(row) } => format!("Duplicate phone: same as {name} in row {row}"),
        RowProblem::DuplicatePhone { name, row: None } => format!("Duplicate phone: same as {name} in your book"),
        RowProblem::UnclosedQuote => {
            "A quote (\") in this row is never closed, so the row cannot be read as meant; check it in the sheet".into()
        }
        RowProblem::TooLong { column, max } => {
            format!("{} too long: at most {max} characters", (IMPORT_EN.column)(*column))
        }
    }
}

pub const IMPORT_ZH: ImportTexts = ImportTexts {
    title: "从表格导入客户",
    intro: "在 Excel 或 WPS 里把表格“另存为”CSV 文件，再在这里选择它。UTF-8 和 GBK 编码都可以。可以每行一位客户，也可以每行一笔购买：电话和姓名都相同的几行会合并成一位客户。确认之前不会写入任何数据。",
    choose_file: "选择 CSV 文件",
    reading: "正在读取文件…",
    unreadable: "无法读取这个文件。请确认它是从 Excel 或 WPS 另存的 CSV 文件。",
    empty: "文件里没有内容。",
    too_large: |size, max| format!("文件有 {size} MB，超过了 {max} MB 的上限。请把表格拆成几个文件分别导入。"),
    planning: |done, total, left| match left {
        Some(s) if s > 0 => format!("正在检查第 {done} / {total} 行，大约还要 {s} 秒"),
        _ => format!("正在检查第 {done} / {total} 行"),
    },
    cancel: "取消",
    encoding_unsure_title: |file| format!("{file} 用的是哪种编码？"),
    encoding_unsure: "这个文件大部分像 UTF-8，但有几处不是，也可能是 GBK（中文 Excel 另存的 CSV）。下面是两种读法的前几行，请选读得通的那种。",
    read_as: |encoding| format!("按 {encoding} 读取"),
    cancelled: "已取消，什么都没有导入。",
    keep_repeats: "重复的行也导入（同一位客户同一天确实又买了一次）",
    writing: |n| format!("正在保存 {n} 位客户……请不要关闭页面"),
    no_gbk: "这个浏览器无法读取 GBK 编码的文件。请在 Excel 里另存为“CSV UTF-8”后再试。",
    file_summary: |file, encoding, rows| format!("{file} · {encoding}编码 · {rows} 行数据"),
    mapping_title: "每一列是什么",
    mapping_hint: "已按表头自动对应，请核对。不需要的列选“不导入”。",
    column_header: "表头",
    column_sample: "示例",
    column_target: "导入为",
    need_name: "请指定哪一列是姓名。",
    preview: "预览导入结果",
    preview_title: "导入预览",
    summary: |new, purchases, problems, in_book, repeated| {
        let n = |v: usize| crate::i18n::format::count(crate::i18n::Lang::Zh, v);
        let mut s = format!("将新增 {} 位客户、{} 笔购买。", n(new), n(purchases));
        if problems > 0 {
            s.push_str(&format!("{} 行有问题，不会导入。", n(problems)));
        }
        if in_book > 0 {
            s.push_str(&format!("{} 行已经在客户簿里，将跳过。", n(in_book)));
        }
        if repeated > 0 {
            s.push_str(&format!("{} 行与文件里前面的行重复，将跳过。", n(repeated)));
        }
        s
    },
    only_problems: "只看有问题的行",
    row: "行",
    result: "结果",
    more_rows: |n| format!("还有 {n} 行未显示。"),
    confirm: |customers, purchases| {
        let n = |v: usize| crate::i18n::format::count(crate::i18n::Lang::Zh, v);
        format!("确认导入（{} 位客户、{} 笔购买）", n(customers), n(purchases))
    },
    nothing_to_import: "没有可以导入的行。",
    back_to_mapping: "修改列的对应",
    start_over: "换一个文件",
    imported: |c, p| format!("已导入 {c} 位客户、{p} 笔购买"),
    column: |c| match c {
        Column::Ignore => "不导入",
        Column::Name => "姓名",
        Column::Honorific => "称呼或性别",
        Column::Phone => "电话",
        Column::Email => "邮箱",
        Column::WeChat => "微信号",
        Column::Address => "地址",
        Column::Birthday => "生日",
        Column::Lunar => "是否农历生日",
        Column::RegisteredOn => "建档日期",
        Column::Source => "来源",
        Column::Tags => "标签",
        Column::Need => "需求类型",
        Column::PreferredTime => "方便联系的时间",
        Column::Notes => "备注",
        Column::PurchaseDate => "购买日期",
        Column::Amount => "购买金额",
        Column::Product => "产品或品类",
        Column::PurchaseNote => "购买备注",
    },
    outcome: |o| match o {
        RowOutcome::NewCustomer { with_purchase: false } => "新客户".into(),
        RowOutcome::NewCustomer { with_purchase: true } => "新客户，含一笔购买".into(),
        RowOutcome::AddsPurchase { to, in_book: true } => format!("为客户簿里的{to}添加一笔购买"),
        RowOutcome::AddsPurchase { to, in_book: false } => format!("为{to}再添加一笔购买"),
        RowOutcome::AlreadyInBook { name } => format!("{name}已在客户簿里，跳过"),
        RowOutcome::DuplicatePurchase { name } => format!("{name}的这笔购买已经记录过，跳过"),
        RowOutcome::RepeatedInFile { row } => format!("与第 {row} 行重复，跳过"),
        RowOutcome::Problem(p) => problem_zh(p),
    },
};

pub const IMPORT_EN: ImportTexts = ImportTexts {
    title: "Import customers from a spreadsheet",
    intro: "In Excel or WPS, use \"Save as\" CSV, then choose the file here. UTF-8 and GBK both work. A row may be a customer or a purchase: rows with the same phone and the same name become one customer. Nothing is written until you confirm.",
    choose_file: "Choose a CSV file",
    reading: "Reading the file…",
    unreadable: "This file cannot be read. Check that it is a CSV file saved from Excel or WPS.",
    empty: "The file is empty.",
    too_large: |size, max| {
        format!("The file is {size} MB, over the {max} MB limit. Split the sheet into several files.")
    },
    planning: |done, total, left| match left {
        Some(s) if s > 0 => format!("Checking row {done} of {total}, about {s} s left"),
        _ => format!("Checking row {done} of {total}"),
    },
    cancel: "Cancel",
    encoding_unsure_title: |file| format!("Which encoding is {file} in?"),
    encoding_unsure: "Most of this file reads as UTF-8 but a few bytes do not; it may also be GBK (a CSV saved by Chinese Excel). Here are the first rows read each way: pick the one that reads right.",
    read_as: |encoding| format!("Read as {encoding}"),
    cancelled: "Cancelled: nothing was imported.",
    keep_repeats: "Import repeated rows too (the customer really bought the same again that day)",
    writing: |n| format!("Saving {n} customers… please keep this page open"),
    no_gbk: "This browser cannot read GBK files. Save the sheet as \"CSV UTF-8\" in Excel and try again.",
    file_summary: |file, encoding, rows| format!("{file} · {encoding} · {rows} rows"),
    mapping_title: "What each column holds",
    mapping_hint: "Matched from the headers; please check. Choose \"Skip\" for columns you do not need.",
    column_header: "Header",
    column_sample: "Example",
    column_target: "Import as",
    need_name: "Say which column holds the name.",
    preview: "Preview the import",
    preview_title: "Preview",
    summary: |new, purchases, problems, in_book, repeated| {
        let n = |v: usize| crate::i18n::format::count(crate::i18n::Lang::En, v);
        let mut s = format!("{} new customers and {} purchases will be added.", n(new), n(purchases));
        if problems > 0 {
            s.push_str(&format!(" {} rows have problems and will not be imported.", n(problems)));
        }
        if in_book > 0 {
            s.push_str(&format!(" {} rows are already in your book and will be skipped.", n(in_book)));
        }
        if repeated > 0 {
            s.push_str(&format!(" {} rows repeat an earlier row of the file and will be skipped.", n(repeated)));
        }
        s
    },
    only_problems: "Only rows with problems",
    row: "Row",
    result: "Result",
    more_rows: |n| format!("{n} more rows not shown."),
    confirm: |customers, purchases| {
        let n = |v: usize| crate::i18n::format::count(crate::i18n::Lang::En, v);
        format!("Import ({} customers, {} purchases)", n(customers), n(purchases))
    },
    nothing_to_import: "No row can be imported.",
    back_to_mapping: "Change the columns",
    start_over: "Choose another file",
    imported: |c, p| format!("{c} customers and {p} purchases imported"),
    column: |c| match c {
        Column::Ignore => "Skip",
        Column::Name => "Name",
        Column::Honorific => "Honorific or gender",
        Column::Phone => "Phone",
        Column::Email => "E-mail",
        Column::WeChat => "WeChat ID",
        Column::Address => "Address",
        Column::Birthday => "Birthday",
        Column::Lunar => "Lunar birthday (yes/no)",
        Column::RegisteredOn => "Customer since",
        Column::Source => "Source",
        Column::Tags => "Tags",
        Column::Need => "Need type",
        Column::PreferredTime => "Best time to contact",
        Column::Notes => "Notes",
        Column::PurchaseDate => "Purchase date",
        Column::Amount => "Purchase amount",
        Column::Product => "Product or category",
        Column::PurchaseNote => "Purchase note",
    },
    outcome: |o| match o {
        RowOutcome::NewCustomer { with_purchase: false } => "New customer".into(),
        RowOutcome::NewCustomer { with_purchase: true } => "New customer with a purchase".into(),
        RowOutcome::AddsPurchase { to, in_book: true } => format!("Adds a purchase to {to} in your book"),
        RowOutcome::AddsPurchase { to, in_book: false } => format!("Adds another purchase to {to}"),
        RowOutcome::AlreadyInBook { name } => format!("{name} is already in your book: skipped"),
        RowOutcome::DuplicatePurchase { name } => format!("This purchase of {name} is already recorded: skipped"),
        RowOutcome::RepeatedInFile { row } => format!("Repeats row {row}: skipped"),
        RowOutcome::Problem(p) => problem_en(p),
    },
};

/// A tier in the settings preview: its name, its customers, their share of the window's spend.
pub type PreviewRow<'a> = (&'a str, usize, Option<f64>);

pub struct TierTexts {
    pub card_title: &'static str,
    pub why: fn(&TierAssessment) -> String,
    pub frequency: &'static str,
    pub spend: &'static str,
    pub activity: &'static str,
    pub level_frequency: fn(Level) -> &'static str,
    pub level_spend: fn(Level) -> &'static str,
    pub level_activity: fn(Level) -> &'static str,
    pub score: fn(f64) -> String,
    pub overridden: fn(&str, &str) -> String,
    pub computed_would_be: fn(&str) -> String,
    pub override_action: &'static str,
    pub override_tier: &'static str,
    pub override_reason: &'static str,
    pub override_reason_hint: &'static str,
    pub override_saved: &'static str,
    pub clear_override: &'static str,
    pub override_cleared: &'static str,
    pub history: &'static str,
    pub history_empty: &'static str,
    /// A computed change recorded without its dimensions (older data).
    pub reason_computed: &'static str,
    pub reason_thresholds: &'static str,
    /// Which dimension moved in a computed change ("30 天内有 3 天互动 → 活跃").
    pub tier_move: fn(&TierMove) -> String,
    /// A reason followed by what moved; the reason may be empty.
    pub reason_moves: fn(&str, &[String]) -> String,
    pub reason_override: fn(&str) -> String,
    pub reason_cleared: &'static str,
    pub reason_no_answer: &'static str,
    pub cadence: &'static str,
    pub carries: &'static str,
    pub emphasis: &'static str,
    pub no_answer: &'static str,
    pub period: fn(Period) -> String,
    /// The tier's no-answer rule, said as a rule (it applies to calls to come).
    pub no_answer_rule: fn(u32, &str) -> String,
    /// The rule with the unanswered calls in a row so far, shown only when there are some.
    pub no_answer_so_far: fn(&str, u32) -> String,
    // Settings
    pub settings_title: &'static str,
    pub settings_hint: &'static str,
    pub frequency_window: &'static str,
    pub frequency_high: &'static str,
    pub frequency_mid: &'static str,
    pub spend_high: &'static str,
    pub spend_mid: &'static str,
    pub activity_window: &'static str,
    pub active_min: &'static str,
    pub semi_active_min: &'static str,
    pub dimension_points: &'static str,
    /// The full marks of a dimension.
    pub full_marks: fn(&str) -> String,
    pub need_points: &'static str,
    pub min_scores: &'static str,
    pub min_scores_hint: &'static str,
    pub min_score: fn(&str) -> String,
    pub strategy_title: &'static str,
    pub strategy_hint: &'static str,
    pub every: &'static str,
    pub days: &'static str,
    pub months: &'static str,
    pub after_unanswered: &'static str,
    pub calls_in_a_row: &'static str,
    pub preview: fn(&[PreviewRow]) -> String,
    pub restore_defaults: &'static str,
    pub saved: fn(usize) -> String,
    pub field_error: fn(&TierFieldError) -> String,
    // Calibration
    pub calibrate: &'static str,
    pub calibrate_hint: &'static str,
    pub calibrate_title: &'static str,
    /// Buyers the suggestion was read from, and the window in months.
    pub calibrate_body: fn(usize, u32) -> String,
    /// Buyers found, buyers needed.
    pub calibrate_not_enough: fn(usize, usize) -> String,
    pub calibrate_confirm: &'static str,
    pub calibrate_now: &'static str,
    pub calibrate_after: &'static str,
    pub calibrate_tier: &'static str,
    /// Customers in a tier and their share of the spend.
    pub calibrate_cell: fn(usize, Option<f64>) -> String,
    pub short_spend_high: &'static str,
    pub short_spend_mid: &'static str,
    pub short_frequency_high: &'static str,
    pub short_frequency_mid: &'static str,
}

/// A score as read: up to two decimals, no trailing zeros (4, 4.5, 4.25).
fn score_text(s: f64) -> String {
    let text = format!("{s:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub const TIERS_ZH: TierTexts = TierTexts {
    card_title: "客户等级",
    why: |a| {
        let f = &a.facts;
        let mut parts = Vec::new();
        if f.orders == 0 {
            parts.push(format!("{} 个月内没有购买", f.window_months));
        } else {
            parts.push(format!("{} 个月消费 {}", f.window_months, format::money(Lang::Zh, f.spend)));
            parts.push(format!("每月购买 {:.1} 次", f.purchases_per_month));
            if let Some(avg) = f.average_order {
                parts.push(format!("平均每单 {}", format::money(Lang::Zh, avg)));
            }
        }
        parts.push(if f.active_days == 0 {
            format!("{} 天内没有互动", f.activity_window_days)
        } else {
            format!("{} 天内有 {} 天互动", f.activity_window_days, f.active_days)
        });
        parts.join("，")
    },
    frequency: "购买频次",
    spend: "消费金额",
    activity: "活跃度",
    level_frequency: |l| match l {
        Level::High => "高",
        Level::Mid => "中",
        Level::Low => "低",
    },
    level_spend: |l| match l {
        Level::High => "高",
        Level::Mid => "中",
        Level::Low => "低",
    },
    level_activity: |l| match l {
        Level::High => "活跃",
        Level::Mid => "半活跃",
        Level::Low => "沉睡",
    },
    score: |s| format!("得分 {}", score_text(s)),
    overridden: |tier, reason| format!("已手动设为{tier}：{reason}"),
    computed_would_be: |tier| format!("按数据计算应为{tier}"),
    override_action: "手动调整等级",
    override_tier: "调整为",
    override_reason: "理由",
    override_reason_hint: "例如：公司重点客户，主管要求按钻石维护",
    override_saved: "等级已调整",
    clear_override: "恢复自动计算",
    override_cleared: "已恢复按数据计算等级",
    history: "等级变化",
    history_empty: "还没有变化记录。",
    reason_computed: "数据变化",
    reason_thresholds: "分层标准调整",
    tier_move: |m| match m {
        TierMove::Frequency { from, to, from_level, to_level, .. } => {
            if from_level == to_level {
                format!("每月购买 {from:.1} → {to:.1} 次")
            } else {
                format!("每月购买 {to:.1} 次 → {}", (TIERS_ZH.level_frequency)(*to_level))
            }
        }
        TierMove::Spend { months, from, to, from_level, to_level } => {
            if from_level == to_level {
                format!("{months} 个月消费 {} → {}", format::money(Lang::Zh, *from), format::money(Lang::Zh, *to))
            } else {
                format!("{months} 个月消费 {} → {}", format::money(Lang::Zh, *to), (TIERS_ZH.level_spend)(*to_level))
            }
        }
        TierMove::Activity { window_days, from, to, from_level, to_level } => {
            let level = (TIERS_ZH.level_activity)(*to_level);
            if from_level == to_level {
                format!("{window_days} 天内互动 {from} → {to} 天")
            } else if *to == 0 {
                format!("{window_days} 天内没有互动 → {level}")
            } else {
                format!("{window_days} 天内有 {to} 天互动 → {level}")
            }
        }
        TierMove::Need { from, to } => {
            format!("需求类型 {} → {}", (crate::i18n::labels::ZH.need)(*from), (crate::i18n::labels::ZH.need)(*to))
        }
    },
    reason_moves: |reason, moves| match (reason.is_empty(), moves.is_empty()) {
        (_, true) => reason.to_string(),
        (true, false) => moves.join("；"),
        (false, false) => format!("{reason}：{}", moves.join("；")),
    },
    reason_override: |r| format!("手动调整：{r}"),
    reason_cleared: "恢复自动计算",
    reason_no_answer: "连续未接通，降级",
    cadence: "回访节奏",
    carries: "回访携带",
    emphasis: "话术侧重",
    no_answer: "未接通规则",
    period: |p| match p {
        Period::Days(15) => "每半个月".into(),
        Period::Days(7) => "每周".into(),
        Period::Days(n) => format!("每 {n} 天"),
        Period::Months(1) => "每月".into(),
        Period::Months(3) => "每季度".into(),
        Period::Months(6) => "每半年".into(),
        Period::Months(12) => "每年".into(),
        Period::Months(n) => format!("每 {n} 个月"),
    },
    no_answer_rule: |n, action| {
        if n == 1 { format!("一次未接通即{action}") } else { format!("连续 {n} 次未接通即{action}") }
    },
    no_answer_so_far: |rule, n| format!("{rule}（目前已连续 {n} 次未接通）"),
    settings_title: "客户分层",
    settings_hint: "客户等级按下面的标准自动计算。修改并保存后，所有客户的等级立即按新标准更新，变化记入每位客户的等级记录。活跃度只算客户自己的往来（购买、接通的回访），不算投诉、维修等服务；同一天的多笔订单算一次购买。",
    frequency_window: "购买频次和消费金额统计最近几个月",
    frequency_high: "每月购买至少几次算“高”",
    frequency_mid: "每月购买至少几次算“中”",
    spend_high: "统计期内消费至少多少元算“高”",
    spend_mid: "统计期内消费至少多少元算“中”",
    activity_window: "活跃度统计最近几天",
    active_min: "至少几天有互动算“活跃”",
    semi_active_min: "至少几天有互动算“半活跃”",
    dimension_points: "各项满分",
    full_marks: |dimension| format!("{dimension}满分"),
    need_points: "需求类型加分",
    min_scores: "各等级所需分数",
    min_scores_hint: "购买频次、消费金额、活跃度各按自己的满分计：达到“高”得满分，达到“中”得一半，中间按比例；不到“中”也按比例得分，差一点不会算作 0。再加需求类型的分。默认消费金额满分 4 分，其余 2 分：消费达到“中”就至少是白银，达到“高”就至少是黄金。分数可以有一位小数。",
    min_score: |tier| format!("{tier}至少"),
    strategy_title: "各等级的回访策略",
    strategy_hint: "文字留空时使用默认说法。",
    every: "每",
    days: "天",
    months: "个月",
    after_unanswered: "未接通规则",
    calls_in_a_row: "连续未接通次数",
    preview: |rows| {
        let parts: Vec<String> = rows
            .iter()
            .map(|(t, n, share)| match share {
                Some(_) => format!("{t} {n} 位（消费占 {}）", format::percent(*share)),
                None => format!("{t} {n} 位"),
            })
            .collect();
        format!("按这些标准：{}", parts.join("，"))
    },
    restore_defaults: "恢复默认值",
    saved: |n| {
        if n == 0 {
            "已保存，客户等级没有变化".into()
        } else {
            format!("已保存，{n} 位客户的等级随之变化")
        }
    },
    field_error: |e| match e {
        TierFieldError::NotANumber => "请填写数字".into(),
        TierFieldError::OutOfRange { min, max } => format!("请填写 {min} 到 {max} 之间的数"),
        TierFieldError::NotAboveLower => "要大于下一档".into(),
        TierFieldError::Unreachable { max_score } => format!("最高只能得 {max_score} 分，没有客户能达到"),
    },
    calibrate: "按我的数据校准",
    calibrate_hint: "按客户簿自己的分布建议标准：统计期内消费和购买频次排在前 5% 的算“高”，前 20% 的算“中”；有购买的客户中约 5% 为钻石，约 20% 在黄金及以上，约一半在白银及以上；整个统计期没有购买的为基础。确认之前不会改动任何设置。",
    calibrate_title: "按你的数据校准分层标准？",
    calibrate_body: |n, months| {
        format!(
            "以下标准根据最近 {months} 个月有购买的 {n} 位客户建议。应用后立即保存，客户等级随之更新，每位客户的变化记入等级记录。"
        )
    },
    calibrate_not_enough: |n, min| format!("最近有购买的客户只有 {n} 位，至少 {min} 位才能校准，现有标准保持不变"),
    calibrate_confirm: "应用这些标准",
    calibrate_now: "现在",
    calibrate_after: "校准后",
    calibrate_tier: "等级",
    calibrate_cell: |n, share| match share {
        Some(_) => format!("{n} 位 · 消费占 {}", format::percent(share)),
        None => format!("{n} 位"),
    },
    short_spend_high: "消费“高”",
    short_spend_mid: "消费“中”",
    short_frequency_high: "每月购买“高”",
    short_frequency_mid: "每月购买“中”",
};

pub const TIERS_EN: TierTexts = TierTexts {
    card_title: "Tier",
    why: |a| {
        let f = &a.facts;
        let mut parts = Vec::new();
        if f.orders == 0 {
            parts.push(format!("no purchase in {} months", f.window_months));
        } else {
            parts.push(format!("{} spent in {} months", format::money(Lang::En, f.spend), f.window_months));
            parts.push(format!("{:.1} purchases a month", f.purchases_per_month));
            if let Some(avg) = f.average_order {
                parts.push(format!("average order {}", format::money(Lang::En, avg)));
            }
        }
        parts.push(if f.active_days == 0 {
            format!("no interaction in the last {} days", f.activity_window_days)
        } else {
            format!("interactions on {} of the last {} days", f.active_days, f.activity_window_days)
        });
        let mut s = parts.join(", ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s
    },
    frequency: "Purchase frequency",
    spend: "Spend",
    activity: "Activity",
    level_frequency: |l| match l {
        Level::High => "High",
        Level::Mid => "Mid",
        Level::Low => "Low",
    },
    level_spend: |l| match l {
        Level::High => "High",
        Level::Mid => "Mid",
        Level::Low => "Low",
    },
    level_activity: |l| match l {
        Level::High => "Active",
        Level::Mid => "Semi-active",
        Level::Low => "Dormant",
    },
    score: |s| format!("Score {}", score_text(s)),
    overridden: |tier, reason| format!("Set to {tier} by hand: {reason}"),
    computed_would_be: |tier| format!("The data says {tier}"),
    override_action: "Change the tier by hand",
    override_tier: "New tier",
    override_reason: "Reason",
    override_reason_hint: "e.g. key account: the supervisor wants Diamond care",
    override_saved: "Tier changed",
    clear_override: "Back to the computed tier",
    override_cleared: "The tier follows the data again",
    history: "Tier changes",
    history_empty: "No change recorded yet.",
    reason_computed: "the data changed",
    reason_thresholds: "thresholds changed",
    tier_move: |m| match m {
        TierMove::Frequency { from, to, from_level, to_level, .. } => {
            if from_level == to_level {
                format!("purchases a month {from:.1} → {to:.1}")
            } else {
                format!("{to:.1} purchases a month → {}", (TIERS_EN.level_frequency)(*to_level).to_lowercase())
            }
        }
        TierMove::Spend { months, from, to, from_level, to_level } => {
            if from_level == to_level {
                format!(
                    "spend in {months} months {} → {}",
                    format::money(Lang::En, *from),
                    format::money(Lang::En, *to)
                )
            } else {
                format!(
                    "{} spent in {months} months → {}",
                    format::money(Lang::En, *to),
                    (TIERS_EN.level_spend)(*to_level).to_lowercase()
                )
            }
        }
        TierMove::Activity { window_days, from, to, from_level, to_level } => {
            let level = (TIERS_EN.level_activity)(*to_level).to_lowercase();
            if from_level == to_level {
                format!("days with interactions in the last {window_days} {from} → {to}")
            } else if *to == 0 {
                format!("no interaction in the last {window_days} days → {level}")
            } else {
                format!("interactions on {to} of the last {window_days} days → {level}")
            }
        }
        TierMove::Need { from, to } => format!(
            "need type {} → {}",
            (crate::i18n::labels::EN.need)(*from).to_lowercase(),
            (crate::i18n::labels::EN.need)(*to).to_lowercase()
        ),
    },
    reason_moves: |reason, moves| match (reason.is_empty(), moves.is_empty()) {
        (_, true) => reason.to_string(),
        (true, false) => moves.join("; "),
        (false, false) => format!("{reason}: {}", moves.join("; ")),
    },
    reason_override: |r| format!("set by hand: {r}"),
    reason_cleared: "back to the computed tier",
    reason_no_answer: "demoted after unanswered calls",
    cadence: "Cadence",
    carries: "The visit carries",
    emphasis: "Script emphasis",
    no_answer: "No-answer rule",
    period: |p| match p {
        Period::Days(15) => "Twice a month".into(),
        Period::Days(7) => "Weekly".into(),
        Period::Days(1) => "Daily".into(),
        Period::Days(n) => format!("Every {n} days"),
        Period::Months(1) => "Monthly".into(),
        Period::Months(3) => "Quarterly".into(),
        Period::Months(6) => "Every six months".into(),
        Period::Months(12) => "Yearly".into(),
        Period::Months(n) => format!("Every {n} months"),
    },
    no_answer_rule: |n, action| {
        if n == 1 {
            format!("If a call goes unanswered: {action}")
        } else {
            format!("If {n} calls in a row go unanswered: {action}")
        }
    },
    no_answer_so_far: |rule, n| {
        if n == 1 {
            format!("{rule} (1 unanswered call so far)")
        } else {
            format!("{rule} ({n} unanswered calls in a row so far)")
        }
    },
    settings_title: "Customer tiers",
    settings_hint: "Tiers are computed from the thresholds below. Once saved, every customer's tier follows the new thresholds at once, and each change goes into the customer's tier history. Activity counts the customer's own engagement (purchases, visits that reached them), not complaints, repairs or other services; several orders on one day are one purchase.",
    frequency_window: "Count frequency and spend over the last (months)",
    frequency_high: "Purchases a month for \"high\" (at least)",
    frequency_mid: "Purchases a month for \"mid\" (at least)",
    spend_high: "Spend over those months for \"high\" (yuan, at least)",
    spend_mid: "Spend over those months for \"mid\" (yuan, at least)",
    activity_window: "Count activity over the last (days)",
    active_min: "Days with interactions for \"active\" (at least)",
    semi_active_min: "Days with interactions for \"semi-active\" (at least)",
    dimension_points: "Full marks of each dimension",
    full_marks: |dimension| format!("{dimension}, full marks"),
    need_points: "Points per need type",
    min_scores: "Score each tier needs",
    min_scores_hint: "Frequency, spend and activity each score up to their full marks: all of them at \"high\", half at \"mid\", in proportion in between, and in proportion below \"mid\" too, so just missing it does not count as 0. Plus the need type's points. By default spend is worth 4 and the others 2: mid spend alone makes Silver, high spend alone Gold. Scores may have one decimal.",
    min_score: |tier| format!("{tier}, at least"),
    strategy_title: "How each tier is looked after",
    strategy_hint: "Leave a text empty to use the built-in wording.",
    every: "Every",
    days: "days",
    months: "months",
    after_unanswered: "No-answer rule",
    calls_in_a_row: "Unanswered calls in a row",
    preview: |rows| {
        let parts: Vec<String> = rows
            .iter()
            .map(|(t, n, share)| match share {
                Some(_) => format!("{t} {n} ({} of spend)", format::percent(*share)),
                None => format!("{t} {n}"),
            })
            .collect();
        format!("With these thresholds: {}", parts.join(", "))
    },
    restore_defaults: "Restore defaults",
    saved: |n| match n {
        0 => "Saved; no customer changed tier".into(),
        1 => "Saved; 1 customer changed tier".into(),
        n => format!("Saved; {n} customers changed tier"),
    },
    field_error: |e| match e {
        TierFieldError::NotANumber => "Enter a number".into(),
        TierFieldError::OutOfRange { min, max } => format!("Enter a number from {min} to {max}"),
        TierFieldError::NotAboveLower => "Must be more than the level below".into(),
        TierFieldError::Unreachable { max_score } => {
            format!("The highest possible score is {max_score}: no customer could reach it")
        }
    },
    calibrate: "Calibrate to my data",
    calibrate_hint: "Suggests thresholds from your book's own distribution: the top 5% of spend and of purchase frequency over the window count as \"high\", the top 20% as \"mid\"; of the customers who bought, about 5% are Diamond, about 20% Gold or above and about half Silver or above; those who bought nothing in the whole window are Basic. Nothing changes until you confirm.",
    calibrate_title: "Calibrate the tiers to your data?",
    calibrate_body: |n, months| {
        let customers = if n == 1 { "1 customer".to_string() } else { format!("{n} customers") };
        format!(
            "These thresholds are suggested from the {customers} who bought in the last {months} months. Applying saves them at once; every customer's tier follows, and each change goes into their tier history."
        )
    },
    calibrate_not_enough: |n, min| {
        let buyers = if n == 1 { "Only 1 customer has".to_string() } else { format!("Only {n} customers have") };
        format!("{buyers} bought recently; calibrating needs at least {min}. The thresholds stay as they are")
    },
    calibrate_confirm: "Apply these thresholds",
    calibrate_now: "Now",
    calibrate_after: "After",
    calibrate_tier: "Tier",
    calibrate_cell: |n, share| match share {
        Some(_) => format!("{n} · {} of spend", format::percent(share)),
        None => n.to_string(),
    },
    short_spend_high: "Spend \"high\"",
    short_spend_mid: "Spend \"mid\"",
    short_frequency_high: "Purchases a month \"high\"",
    short_frequency_mid: "Purchases a month \"mid\"",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::NeedType;
    use crate::domain::money::Money;
    use crate::domain::tier::Tier;
    use crate::domain::tiering::{Points, TierFacts};

    fn assessment(orders: u32, per_month: f64, spend: Money, active_days: u32, activity: Level) -> TierAssessment {
        TierAssessment {
            computed: Tier::Diamond,
            effective: Tier::Diamond,
            overridden: false,
            score: 6.0,
            frequency: Level::High,
            spend: Level::High,
            activity,
            need: NeedType::Essential,
            points: Points { frequency: 2.0, spend: 2.0, activity: 2.0, need: 0 },
            facts: TierFacts {
                window_months: 12,
                purchase_days: orders,
                orders,
                months_observed: 12.0,
                purchases_per_month: per_month,
                spend,
                average_order: (orders > 0).then(|| Money(spend.fen() / i64::from(orders))),
                activity_window_days: 30,
                active_days,
                last_engagement: None,
                last_interaction: None,
            },
        }
    }

    #[test]
    fn the_why_line_reads_naturally_in_both_languages() {
        let a = assessment(36, 3.0, Money::from_yuan(8532), 3, Level::High);
        assert_eq!((TIERS_ZH.why)(&a), "12 个月消费 ¥8,532，每月购买 3.0 次，平均每单 ¥237，30 天内有 3 天互动");
        assert_eq!(
            (TIERS_EN.why)(&a),
            "¥8,532 spent in 12 months, 3.0 purchases a month, average order ¥237, interactions on 3 of the last 30 days"
        );
        let none = assessment(0, 0.0, Money::ZERO, 0, Level::Low);
        assert_eq!((TIERS_ZH.why)(&none), "12 个月内没有购买，30 天内没有互动");
        assert_eq!((TIERS_EN.why)(&none), "No purchase in 12 months, no interaction in the last 30 days");
    }

    #[test]
    fn a_tier_change_says_which_dimension_moved_in_both_languages() {
        let activity =
            TierMove::Activity { window_days: 30, from: 1, to: 3, from_level: Level::Mid, to_level: Level::High };
        let spend = TierMove::Spend {
            months: 12,
            from: Money::from_yuan(900),
            to: Money::from_yuan(8540),
            from_level: Level::Low,
            to_level: Level::High,
        };
        let moves: Vec<String> = [&activity, &spend].map(|m| (TIERS_ZH.tier_move)(m)).to_vec();
        assert_eq!(moves, ["30 天内有 3 天互动 → 活跃", "12 个月消费 ¥8,540 → 高"]);
        assert_eq!((TIERS_ZH.reason_moves)("", &moves), "30 天内有 3 天互动 → 活跃；12 个月消费 ¥8,540 → 高");
        assert_eq!((TIERS_EN.tier_move)(&spend), "¥8,540 spent in 12 months → high");
        assert_eq!((TIERS_EN.tier_move)(&activity), "interactions on 3 of the last 30 days → active");
        let within = TierMove::Spend {
            months: 12,
            from: Money::from_yuan(3000),
            to: Money::from_yuan(4500),
            from_level: Level::Mid,
            to_level: Level::Mid,
        };
        assert_eq!(
            (TIERS_ZH.reason_moves)(TIERS_ZH.reason_thresholds, &[(TIERS_ZH.tier_move)(&within)]),
            "分层标准调整：12 个月消费 ¥3,000 → ¥4,500"
        );
        let dormant =
            TierMove::Activity { window_days: 30, from: 2, to: 0, from_level: Level::Mid, to_level: Level::Low };
        assert_eq!((TIERS_ZH.tier_move)(&dormant), "30 天内没有互动 → 沉睡");
        assert_eq!((TIERS_EN.tier_move)(&dormant), "no interaction in the last 30 days → dormant");
    }

    #[test]
    fn the_no_answer_rule_reads_as_a_rule_not_as_something_that_happened() {
        assert_eq!((TIERS_ZH.no_answer_rule)(1, "停止定期回访"), "一次未接通即停止定期回访");
        assert_eq!((TIERS_ZH.no_answer_rule)(2, "转专属顾问一对一跟进"), "连续 2 次未接通即转专属顾问一对一跟进");
        assert_eq!(
            (TIERS_EN.no_answer_rule)(1, "stop periodic visits"),
            "If a call goes unanswered: stop periodic visits"
        );
    }

    #[test]
    fn import_problems_name_the_row_and_the_other_customer() {
        let dup = RowOutcome::Problem(RowProblem::DuplicatePhone { name: "张伟".into(), row: Some(3) });
        assert_eq!((IMPORT_ZH.outcome)(&dup), "电话与第 3 行的张伟重复");
        assert_eq!((IMPORT_EN.outcome)(&dup), "Duplicate phone: same as 张伟 in row 3");
        let bad = RowOutcome::Problem(RowProblem::BadDate {
            column: Column::Birthday,
            error: FieldError::Date(DateError::Impossible),
        });
        assert_eq!((IMPORT_ZH.outcome)(&bad), "生日有误：没有这一天，请检查月份和日期");
    }
}
