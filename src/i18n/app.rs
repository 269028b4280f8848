//! Strings of the app shell, shared controls, storage messages, Settings and Data.

pub struct AppTexts {
    pub name: &'static str,
    pub tagline: &'static str,
    pub loading: &'static str,
    pub skip_to_content: &'static str,
    pub first_run_title: &'static str,
    pub first_run_body: &'static str,
    pub first_run_add: &'static str,
    pub first_run_import: &'static str,
    pub first_run_settings: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub go_home: &'static str,
    pub coming_title: &'static str,
    pub coming_body: &'static str,
    /// While a page's code is fetched the first time it opens (`ui::later`).
    pub page_loading: &'static str,
    /// A page whose code could not be fetched: no network before the app was stored on the device,
    /// or (without a service worker) a new version deployed since the page was opened, which a
    /// reload picks up.
    pub page_unavailable_title: &'static str,
    pub page_unavailable_body: &'static str,
    pub try_again: &'static str,
}

pub const APP_ZH: AppTexts = AppTexts {
    name: "回访",
    tagline: "客户回访助手",
    loading: "正在读取本机数据…",
    skip_to_content: "跳到正文",
    first_run_title: "欢迎使用回访",
    first_run_body: "回访帮你记住每一位客户该在什么时候联系、说什么、记下什么。所有数据只保存在这台设备的浏览器里，不需要账号，断网也能用。先从添加第一位客户开始吧。",
    first_run_add: "添加客户",
    first_run_import: "导入备份或表格",
    first_run_settings: "填写我的姓名和公司",
    not_found_title: "找不到这个页面",
    not_found_body: "链接可能已过期，或者地址输错了。",
    go_home: "回到今日待办",
    coming_title: "这里还是空的",
    coming_body: "添加客户后，这一页会显示相应的内容。",
    page_loading: "正在打开…",
    page_unavailable_title: "这一页没能打开",
    page_unavailable_body: "这一页的程序还没有下载到这台设备上。请确认网络已连接，然后点“重试”；仍然打不开的话，请刷新页面。已保存的数据都还在，其他页面照常可用。",
    try_again: "重试",
};

pub const APP_EN: AppTexts = AppTexts {
    name: "Huifang",
    tagline: "Customer follow-up",
    loading: "Reading the data on this device…",
    skip_to_content: "Skip to content",
    first_run_title: "Welcome to Huifang",
    first_run_body: "Huifang remembers when each customer should hear from you, what to say and what to write down. Everything stays in this browser on this device: no account, and it works offline. Start by adding your first customer.",
    first_run_add: "Add a customer",
    first_run_import: "Import a backup or spreadsheet",
    first_run_settings: "Enter my name and company",
    not_found_title: "Page not found",
    not_found_body: "The link may be out of date, or the address was mistyped.",
    go_home: "Back to Today",
    coming_title: "Nothing here yet",
    coming_body: "Once you add customers, this page fills in.",
    page_loading: "Opening…",
    page_unavailable_title: "This page could not open",
    page_unavailable_body: "This page's code has not been downloaded to this device yet. Check that you are online and press “Try again”; if it still does not open, reload the page. Everything saved is still here, and the other pages work as usual.",
    try_again: "Try again",
};

pub struct NavTexts {
    pub main_menu: &'static str,
    pub today: &'static str,
    pub customers: &'static str,
    pub scripts: &'static str,
    pub reports: &'static str,
    pub settings: &'static str,
    pub data: &'static str,
    pub language: &'static str,
}

pub const NAV_ZH: NavTexts = NavTexts {
    main_menu: "主菜单",
    today: "今日",
    customers: "客户",
    scripts: "话术",
    reports: "报表",
    settings: "设置",
    data: "数据",
    language: "语言",
};

pub const NAV_EN: NavTexts = NavTexts {
    main_menu: "Main menu",
    today: "Today",
    customers: "Customers",
    scripts: "Scripts",
    reports: "Reports",
    settings: "Settings",
    data: "Data",
    language: "Language",
};

pub struct CommonTexts {
    /// Between the items of a list in a sentence: "；" / "; ".
    pub list_separator: &'static str,
    /// Between short words of one list (field names, phone numbers): "、" / ", ".
    pub enumeration: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub edit: &'static str,
    pub add: &'static str,
    pub close: &'static str,
    pub confirm: &'static str,
    pub undo: &'static str,
    pub back: &'static str,
    pub search: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub none: &'static str,
    pub required: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub dismiss: &'static str,
    pub demo_badge: &'static str,
    /// Shown where a measure or value cannot be computed (no data, division by zero).
    pub no_value: &'static str,
}

