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
    pub too_new: fn(u32) -> String,
    pub conflict: &'static str,
    pub not_verified: &'static str,
    pub failed: fn(&str) -> String,
    pub read_only_banner: &'static str,
    pub changed_elsewhere: &'static str,
}

pub const STORAGE_ZH: StorageTexts = StorageTexts {
    unavailable: "这个浏览器不允许网页保存数据（可能是无痕/隐私模式或禁用了存储）。你仍可查看和试用，但关闭页面后改动会丢失。请换用普通窗口打开。",
    quota_exceeded: "设备存储空间已满，这次改动没有保存；之前保存的数据都还在。请到“数据”页导出备份，删除不需要的签名或演示数据后再试。",
    unreadable: |what| format!("本机保存的数据有一部分无法读取（{what}）。其余数据照常可用；请先导出备份，再联系技术支持。"),
    too_new: |v| format!("本机数据由更新版本的回访保存（数据版本 {v}）。为避免损坏数据，此页面只能查看。请刷新页面以加载最新版本。"),
    conflict: "这条记录刚在另一个标签页里被修改并保存了。为了不覆盖那边的修改，这次改动没有保存。请核对后再保存一次：再次保存将以你现在填写的内容为准。",
    not_verified: "保存后校验失败：浏览器没有写入这次改动。之前保存的数据仍在，请重试。",
    failed: |what| format!("保存失败（{what}）。之前保存的数据仍在，请重试。"),
    read_only_banner: "存储空间已满：新的改动暂时无法保存，已保存的数据都在，可以照常查看。请先到“数据”页导出备份，再删除不再需要的签名或演示数据，或清理这台设备上其他应用的空间，然后重试。",
    changed_elsewhere: "另一个标签页更新了数据，这里已同步。",
};

pub const STORAGE_EN: StorageTexts = StorageTexts {
    unavailable: "This browser does not let the page store data (private browsing, or storage is disabled). You can look around, but changes are lost when the page closes. Open Huifang in a normal window.",
    quota_exceeded: "The device's storage is full, so this change was not saved; everything saved before is still there. Export a backup on the Data page and delete signatures or demo data you no longer need, then try again.",
    unreadable: |what| format!("Part of the data on this device cannot be read ({what}). The rest works as usual; export a backup first, then contact support."),
    too_new: |v| format!("The data on this device was saved by a newer Huifang (data version {v}). To avoid damaging it, this page is read-only. Reload to get the latest version."),
    conflict: "This record was just changed and saved in another tab. So as not to overwrite that, this change was not saved. Check it and save again: saving again keeps what you have entered now.",
    not_verified: "The change did not stick: the browser did not store it. Everything saved before is still there; please try again.",
    failed: |what| format!("Could not save ({what}). Everything saved before is still there; please try again."),
    read_only_banner: "Storage is full: new changes cannot be saved for now. Everything saved is still here to read. Export a backup on the Data page first, then delete signatures or demo data you no longer need, or free space used by other apps on this device, and try again.",
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
