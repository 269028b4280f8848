//! Strings of durability: persistent storage, space, the backup reminder, offline use and updates.

pub struct DurabilityTexts {
    pub section_title: &'static str,
    pub persist_title: &'static str,
    pub persisted_yes: &'static str,
    pub persisted_no: &'static str,
    pub persist_button: &'static str,
    pub persist_granted: &'static str,
    pub persist_refused: &'static str,
    pub space_title: &'static str,
    /// used, left, quota
    pub usage: fn(&str, &str, &str) -> String,
    pub usage_unknown: &'static str,
    pub usage_high: &'static str,
    pub backup_title: &'static str,
    /// date, days ago
    pub last_backup: fn(&str, i64) -> String,
    pub never_backed_up: &'static str,
    pub reminder_on: fn(u32) -> String,
    pub reminder_off: &'static str,
    pub change_reminder: &'static str,
    pub offline_title: &'static str,
    pub offline_ready: &'static str,
    pub offline_pending: &'static str,
    pub offline_unsupported: &'static str,
    /// days without a backup
    pub reminder: fn(i64) -> String,
    /// days since the data started, no backup ever
    pub reminder_never: fn(i64) -> String,
    pub reminder_action: &'static str,
    pub reminder_later: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub settings_title: &'static str,
    pub settings_hint: &'static str,
    pub remind_label: &'static str,
    pub remind_not_number: &'static str,
    pub remind_too_large: &'static str,
}

pub const DURABILITY_ZH: DurabilityTexts = DurabilityTexts {
    section_title: "数据安全",
    persist_title: "持久存储",
    persisted_yes: "已开启持久存储：即使设备空间紧张，浏览器也不会自动清除这里的数据。",
    persisted_no: "尚未开启持久存储：设备空间紧张时，浏览器可能自动清除这里的数据。请定期导出备份；把回访添加到主屏幕后，浏览器通常会同意开启。",
    persist_button: "请求持久存储",
    persist_granted: "浏览器已同意持久保存回访的数据。",
    persist_refused: "浏览器暂未同意持久存储（常用或添加到主屏幕后才会同意）。数据照常保存，请定期导出备份。",
    space_title: "存储空间",
    usage: |used, left, quota| format!("已用 {used}，还可用约 {left}（上限约 {quota}）"),
    usage_unknown: "这个浏览器不提供存储用量信息。",
    usage_high: "空间快用完了：请先导出备份，再删除不再需要的签名或演示数据。",
    backup_title: "备份",
    last_backup: |date, days| match days {
        0 => format!("上次导出备份：{date}（今天）"),
        d => format!("上次导出备份：{date}（{d} 天前）"),
    },
    never_backed_up: "这台设备上还没有导出过备份。",
    reminder_on: |n| format!("超过 {n} 天没有备份时，“今日”页会提醒你。"),
    reminder_off: "备份提醒已关闭。",
    change_reminder: "修改提醒天数",
    offline_title: "离线使用",
    offline_ready: "已可离线使用：没有网络时也能打开回访，包括直接打开某个页面的链接。",
    offline_pending: "离线功能正在准备中，下次打开时即可断网使用。",
    offline_unsupported: "这个浏览器（或当前网址）不支持离线使用。",
    reminder: |d| {
        format!("已经 {d} 天没有备份了。数据只保存在这台设备上，请导出一份备份文件，存到电脑、网盘或另一部手机里。")
    },
    reminder_never: |d| {
        format!(
            "已经使用 {d} 天，还没有导出过备份。数据只保存在这台设备上，请导出一份备份文件，存到电脑、网盘或另一部手机里。"
        )
    },
    reminder_action: "去导出备份",
    reminder_later: "明天再提醒",
    update_ready: "回访有新版本了。保存好正在填写的内容后，点“重新加载”即可使用新版本。",
    update_reload: "重新加载",
    settings_title: "备份提醒",
    settings_hint: "数据只保存在这台设备上。超过这个天数没有导出备份，“今日”页会提醒你。填 0 表示不提醒。",
    remind_label: "提醒间隔（天）",
    remind_not_number: "请填写 0 到 365 之间的整数天数。",
    remind_too_large: "最多 365 天。",
};

pub const DURABILITY_EN: DurabilityTexts = DurabilityTexts {
    section_title: "Keeping data safe",
    persist_title: "Persistent storage",
    persisted_yes: "Persistent storage is on: the browser will not clear this data on its own, even when the device runs low on space.",
    persisted_no: "Persistent storage is off: when the device runs low on space, the browser may clear this data on its own. Export backups regularly; adding Huifang to the home screen usually lets the browser turn it on.",
    persist_button: "Ask for persistent storage",
    persist_granted: "The browser agreed to keep Huifang's data.",
    persist_refused: "The browser has not agreed yet (it usually does once Huifang is used often or added to the home screen). Data is saved as usual; export backups regularly.",
    space_title: "Storage",
    usage: |used, left, quota| format!("{used} used, about {left} left (of about {quota})"),
    usage_unknown: "This browser does not report storage usage.",
    usage_high: "Space is running out: export a backup first, then delete signatures or demo data you no longer need.",
    backup_title: "Backups",
    last_backup: |date, days| match days {
        0 => format!("Last backup exported: {date} (today)"),
        1 => format!("Last backup exported: {date} (yesterday)"),
        d => format!("Last backup exported: {date} ({d} days ago)"),
    },
    never_backed_up: "No backup has been exported on this device yet.",
    reminder_on: |n| format!("Today reminds you when there has been no backup for {n} days."),
    reminder_off: "The backup reminder is off.",
    change_reminder: "Change the reminder",
    offline_title: "Offline use",
    offline_ready: "Ready for offline use: Huifang opens without a network, links to any page included.",
    offline_pending: "Offline use is being set up; from the next visit Huifang opens without a network.",
    offline_unsupported: "This browser (or this address) does not support offline use.",
    reminder: |d| {
        format!(
            "No backup for {d} days. Your data is only on this device: export a backup file and keep it on a computer, a cloud drive or another phone."
        )
    },
    reminder_never: |d| {
        format!(
            "You have used Huifang for {d} days without exporting a backup. Your data is only on this device: export a backup file and keep it on a computer, a cloud drive or another phone."
        )
    },
    reminder_action: "Export a backup",
    reminder_later: "Remind me tomorrow",
    update_ready: "A new version of Huifang is ready. Finish and save what you are typing, then press Reload to use it.",
    update_reload: "Reload",
    settings_title: "Backup reminder",
    settings_hint: "Your data is only on this device. When no backup has been exported for this many days, Today reminds you. 0 turns the reminder off.",
    remind_label: "Remind after (days)",
    remind_not_number: "Enter a whole number of days from 0 to 365.",
    remind_too_large: "At most 365 days.",
};
