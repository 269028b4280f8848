//! The typed catalogue of every user-visible string.
//!
//! Each page has a section struct (`NavTexts`, `StorageTexts`, ...) with one field per string and
//! two `const` instances, `ZH` and `EN`. A string added to a section without its translation is a
//! missing field in one of the constants and fails the build, so the app can never show a blank or
//! a key. Labels of domain enums are exhaustive `match`es: a new variant without a label also fails
//! the build. Strings that take values are `fn` pointers.

pub mod agenda;
pub mod app;
pub mod customers;
pub mod durability;
pub mod exchange;
pub mod format;
pub mod labels;
pub mod library;
pub mod record;
pub mod reports;
pub mod scripts;
pub mod signature;
pub mod sync;

pub use agenda::{AgendaTexts, ScheduleSettingsTexts};
pub use app::{AppTexts, CommonTexts, DataTexts, NavTexts, SettingsTexts, StorageTexts};
pub use customers::{CustomersTexts, ImportTexts, TierTexts};
pub use durability::DurabilityTexts;
pub use exchange::ExchangeTexts;
pub use labels::Labels;
pub use library::LibraryTexts;
pub use record::RecordTexts;
pub use reports::ReportsTexts;
pub use scripts::ScriptTexts;
pub use signature::SignatureTexts;
pub use sync::SyncTexts;

pub use crate::domain::lang::Lang;

/// Every string of the app in one language.
pub struct Texts {
    pub lang: Lang,
    pub app: AppTexts,
    pub nav: NavTexts,
    pub common: CommonTexts,
    pub storage: StorageTexts,
    pub settings: SettingsTexts,
    pub data: DataTexts,
    pub labels: Labels,
    pub reports: ReportsTexts,
    pub scripts: ScriptTexts,
    pub record: RecordTexts,
    pub agenda: AgendaTexts,
    pub schedule_settings: ScheduleSettingsTexts,
    pub customers: CustomersTexts,
    pub import: ImportTexts,
    pub tiers: TierTexts,
    pub library: LibraryTexts,
    pub signature: SignatureTexts,
    pub durability: DurabilityTexts,
    pub exchange: ExchangeTexts,
    pub sync: SyncTexts,
}

pub static ZH: Texts = Texts {
    lang: Lang::Zh,
    app: app::APP_ZH,
    nav: app::NAV_ZH,
    common: app::COMMON_ZH,
    storage: app::STORAGE_ZH,
    settings: app::SETTINGS_ZH,
    data: app::DATA_ZH,
    labels: labels::ZH,
    reports: reports::ZH,
    scripts: scripts::SCRIPTS_ZH,
    record: record::RECORD_ZH,
    agenda: agenda::AGENDA_ZH,
    schedule_settings: agenda::SCHEDULE_SETTINGS_ZH,
    customers: customers::CUSTOMERS_ZH,
    import: customers::IMPORT_ZH,
    tiers: customers::TIERS_ZH,
    library: library::LIBRARY_ZH,
    signature: signature::SIGNATURE_ZH,
    durability: durability::DURABILITY_ZH,
    exchange: exchange::EXCHANGE_ZH,
    sync: sync::SYNC_ZH,
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    app: app::APP_EN,
    nav: app::NAV_EN,
    common: app::COMMON_EN,
    storage: app::STORAGE_EN,
    settings: app::SETTINGS_EN,
    data: app::DATA_EN,
    labels: labels::EN,
    reports: reports::EN,
    scripts: scripts::SCRIPTS_EN,
    record: record::RECORD_EN,
    agenda: agenda::AGENDA_EN,
    schedule_settings: agenda::SCHEDULE_SETTINGS_EN,
    customers: customers::CUSTOMERS_EN,
    import: customers::IMPORT_EN,
    tiers: customers::TIERS_EN,
    library: library::LIBRARY_EN,
    signature: signature::SIGNATURE_EN,
    durability: durability::DURABILITY_EN,
    exchange: exchange::EXCHANGE_EN,
    sync: sync::SYNC_EN,
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