pub const COMMON_ZH: CommonTexts = CommonTexts {
    list_separator: "；",
    enumeration: "、",
    save: "保存",
    saving: "正在保存…",
    saved: "已保存",
    cancel: "取消",
    delete: "删除",
    edit: "编辑",
    add: "添加",
    close: "关闭",
    confirm: "确定",
    undo: "撤销",
    back: "返回",
    search: "搜索",
    yes: "是",
    no: "否",
    none: "无",
    required: "必填",
    copy: "复制",
    copied: "已复制",
    dismiss: "知道了",
    demo_badge: "演示",
    no_value: "—",
};

pub const COMMON_EN: CommonTexts = CommonTexts {
    list_separator: "; ",
    enumeration: ", ",
    save: "Save",
    saving: "Saving…",
    saved: "Saved",
    cancel: "Cancel",
    delete: "Delete",
    edit: "Edit",
    add: "Add",
    close: "Close",
    confirm: "OK",
    undo: "Undo",
    back: "Back",
    search: "Search",
    yes: "Yes",
    no: "No",
    none: "None",
    required: "Required",
    copy: "Copy",
    copied: "Copied",
    dismiss: "Got it",
    demo_badge: "Demo",
    no_value: "—",
};

/// Messages for storage failures. Each says what happened and what the user can do; none of them
/// means saved data was lost.
pub struct StorageTexts {
    pub unavailable: &'static str,
    pub quota_exceeded: &'static str,
    pub unreadable: fn(&str) -> String,
    /// Records set aside at load: how many, which, and what to do.
    pub quarantined: fn(usize, &str) -> String,
    pub too_new: fn(u32) -> String,
    pub conflict: &'static str,
    pub missing: &'static str,
    /// Added to every confirmation while nothing can be stored.
    pub memory_only_suffix: &'static str,
    pub not_verified: &'static str,
    pub failed: fn(&str) -> String,
    pub read_only_banner: &'static str,
    /// Storage full before anything was ever stored on this device.
    pub full_from_start_banner: &'static str,
    pub changed_elsewhere: &'static str,
}

pub const STORAGE_ZH: StorageTexts = StorageTexts {
    unavailable: "这个浏览器不允许网页保存数据（可能是无痕/隐私模式或禁用了存储）。你仍可查看和试用，但关闭页面后改动会丢失。请换用普通窗口打开。",
    quota_exceeded: "设备存储空间已满，这次改动没有保存；之前保存的数据都还在。请到“数据”页导出备份，删除不需要的签名或演示数据后再试。",
    unreadable: |what| {
        format!("本机保存的数据有一部分无法读取（{what}）。其余数据照常可用；请先导出备份，再联系技术支持。")
    },
    quarantined: |n, which| {
        format!(
            "本机有 {n} 条记录无法读取（{which}），已原样单独保管，其余数据照常可用。到“数据”页导出备份时，它们会原样放进备份文件；请把备份发给技术支持。"
        )
    },
    too_new: |v| {
        format!(
            "本机数据由更新版本的回访保存（数据版本 {v}）。为避免损坏数据，此页面只能查看。请刷新页面以加载最新版本。"
        )
    },
    conflict: "这条记录刚在另一个标签页里被修改并保存了。为了不覆盖那边的修改，这次改动没有保存。请核对后再保存一次：再次保存将以你现在填写的内容为准。",
    missing: "这位客户（或这条回访记录）已经被删除了，可能是在另一个标签页里。这次没有保存，你填写的内容还在页面上。",
    memory_only_suffix: "（只记在本页，没有存到设备上，关闭页面就没了）",
    not_verified: "保存后校验失败：浏览器没有写入这次改动。之前保存的数据仍在，请重试。",
    failed: |what| format!("保存失败（{what}）。之前保存的数据仍在，请重试。"),
    read_only_banner: "存储空间已满：新的改动暂时无法保存，已保存的数据都在，可以照常查看。请先到“数据”页导出备份，再删除不再需要的签名或演示数据，或清理这台设备上其他应用的空间，然后重试。",
    full_from_start_banner: "这台设备的存储空间已满，回访还没能保存任何数据：现在添加的客户和回访都存不下。请清理这台设备的空间（不用的应用、照片，或浏览器里其他网站的数据），然后刷新页面。",
    changed_elsewhere: "另一个标签页更新了数据，这里已同步。",
};

pub const STORAGE_EN: StorageTexts = StorageTexts {
    unavailable: "This browser does not let the page store data (private browsing, or storage is disabled). You can look around, but changes are lost when the page closes. Open Huifang in a normal window.",
    quota_exceeded: "The device's storage is full, so this change was not saved; everything saved before is still there. Export a backup on the Data page and delete signatures or demo data you no longer need, then try again.",
    unreadable: |what| {
        format!(
            "Part of the data on this device cannot be read ({what}). The rest works as usual; export a backup first, then contact support."
        )
    },
    quarantined: |n, which| {
        let records = if n == 1 { "record" } else { "records" };
        format!(
            "{n} {records} on this device cannot be read ({which}) and are kept aside as they are; everything else works as usual. A backup exported on the Data page carries them unchanged: send it to support."
        )
    },
    too_new: |v| {
        format!(
            "The data on this device was saved by a newer Huifang (data version {v}). To avoid damaging it, this page is read-only. Reload to get the latest version."
        )
    },
    conflict: "This record was just changed and saved in another tab. So as not to overwrite that, this change was not saved. Check it and save again: saving again keeps what you have entered now.",
    missing: "This customer (or visit record) has been deleted, perhaps in another tab. Nothing was saved; what you entered is still on the page.",
    memory_only_suffix: " (kept on this page only, not stored on this device: lost when the page closes)",
    not_verified: "The change did not stick: the browser did not store it. Everything saved before is still there; please try again.",
    failed: |what| format!("Could not save ({what}). Everything saved before is still there; please try again."),
    read_only_banner: "Storage is full: new changes cannot be saved for now. Everything saved is still here to read. Export a backup on the Data page first, then delete signatures or demo data you no longer need, or free space used by other apps on this device, and try again.",
    full_from_start_banner: "This device's storage is full, so Huifang has not been able to store anything yet: customers and visits added now cannot be kept. Free some space on the device (unused apps, photos, or other sites' data in the browser), then reload the page.",
    changed_elsewhere: "Another tab updated the data; this page is up to date.",
};

pub struct SettingsTexts {
    pub title: &'static str,
    pub language: &'static str,
    pub language_hint: &'static str,
    pub profile: &'static str,
    pub profile_hint: &'static str,
    pub agent_name: &'static str,
    pub company: &'static str,
    pub supervisor: &'static str,
    /// The support channel given at the end of a call ({热线}).
    pub hotline: &'static str,
    pub hotline_hint: &'static str,
    pub role: &'static str,
    pub role_name: fn(crate::domain::settings::Role) -> &'static str,
    pub role_hint: &'static str,
    pub day_plan: &'static str,
    pub day_plan_hint: &'static str,
    pub capacity: &'static str,
    pub pull_step: &'static str,
    pub weights: &'static str,
    pub weights_hint: &'static str,
    pub weight_complaint: &'static str,
    pub weight_urgent: &'static str,
    pub weight_late: &'static str,
    pub weight_closes_today: &'static str,
    pub weight_tier: &'static str,
    pub weight_value: &'static str,
    pub number_range: fn(u32, u32) -> String,
}

pub const SETTINGS_ZH: SettingsTexts = SettingsTexts {
    title: "设置",
    language: "界面语言",
    language_hint: "只影响本设备上的显示，客户数据不变。",
    profile: "我的信息",
    profile_hint: "会填进话术里的 {坐席}、{公司} 和 {热线}；姓名和公司还会印在报表上。",
    agent_name: "我的姓名",
    company: "公司名称",
    supervisor: "主管姓名",
    hotline: "服务热线",
    hotline_hint: "通话结束时告诉客户的联系方式，如 400 电话或微信号。",
    role: "我的角色",
    role_name: |r| match r {
        crate::domain::settings::Role::Agent => "坐席（打电话、填回访记录）",
        crate::domain::settings::Role::Supervisor => "主管（还要审核回访记录）",
    },
    role_hint: "主管在回访记录页能审核记录（通过或退回）；坐席看不到审核表。",
    day_plan: "今日工作",
    day_plan_hint: "今日页按顺序排出每天能做完的量：每位客户一张卡片，一次联系办完所有事项，其余按窗口排到后面几天。",
    capacity: "每天联系多少位客户",
    pull_step: "“再加”一次加几位",
    weights: "排序权重",
    weights_hint: "每张卡片的分数是下面各项相加，分数高的排前面；同分时先开始的排前面。",
    weight_complaint: "有投诉要处理",
    weight_urgent: "紧急事项（紧急问题、事故、转专属顾问）",
    weight_late: "已过窗口",
    weight_closes_today: "窗口今天结束",
    weight_tier: "客户等级（每高一级加）",
    weight_value: "客户价值（消费排在最前时加满）",
    number_range: |min, max| format!("请输入 {min} 到 {max} 之间的整数"),
};

pub const SETTINGS_EN: SettingsTexts = SettingsTexts {
    title: "Settings",
    language: "Language",
    language_hint: "Only changes what this device shows; customer data stays as it is.",
    profile: "About me",
    profile_hint: "Filled into scripts as {agent}, {company} and {hotline}; your name and company are also printed on reports.",
    agent_name: "My name",
    company: "Company",
    supervisor: "Supervisor",
    hotline: "Support line",
    hotline_hint: "How customers reach you, given at the end of a call: a phone number, a WeChat ID…",
    role: "My role",
    role_name: |r| match r {
        crate::domain::settings::Role::Agent => "Agent (makes the calls, files the records)",
        crate::domain::settings::Role::Supervisor => "Supervisor (also reviews records)",
    },
    role_hint: "A supervisor can approve or return a record on its page; an agent does not see the review form.",
    day_plan: "A day's work",
    day_plan_hint: "Today lists what one day can hold, in order: one card per customer with every reason for one contact; the rest is planned into the next days inside their windows.",
    capacity: "Customers to contact a day",
    pull_step: "How many “Add more” pulls in",
    weights: "Order weights",
    weights_hint: "A card's score is the sum of the weights below; the highest comes first, and on a tie the one open longest.",
    weight_complaint: "A complaint to handle",
    weight_urgent: "Something urgent (urgent problem, incident, specialist)",
    weight_late: "Past its window",
    weight_closes_today: "Window closes today",
    weight_tier: "Customer tier (per step up)",
    weight_value: "Customer value (full for the top spenders)",
    number_range: |min, max| format!("Enter a whole number from {min} to {max}"),
};

pub struct DataTexts {
    pub title: &'static str,
    pub where_title: &'static str,
    pub where_body: &'static str,
    pub clearing_warning: &'static str,
    pub usage_title: &'static str,
    pub usage: fn(&str, &str) -> String,
    pub usage_unknown: &'static str,
    pub counts: fn(usize, usize, usize) -> String,
    pub schema_version: fn(u32) -> String,
}

pub const DATA_ZH: DataTexts = DataTexts {
    title: "数据",
    where_title: "数据存在哪里",
    where_body: "所有客户、回访记录和设置都只保存在这台设备的这个浏览器里（IndexedDB 和 localStorage），不会上传到任何服务器。",
    clearing_warning: "清除浏览器的“网站数据”或“Cookie 和网站数据”会删除这里的全部数据，且无法恢复。换设备、重装浏览器前请先导出备份。",
    usage_title: "存储空间",
    usage: |used, quota| format!("已用 {used}，可用上限约 {quota}"),
    usage_unknown: "这个浏览器不提供存储用量信息。",
    counts: |c, v, f| format!("{c} 位客户，{v} 条回访记录，{f} 条反馈事项"),
    schema_version: |v| format!("数据版本 {v}"),
};

pub const DATA_EN: DataTexts = DataTexts {
    title: "Data",
    where_title: "Where your data lives",
    where_body: "All customers, visit records and settings are kept only in this browser on this device (IndexedDB and localStorage). Nothing is sent to any server.",
    clearing_warning: "Clearing the browser's \"site data\" or \"cookies and site data\" deletes everything here, for good. Export a backup before changing device or reinstalling the browser.",
    usage_title: "Storage",
    usage: |used, quota| format!("{used} used of about {quota} available"),
    usage_unknown: "This browser does not report storage usage.",
    counts: |c, v, f| format!("{c} customers, {v} visit records, {f} feedback items"),
    schema_version: |v| format!("Data version {v}"),
};
