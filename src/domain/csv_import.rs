//! Importing customers and purchases from a CSV file saved by Excel or WPS.
//!
//! The steps, each pure: [`decode`] tells the encoding (UTF-8 with or without BOM, UTF-16 from
//! "Unicode text", or GBK, which Excel uses for "CSV" on Chinese Windows and which the browser's
//! `TextDecoder('gbk')` decodes, so no encoding table ships in the app); [`parse_csv`] splits the
//! text into rows; [`guess_mapping`] proposes a column mapping from the headers; [`plan`] turns
//! every row into a new customer, a purchase for a customer already known, or a problem with its
//! reason. Nothing is written until the user confirms the plan, which the app then saves as one
//! atomic batch.
//!
//! A file may list one customer per row, or one purchase per row (a sales ledger): rows with the
//! same phone number and the same name are one customer with several purchases. The same phone
//! under another name is a problem (a typo or a shared number the user must sort out by hand).

use crate::domain::customer::{Birthday, Customer, Honorific, Id, NeedType, Purchase};
use crate::domain::customer_form::{
    FieldError, parse_amount, parse_email, parse_past_date, parse_phone, parse_tags, phone_key,
};
use crate::domain::money::Money;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// A file larger than this is refused, as an exchange file is: a sales ledger of 100,000 rows is
/// about 10 MB. Within it, any number of rows is read (and planned in chunks, see [`Planner`]).
pub const MAX_BYTES: usize = crate::domain::exchange::import::MAX_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gbk,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Text {
        text: String,
        encoding: Encoding,
    },
    /// Not Unicode: decode as GBK (with the browser's `TextDecoder('gbk')`).
    NeedsGbk,
    /// Mostly UTF-8 with a few bytes that are not (a cell pasted from elsewhere), or GBK that
    /// happens to look like UTF-8 here and there: the user chooses, seeing both. `utf8` has the
    /// stray bytes replaced.
    Unsure {
        utf8: String,
    },
}

/// Recognises the encoding of a file's bytes and decodes the Unicode ones.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Decoded::Text { text: String::from_utf8_lossy(rest).into_owned(), encoding: Encoding::Utf8Bom };
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        Decoded::Text { text: String::from_utf16_lossy(&units), encoding: Encoding::Utf16 }
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text { text: text.to_string(), encoding: Encoding::Utf8 },
        Err(_) => {
            let (valid, invalid) = utf8_sequences(bytes);
            // Real GBK text breaks UTF-8 almost everywhere it has Chinese; a UTF-8 file with a
            // stray byte has many good multi-byte characters and one or two bad ones.
            if valid >= 10 && invalid * 20 <= valid {
                Decoded::Unsure { utf8: String::from_utf8_lossy(bytes).into_owned() }
            } else {
                Decoded::NeedsGbk
            }
        }
    }
}

/// How many multi-byte UTF-8 characters the bytes hold, and how many invalid sequences.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += std::str::from_utf8(&bytes[..good]).map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = good + e.error_len().unwrap_or(bytes.len() - good).max(1);
                if skip >= bytes.len() {
                    return (valid, invalid);
                }
                bytes = &bytes[skip..];
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
}

/// Splits CSV text into rows of cells (RFC 4180: quoted cells may hold separators, doubled
/// quotes and line breaks). The separator is whichever of comma, tab and semicolon the first line
/// uses most (Excel's "Unicode text" uses tabs, some European settings semicolons). Rows with no
/// content, which Excel leaves at the end, are dropped.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    read_sheet(text).map(|sheet| sheet.rows)
}

/// A file's rows, and the rows whose quote never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
    /// Indexes into `rows` (the header is 0) of rows with a quote that never closed. Read by the
    /// RFC the quote would swallow every row after it into one cell; instead it is read as a plain
    /// character, the rows after it stay rows, and this row is shown as a problem.
    pub unclosed: Vec<usize>,
}

/// [`parse_csv`], saying which rows had a quote that never closed.
pub fn read_sheet(text: &str) -> Result<Sheet, CsvError> {
    let first_line = text.lines().next().unwrap_or("");
    let separator = [',', '\t', ';', '，']
        .into_iter()
        .max_by_key(|sep| first_line.matches(*sep).count())
        .filter(|sep| first_line.contains(*sep))
        .unwrap_or(',');
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut unclosed: Vec<usize> = Vec::new();
    // Quotes read as plain characters (they never closed), by byte position.
    let mut literal: Vec<usize> = Vec::new();
    // Where the open quote was, with the state to go back to if it never closes.
    let mut open: Option<(usize, usize, Vec<String>, String)> = None;
    let push_row = |row: &mut Vec<String>, rows: &mut Vec<Vec<String>>| {
        if row.iter().any(|c| !c.trim().is_empty()) {
            rows.push(std::mem::take(row));
        } else {
            row.clear();
        }
    };
    let mut pos = 0;
    loop {
        let Some(c) = text[pos..].chars().next() else {
            if let (true, Some((at, count, kept_row, kept_cell))) = (quoted, open.take()) {
                // The quote never closed: back to it, read it as a character, and go on.
                literal.push(at);
                rows.truncate(count);
                row = kept_row;
                cell = kept_cell;
                quoted = false;
                unclosed.push(rows.len());
                pos = at;
                continue;
            }
            break;
        };
        let next = pos + c.len_utf8();
        if quoted {
            match c {
                '"' if text[next..].starts_with('"') => {
                    cell.push('"');
                    pos = next + 1;
                    continue;
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            pos = next;
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() && !literal.contains(&pos) => {
                open = Some((pos, rows.len(), row.clone(), cell.clone()));
                cell.clear();
                quoted = true;
            }
            '\r' | '\n' => {
                row.push(std::mem::take(&mut cell));
                push_row(&mut row, &mut rows);
                if c == '\r' && text[next..].starts_with('\n') {
                    pos = next + 1;
                    continue;
                }
            }
            _ if c == separator => row.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
        pos = next;
    }
    row.push(cell);
    push_row(&mut row, &mut rows);
    if rows.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(Sheet { rows, unclosed })
}

/// The longest cell read: a note of a few paragraphs. Longer is a broken file (a quote that
/// swallowed rows, a pasted document), refused row by row rather than stored.
pub const CELL_MAX: usize = 2_000;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Ignore,
    Name,
    /// 先生/女士, or a gender column (男/女).
    Honorific,
    /// Several columns may hold phones (mobile, landline); a cell may hold several, separated by
    /// `/`, `;` or `、`.
    Phone,
    Email,
    WeChat,
    Address,
    Birthday,
    /// 是/否: the birthday is celebrated by the lunar calendar.
    Lunar,
    RegisteredOn,
    Source,
    Tags,
    Need,
    PreferredTime,
    Notes,
    PurchaseDate,
    Amount,
    Product,
    PurchaseNote,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::Ignore,
        Column::Name,
        Column::Honorific,
        Column::Phone,
        Column::Email,
        Column::WeChat,
        Column::Address,
        Column::Birthday,
        Column::Lunar,
        Column::RegisteredOn,
        Column::Source,
        Column::Tags,
        Column::Need,
        Column::PreferredTime,
        Column::Notes,
        Column::PurchaseDate,
        Column::Amount,
        Column::Product,
        Column::PurchaseNote,
    ];

    /// Headers people use for this column, normalised (lowercase, no spaces or punctuation).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Ignore => &[],
            Column::Name => &[
                "姓名",
                "客户姓名",
                "客户名称",
                "客户名",
                "名字",
                "客户",
                "联系人",
                "name",
                "customer",
                "customername",
                "fullname",
            ],
            Column::Honorific => &["称呼", "尊称", "性别", "honorific", "title", "gender", "sex"],
            Column::Phone => &[
                "电话",
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "电话号码",
                "联系方式",
                "座机",
                "固话",
                "phone",
                "mobile",
                "tel",
                "telephone",
                "cell",
                "phonenumber",
            ],
            Column::Email => &["邮箱", "电子邮件", "电子邮箱", "邮件", "email", "mail"],
            Column::WeChat => &["微信", "微信号", "wechat", "weixin", "wechatid"],
            Column::Address => &["地址", "住址", "联系地址", "家庭住址", "收货地址", "address"],
            Column::Birthday => &["生日", "出生日期", "出生年月日", "birthday", "birthdate", "dateofbirth", "dob"],
            Column::Lunar => &["农历", "农历生日", "是否农历", "lunar", "lunarbirthday"],
            Column::RegisteredOn => &[
                "注册日期",
                "登记日期",
                "建档日期",
                "入会日期",
                "注册时间",
                "开户日期",
                "首次到店",
                "registered",
                "registeredon",
                "registrationdate",
                "since",
            ],
            Column::Source => &["来源", "客户来源", "渠道", "source", "channel"],
            Column::Tags => &["标签", "偏好", "偏好标签", "客户标签", "tags", "tag"],
            Column::Need => &["需求类型", "需求", "客户类型", "need", "needtype"],
            Column::PreferredTime => &["联系时间", "方便联系时间", "偏好时间", "preferredtime", "besttime"],
            Column::Notes => &["备注", "说明", "客户备注", "notes", "note", "remark", "remarks", "comment"],
            Column::PurchaseDate => &[
                "购买日期",
                "购买时间",
                "下单日期",
                "下单时间",
                "消费日期",
                "订单日期",
                "成交日期",
                "日期",
                "purchasedate",
                "orderdate",
                "date",
            ],
            Column::Amount => &[
                "金额",
                "消费金额",
                "订单金额",
                "购买金额",
                "实付金额",
                "成交金额",
                "价格",
                "amount",
                "total",
                "price",
            ],
            Column::Product => {
                &["产品", "商品", "品类", "产品名称", "商品名称", "购买产品", "product", "item", "category"]
            }
            Column::PurchaseNote => &["购买备注", "订单备注", "ordernote", "purchasenote"],
        }
    }

    /// Whether the column may appear more than once.
    fn repeatable(self) -> bool {
        matches!(self, Column::Ignore | Column::Phone | Column::Tags | Column::Notes)
    }
}

fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '*' | '_' | '-' | '(' | ')' | '（' | '）' | ':' | '：' | '.' | '/')
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A mapping for `headers`: each header's column by its usual names, a column already taken
/// becoming `Ignore` (except phones, tags and notes, which may repeat).
pub fn guess_mapping(headers: &[String]) -> Vec<Column> {
    let mut taken: Vec<Column> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = normalize_header(h);
            let column = Column::ALL.into_iter().find(|c| c.aliases().contains(&h.as_str())).unwrap_or(Column::Ignore);
            if !column.repeatable() && taken.contains(&column) {
                return Column::Ignore;
            }
            taken.push(column);
            column
        })
        .collect()
}

/// Why a row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    MissingName,
    BadDate {
        column: Column,
        error: FieldError,
    },
    BadAmount(FieldError),
    BadPhone(FieldError),
    BadEmail,
    /// A purchase column is filled but the date or the amount is missing.
    IncompletePurchase,
    /// A quote opened in this row never closed: the row cannot be read as meant.
    UnclosedQuote,
    /// A cell is longer than the customer form allows.
    TooLong {
        column: Column,
        max: usize,
    },
    /// The phone number belongs to another name, in an earlier row (`row`, as numbered in the
    /// preview) or in the book (`row: None`).
    DuplicatePhone {
        name: String,
        row: Option<usize>,
    },
}

/// What confirming will do with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// A new customer (with a purchase when the row has one).
    NewCustomer {
        with_purchase: bool,
    },
    /// A purchase for the customer of an earlier row or of the book.
    AddsPurchase {
        to: String,
        in_book: bool,
    },
    /// The same customer is already in the book, with nothing new: skipped.
    AlreadyInBook {
        name: String,
    },
    /// The same purchase is already recorded (a file imported twice): skipped.
    DuplicatePurchase {
        name: String,
    },
    /// The row repeats the row `row` of this file: skipped, unless the user keeps repeats.
    RepeatedInFile {
        row: usize,
    },
    Problem(RowProblem),
}

impl RowOutcome {
    pub fn is_problem(&self) -> bool {
        matches!(self, RowOutcome::Problem(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub name: String,
    pub phone: String,
    pub purchase: Option<(NaiveDate, Money, String)>,
    pub outcome: RowOutcome,
}

/// What confirming will write: new customers and the known customers with new purchases.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    pub rows: Vec<PreviewRow>,
    pub new_customers: Vec<Customer>,
    pub updated_customers: Vec<Customer>,
    pub purchases: usize,
    pub problems: usize,
    pub skipped: usize,
    /// Of the skipped rows, those that repeat an earlier row of the file.
    pub repeated: usize,
}

impl ImportPlan {
    pub fn writes_anything(&self) -> bool {
        !self.new_customers.is_empty() || !self.updated_customers.is_empty()
    }
}

struct RowFields {
    name: String,
    honorific: Honorific,
    phones: Vec<String>,
    email: String,
    wechat: String,
    address: String,
    birthday: Option<NaiveDate>,
    lunar: bool,
    registered_on: Option<NaiveDate>,
    source: String,
    tags: Vec<String>,
    need: NeedType,
    preferred_time: String,
    notes: Vec<String>,
    purchase: Option<(NaiveDate, Money, String, String)>,
}

fn yes(value: &str) -> bool {
    matches!(value.trim().to_lowercase().as_str(), "是" | "农历" | "阴历" | "y" | "yes" | "true" | "1" | "√" | "✓")
}

fn honorific_of(value: &str) -> Honorific {
    match value.trim().to_lowercase().as_str() {
        "先生" | "男" | "mr" | "mr." | "m" | "male" => Honorific::Mr,
        "女士" | "女" | "小姐" | "ms" | "ms." | "mrs" | "mrs." | "miss" | "f" | "female" => Honorific::Ms,
        _ => Honorific::None,
    }
}

fn need_of(value: &str) -> NeedType {
    let v = value.trim().to_lowercase();
    if v.starts_with("改善") || v == "improvement" {
        NeedType::Improvement
    } else if v.starts_with("尝鲜") || v == "trial" {
        NeedType::Trial
    } else {
        NeedType::Essential
    }
}

fn optional_date(value: &str, column: Column, today: NaiveDate) -> Result<Option<NaiveDate>, RowProblem> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_past_date(value, today).map(Some).map_err(|error| RowProblem::BadDate { column, error })
}

fn read_row(cells: &[String], mapping: &[Column], today: NaiveDate) -> Result<RowFields, RowProblem> {
    let cell = |column: Column| -> &str {
        mapping.iter().position(|c| *c == column).and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("")
    };
    let all = |column: Column| -> Vec<&str> {
        mapping
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == column)
            .filter_map(|(i, _)| cells.get(i).map(|s| s.trim()))
            .filter(|s| !s.is_empty())
            .collect()
    };
    let name = cell(Column::Name).split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(RowProblem::MissingName);
    }
    // The same limits as the customer form, so a file cannot hold what typing could not.
    let too_long = |column: Column, max: usize, value: &str| {
        (value.chars().count() > max).then_some(RowProblem::TooLong { column, max })
    };
    if let Some(problem) = too_long(Column::Name, crate::domain::customer_form::NAME_MAX, &name)
        .or_else(|| too_long(Column::Product, crate::domain::customer_form::PRODUCT_MAX, cell(Column::Product)))
        .or_else(|| mapping.iter().zip(cells).find_map(|(column, value)| too_long(*column, CELL_MAX, value)))
    {
        return Err(problem);
    }
    let mut phones = Vec::new();
    for value in all(Column::Phone) {
        for part in value.split(['/', ';', '；', '、', '|']).map(str::trim).filter(|p| !p.is_empty()) {
            // Excel shows long numbers in scientific notation unless the column is text.
            let phone = parse_phone(part).map_err(RowProblem::BadPhone)?;
            if !phones.iter().any(|p: &String| phone_key(p) == phone_key(&phone)) {
                phones.push(phone);
            }
        }
    }
    let email = match cell(Column::Email) {
        "" => String::new(),
        e => parse_email(e).map_err(|_| RowProblem::BadEmail)?,
    };
    let birthday = optional_date(cell(Column::Birthday), Column::Birthday, today)?;
    let registered_on = optional_date(cell(Column::RegisteredOn), Column::RegisteredOn, today)?;
    let (date, amount, product) = (cell(Column::PurchaseDate), cell(Column::Amount), cell(Column::Product));
    let purchase = if date.is_empty() && amount.is_empty() && product.is_empty() {
        None
    } else if date.is_empty() || amount.is_empty() {
        return Err(RowProblem::IncompletePurchase);
    } else {
        let date = parse_past_date(date, today)
            .map_err(|error| RowProblem::BadDate { column: Column::PurchaseDate, error })?;
        let amount = parse_amount(amount).map_err(RowProblem::BadAmount)?;
        Some((date, amount, product.to_string(), cell(Column::PurchaseNote).to_string()))
    };
    Ok(RowFields {
        name,
        honorific: honorific_of(cell(Column::Honorific)),
        phones,
        email,
        wechat: cell(Column::WeChat).chars().filter(|c| !c.is_whitespace()).collect(),
        address: cell(Column::Address).to_string(),
        birthday,
        lunar: yes(cell(Column::Lunar)),
        registered_on,
        source: cell(Column::Source).to_string(),
        tags: all(Column::Tags).into_iter().flat_map(parse_tags).collect(),
        need: need_of(cell(Column::Need)),
        preferred_time: cell(Column::PreferredTime).to_string(),
        notes: all(Column::Notes).into_iter().map(str::to_string).collect(),
        purchase,
    })
}

/// Where a customer of the plan lives while rows are read.
#[derive(Clone, Copy)]
enum Target {
    New(usize),
    Book(usize),
}

/// Plans the import of `rows` (the header row excluded) mapped by `mapping`, against the customers
/// already in the book. `new_id` makes ids for new customers and purchases; `now` stamps them.
/// Rows that repeat an earlier row of the file are skipped (see [`Planner::keep_repeats`]).
pub fn plan(
    rows: &[Vec<String>],
    mapping: &[Column],
    existing: &[Customer],
    today: NaiveDate,
    now: NaiveDateTime,
    new_id: &mut dyn FnMut() -> Id,
) -> ImportPlan {
    let mut planner = Planner::new(mapping, existing, today, now);
    planner.feed(rows, new_id);
    planner.finish()
}

/// A purchase added by this file: whose, when, how much, what.
type FilePurchase = (usize, NaiveDate, i64, String);

/// [`plan`] a piece at a time: a ledger of 100,000 rows is planned in chunks, the page drawing
/// its progress between them. Feeding all rows at once or in chunks gives the same plan.
pub struct Planner<'a> {
    mapping: &'a [Column],
    existing: &'a [Customer],
    today: NaiveDate,
    now: NaiveDateTime,
    /// Import a row that repeats an earlier row of the file as one more purchase (the same
    /// customer bought the same again that day) instead of skipping it.
    pub keep_repeats: bool,
    plan: ImportPlan,
    book: Vec<Option<Customer>>,
    by_phone: HashMap<String, (Target, String, Option<usize>)>,
    /// The purchases this file added, with the row that added each (new customers are numbered
    /// after the book's).
    added: HashMap<FilePurchase, usize>,
    /// The row that made each new customer.
    new_rows: Vec<usize>,
    /// Rows (indexes of the rows fed, the header excluded) whose quote never closed.
    pub unclosed: Vec<usize>,
    /// Rows read so far.
    read: usize,
}

impl<'a> Planner<'a> {
    pub fn new(mapping: &'a [Column], existing: &'a [Customer], today: NaiveDate, now: NaiveDateTime) -> Planner<'a> {
        let mut by_phone: HashMap<String, (Target, String, Option<usize>)> = HashMap::new();
        for (i, c) in existing.iter().enumerate() {
            for p in &c.phones {
                by_phone.entry(phone_key(p)).or_insert((Target::Book(i), c.name.clone(), None));
            }
        }
        Planner {
            mapping,
            existing,
            today,
            now,
            keep_repeats: false,
            plan: ImportPlan::default(),
            book: vec![None; existing.len()],
            by_phone,
            added: HashMap::new(),
            new_rows: Vec::new(),
            unclosed: Vec::new(),
            read: 0,
        }
    }

    /// How many rows were planned so far.
    pub fn rows_read(&self) -> usize {
        self.read
    }

    pub fn finish(mut self) -> ImportPlan {
        self.plan.updated_customers = self.book.into_iter().flatten().collect();
        self.plan
    }

    /// Plans the next rows of the file.
    pub fn feed(&mut self, rows: &[Vec<String>], new_id: &mut dyn FnMut() -> Id) {
        let (mapping, existing, today, now) = (self.mapping, self.existing, self.today, self.now);
        let plan = &mut self.plan;
        let book = &mut self.book;
        let by_phone = &mut self.by_phone;
        let added = &mut self.added;
        let new_rows = &mut self.new_rows;
        let unclosed = &self.unclosed;
        let keep_repeats = self.keep_repeats;
        let first = self.read;
        self.read += rows.len();
        for (i, cells) in rows.iter().enumerate() {
            let row_number = first + i + 2;
            let (name, phone) = {
                let cell = |column: Column| {
                    mapping
                        .iter()
                        .position(|c| *c == column)
                        .and_then(|k| cells.get(k))
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default()
                };
                (cell(Column::Name), cell(Column::Phone))
            };
            let mut preview = PreviewRow {
                row: row_number,
                name,
                phone,
                purchase: None,
                outcome: RowOutcome::NewCustomer { with_purchase: false },
            };
            let read = if unclosed.contains(&(first + i)) {
                Err(RowProblem::UnclosedQuote)
            } else {
                read_row(cells, mapping, today)
            };
            let fields = match read {
                Ok(f) => f,
                Err(problem) => {
                    preview.outcome = RowOutcome::Problem(problem);
                    plan.problems += 1;
                    plan.rows.push(preview);
                    continue;
                }
            };
            preview.purchase = fields.purchase.as_ref().map(|(d, a, p, _)| (*d, *a, p.clone()));
            let known = fields.phones.iter().find_map(|p| by_phone.get(&phone_key(p)).cloned());
            let purchase = fields.purchase.as_ref().map(|(date, amount, product, note)| Purchase {
                id: new_id(),
                date: *date,
                amount: *amount,
                product: product.clone(),
                note: note.clone(),
            });
            match known {
                Some((_, other, row)) if other != fields.name => {
                    preview.outcome = RowOutcome::Problem(RowProblem::DuplicatePhone { name: other, row });
                    plan.problems += 1;
                }
                Some((target, name, _)) => {
                    let in_book = matches!(target, Target::Book(_));
                    let twice = |c: &Customer, p: &Purchase| {
                        c.purchases.iter().any(|q| q.date == p.date && q.amount == p.amount && q.product == p.product)
                    };
                    let current: Option<&Customer> = match target {
                        Target::New(k) => plan.new_customers.get(k),
                        Target::Book(k) => book[k].as_ref().or(existing.get(k)),
                    };
                    let who = match target {
                        Target::Book(k) => k,
                        Target::New(k) => existing.len() + k,
                    };
                    let repeat_of = purchase
                        .as_ref()
                        .and_then(|p| added.get(&(who, p.date, p.amount.fen(), p.product.clone())).copied())
                        .filter(|_| !keep_repeats);
                    match (purchase, current) {
                        (Some(_), Some(_)) if repeat_of.is_some() => {
                            preview.outcome = RowOutcome::RepeatedInFile { row: repeat_of.unwrap_or_default() };
                            plan.skipped += 1;
                            plan.repeated += 1;
                        }
                        (Some(p), Some(c))
                            if twice(c, &p)
                                && !added.contains_key(&(who, p.date, p.amount.fen(), p.product.clone())) =>
                        {
                            preview.outcome = RowOutcome::DuplicatePurchase { name };
                            plan.skipped += 1;
                        }
                        (Some(p), Some(_)) => {
                            // A book customer is copied only once something is added to it.
                            let customer = match target {
                                Target::New(k) => plan.new_customers.get_mut(k),
                                Target::Book(k) => {
                                    if book[k].is_none() {
                                        book[k] = existing.get(k).cloned();
                                    }
                                    book[k].as_mut()
                                }
                            };
                            if let Some(c) = customer {
                                if p.date < c.registered_on && !in_book {
                                    c.registered_on = p.date;
                                }
                                added.entry((who, p.date, p.amount.fen(), p.product.clone())).or_insert(row_number);
                                c.purchases.push(p);
                                c.updated_at = now;
                            }
                            plan.purchases += 1;
                            preview.outcome = RowOutcome::AddsPurchase { to: name, in_book };
                        }
                        _ if in_book => {
                            preview.outcome = RowOutcome::AlreadyInBook { name };
                            plan.skipped += 1;
                        }
                        // The same customer row again, with nothing new: a repeat, not a clash.
                        _ if plan
                            .rows
                            .iter()
                            .any(|r| r.name == preview.name && r.phone == preview.phone && r.purchase.is_none()) =>
                        {
                            let row = plan
                                .rows
                                .iter()
                                .find(|r| r.name == preview.name && r.phone == preview.phone)
                                .map_or(row_number, |r| r.row);
                            preview.outcome = RowOutcome::RepeatedInFile { row };
                            plan.skipped += 1;
                            plan.repeated += 1;
                        }
                        _ => match target {
                            Target::New(k) => {
                                preview.outcome =
                                    RowOutcome::RepeatedInFile { row: new_rows.get(k).copied().unwrap_or(row_number) };
                                plan.skipped += 1;
                                plan.repeated += 1;
                            }
                            Target::Book(_) => {
                                preview.outcome = RowOutcome::Problem(RowProblem::DuplicatePhone { name, row: None });
                                plan.problems += 1;
                            }
                        },
                    }
                }
                None => {
                    let with_purchase = purchase.is_some();
                    let first_purchase = purchase.as_ref().map(|p| p.date);
                    let registered_on = match (fields.registered_on, first_purchase) {
                        (Some(r), Some(p)) => r.min(p),
                        (Some(r), None) => r,
                        (None, Some(p)) => p,
                        (None, None) => today,
                    };
                    let customer = Customer {
                        id: new_id(),
                        name: fields.name.clone(),
                        honorific: fields.honorific,
                        phones: fields.phones.clone(),
                        email: fields.email,
                        wechat: fields.wechat,
                        address: fields.address,
                        birthday: fields.birthday.map(|date| Birthday { date, lunar: fields.lunar }),
                        registered_on,
                        source: fields.source,
                        tags: fields.tags,
                        need: fields.need,
                        preferred_time: fields.preferred_time,
                        notes: fields.notes.join("\n"),
                        purchases: purchase.into_iter().collect(),
                        created_at: now,
                        updated_at: now,
                        ..Customer::default()
                    };
                    let k = plan.new_customers.len();
                    for p in &fields.phones {
                        by_phone.insert(phone_key(p), (Target::New(k), fields.name.clone(), Some(row_number)));
                    }
                    if let Some(p) = customer.purchases.first() {
                        added.insert((existing.len() + k, p.date, p.amount.fen(), p.product.clone()), row_number);
                    }
                    plan.new_customers.push(customer);
                    new_rows.push(row_number);
                    if with_purchase {
                        plan.purchases += 1;
                    }
                    preview.outcome = RowOutcome::NewCustomer { with_purchase };
                }
            }
            plan.rows.push(preview);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::DateError;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 6, 3)
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            format!("id{n}").into()
        }
    }

    fn plan_text(text: &str, existing: &[Customer]) -> ImportPlan {
        let rows = parse_csv(text).unwrap();
        let mapping = guess_mapping(&rows[0]);
        let mut new_id = ids();
        plan(&rows[1..], &mapping, existing, today(), today().and_hms_opt(9, 0, 0).unwrap(), &mut new_id)
    }

    const SHEET: &str = "姓名,手机,生日,购买日期,金额,产品\r\n张伟,13800138000,1990/2/28,2026/5/1,\"1,280\",净水器\r\n李娜,13900139000,,,,\r\n";

    #[test]
    fn a_utf8_file_with_or_without_bom_decodes_to_the_same_text() {
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], SHEET.as_bytes()].concat();
        assert_eq!(decode(&with_bom), Decoded::Text { text: SHEET.into(), encoding: Encoding::Utf8Bom });
        assert_eq!(decode(SHEET.as_bytes()), Decoded::Text { text: SHEET.into(), encoding: Encoding::Utf8 });
    }

    #[test]
    fn a_gbk_file_from_chinese_excel_is_recognised_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SHEET);
        assert_eq!(decode(&gbk), Decoded::NeedsGbk);
        // Once the browser has decoded it, it plans like the UTF-8 file.
        let (text, _, _) = encoding_rs::GBK.decode(&gbk);
        assert_eq!(plan_text(&text, &[]).new_customers.len(), 2);
    }

    #[test]
    fn a_utf16_unicode_text_file_with_tabs_is_read() {
        let text = SHEET.replace(',', "\t").replace("\"1\t280\"", "1280");
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let Decoded::Text { text, encoding } = decode(&bytes) else { panic!("UTF-16 is Unicode") };
        assert_eq!(encoding, Encoding::Utf16);
        let plan = plan_text(&text, &[]);
        assert_eq!(plan.new_customers[0].purchases[0].amount, Money::from_yuan(1280));
    }

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let rows = parse_csv("姓名,备注\n\"王芳\",\"爱喝茶，常买\"\"滤芯\"\"\n周末联系\"\n,,\n").unwrap();
        assert_eq!(rows, vec![vec!["姓名", "备注"], vec!["王芳", "爱喝茶，常买\"滤芯\"\n周末联系"]]);
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(parse_csv(""), Err(CsvError::Empty));
        assert_eq!(parse_csv(",,\r\n,,\r\n"), Err(CsvError::Empty));
    }

    #[test]
    fn chinese_and_english_headers_are_mapped_and_unknown_ones_ignored() {
        let headers: Vec<String> = [
            "客户姓名",
            "性别",
            "手机号码",
            "座机",
            "E-mail",
            "出生日期",
            "下单日期",
            "实付金额",
            "商品名称",
            "会员卡号",
            "姓名",
        ]
        .map(String::from)
        .into();
        assert_eq!(
            guess_mapping(&headers),
            vec![
                Column::Name,
                Column::Honorific,
                Column::Phone,
                Column::Phone,
                Column::Email,
                Column::Birthday,
                Column::PurchaseDate,
                Column::Amount,
                Column::Product,
                Column::Ignore,
                Column::Ignore
            ]
        );
    }

    #[test]
    fn rows_become_customers_with_their_purchase_and_registration_from_the_first_purchase() {
        let plan = plan_text(SHEET, &[]);
        assert_eq!(plan.new_customers.len(), 2);
        assert_eq!(plan.purchases, 1);
        let zhang = &plan.new_customers[0];
        assert_eq!(zhang.purchases[0].amount, Money::from_yuan(1280));
        assert_eq!(zhang.registered_on, d(2026, 5, 1));
        assert_eq!(zhang.birthday.map(|b| b.date), Some(d(1990, 2, 28)));
        assert_eq!(plan.new_customers[1].registered_on, today(), "no date at all: registered today");
        assert!(!zhang.demo);
    }

    #[test]
    fn bad_rows_are_marked_with_their_reason_and_left_out() {
        let text = "姓名,电话,生日,购买日期,金额\n\
                    ,13800000001,,,\n\
                    王五,1380000000a,,,\n\
                    赵六,13800000003,1990-02-30,,\n\
                    钱七,13800000004,,2026-05-01,-20\n\
                    孙八,13800000005,,2026-05-01,\n\
                    周九,13800000006,,,\n";
        let plan = plan_text(text, &[]);
        let outcomes: Vec<_> = plan.rows.iter().map(|r| (r.row, r.outcome.clone())).collect();
        assert_eq!(
            outcomes,
            vec![
                (2, RowOutcome::Problem(RowProblem::MissingName)),
                (3, RowOutcome::Problem(RowProblem::BadPhone(FieldError::PhoneLetters))),
                (
                    4,
                    RowOutcome::Problem(RowProblem::BadDate {
                        column: Column::Birthday,
                        error: FieldError::Date(DateError::Impossible)
                    })
                ),
                (
                    5,
                    RowOutcome::Problem(RowProblem::BadAmount(FieldError::Amount(
                        crate::domain::money::MoneyError::Negative
                    )))
                ),
                (6, RowOutcome::Problem(RowProblem::IncompletePurchase)),
                (7, RowOutcome::NewCustomer { with_purchase: false }),
            ]
        );
        assert_eq!(plan.problems, 5);
        assert_eq!(plan.new_customers.len(), 1);
    }

    #[test]
    fn a_ledger_with_one_purchase_per_row_gives_one_customer_with_all_purchases() {
        let text = "姓名,电话,日期,金额,产品\n张伟,13800138000,2026-01-05,3980,净水器\n张伟,138-0013-8000,2026-04-05,299,滤芯\n";
        let plan = plan_text(text, &[]);
        assert_eq!(plan.new_customers.len(), 1);
        assert_eq!(plan.new_customers[0].purchases.len(), 2);
        assert_eq!(plan.rows[1].outcome, RowOutcome::AddsPurchase { to: "张伟".into(), in_book: false });
    }

    #[test]
    fn the_same_phone_under_another_name_is_a_duplicate_in_the_file_and_in_the_book() {
        let book = vec![Customer {
            id: "b1".into(),
            name: "王芳".into(),
            phones: vec!["13900139000".into()],
            ..Customer::default()
        }];
        let text = "姓名,电话\n张伟,13800138000\n张薇,13800138000\n王芬,+86 139 0013 9000\n王芳,13900139000\n";
        let plan = plan_text(text, &book);
        let outcomes: Vec<_> = plan.rows.iter().map(|r| r.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            vec![
                RowOutcome::NewCustomer { with_purchase: false },
                RowOutcome::Problem(RowProblem::DuplicatePhone { name: "张伟".into(), row: Some(2) }),
                RowOutcome::Problem(RowProblem::DuplicatePhone { name: "王芳".into(), row: None }),
                RowOutcome::AlreadyInBook { name: "王芳".into() },
            ]
        );
        assert!(plan.updated_customers.is_empty(), "nothing new for the book's 王芳");
    }

    #[test]
    fn purchases_for_a_customer_in_the_book_are_added_once_even_if_the_file_is_imported_twice() {
        let mut wang = Customer {
            id: "b1".into(),
            rev: 3,
            name: "王芳".into(),
            phones: vec!["13900139000".into()],
            ..Customer::default()
        };
        let text = "姓名,电话,购买日期,金额,产品\n王芳,13900139000,2026-05-20,680,滤芯套装\n";
        let plan = plan_text(text, std::slice::from_ref(&wang));
        assert_eq!(plan.updated_customers.len(), 1);
        assert_eq!(plan.updated_customers[0].rev, 3, "saved against the revision it was read at");
        assert_eq!(plan.updated_customers[0].purchases.len(), 1);
        wang = plan.updated_customers[0].clone();
        let again = plan_text(text, &[wang]);
        assert_eq!(again.rows[0].outcome, RowOutcome::DuplicatePurchase { name: "王芳".into() });
        assert!(!again.writes_anything());
    }

    #[test]
    fn gender_lunar_need_and_several_phones_in_one_cell_are_understood() {
        let text = "姓名,性别,电话,生日,农历,需求类型,标签\n陈静,女,13800000001/010-6552 8888,1988-08-08,是,改善型,关注促销、老客户\n";
        let c = &plan_text(text, &[]).new_customers[0];
        assert_eq!(c.honorific, Honorific::Ms);
        assert_eq!(c.phones, vec!["13800000001", "010-6552 8888"]);
        assert_eq!(c.birthday, Some(Birthday { date: d(1988, 8, 8), lunar: true }));
        assert_eq!(c.need, NeedType::Improvement);
        assert_eq!(c.tags, vec!["关注促销", "老客户"]);
    }

    const LEDGER: &str = "姓名,手机,购买日期,金额,产品\n张伟,13800138000,2026/5/1,1280,净水器\n张伟,13800138000,2026/5/1,1280,净水器\n张伟,13800138000,2026/5/2,0,滤芯（赠品）\n李娜,13900139000,2026/5/3,88,除垢剂\n";

    #[test]
    fn a_row_repeated_in_the_file_is_reported_as_a_repeat_not_as_already_in_the_book() {
        let plan = plan_text(LEDGER, &[]);
        assert_eq!(plan.rows[1].outcome, RowOutcome::RepeatedInFile { row: 2 });
        assert_eq!((plan.repeated, plan.skipped, plan.purchases), (1, 1, 3));
        assert_eq!(plan.new_customers[0].purchases.len(), 2);
    }

    #[test]
    fn repeated_rows_can_be_kept_as_purchases_of_their_own() {
        let rows = parse_csv(LEDGER).unwrap();
        let mapping = guess_mapping(&rows[0]);
        let mut planner = Planner::new(&mapping, &[], today(), today().and_hms_opt(9, 0, 0).unwrap());
        planner.keep_repeats = true;
        planner.feed(&rows[1..], &mut ids());
        let plan = planner.finish();
        assert_eq!((plan.repeated, plan.purchases), (0, 4));
        assert_eq!(plan.new_customers[0].purchases.len(), 3);
    }

    #[test]
    fn a_free_order_is_kept_at_zero() {
        let plan = plan_text(LEDGER, &[]);
        let free = plan.new_customers[0].purchases.iter().find(|p| p.product == "滤芯（赠品）").expect("the gift");
        assert_eq!(free.amount, Money::ZERO);
    }

    #[test]
    fn a_ledger_planned_in_chunks_gives_the_same_plan_as_all_at_once() {
        let mut text = String::from("姓名,手机,购买日期,金额,产品\n");
        for i in 0..1_000 {
            let who = i % 137;
            text.push_str(&format!(
                "客户{who},1380000{who:04},2026/{}/{},{},滤芯\n",
                1 + i % 5,
                1 + i % 28,
                100 + (i % 3) * 50
            ));
        }
        let rows = parse_csv(&text).unwrap();
        let mapping = guess_mapping(&rows[0]);
        let now = today().and_hms_opt(9, 0, 0).unwrap();
        let whole = plan(&rows[1..], &mapping, &[], today(), now, &mut ids());
        let mut planner = Planner::new(&mapping, &[], today(), now);
        let mut new_id = ids();
        for chunk in rows[1..].chunks(97) {
            planner.feed(chunk, &mut new_id);
        }
        assert_eq!(planner.rows_read(), 1_000);
        assert_eq!(planner.finish(), whole);
        assert_eq!(whole.new_customers.len(), 137);
    }

    #[test]
    fn a_ledger_of_more_than_twenty_thousand_rows_is_read_whole() {
        let mut text = String::from("姓名,手机,购买日期,金额,产品\n");
        for i in 0..25_000 {
            text.push_str(&format!("客户{},139{:08},2026/5/{},99,除垢剂\n", i % 9_000, i % 9_000, 1 + i % 28));
        }
        let rows = parse_csv(&text).unwrap();
        assert_eq!(rows.len(), 25_001);
    }

    #[test]
    fn a_quote_that_never_closes_makes_its_row_a_problem_and_keeps_the_rows_after_it() {
        let text = "姓名,手机,备注\n张伟,13800138000,\"客户说：好用\n李娜,13900139000,常买滤芯\n王芳,13700137000,\n";
        let sheet = read_sheet(text).unwrap();
        assert_eq!(sheet.rows.len(), 4, "the rows after the quote are rows: {:?}", sheet.rows);
        assert_eq!(sheet.unclosed, vec![1]);
        let mapping = guess_mapping(&sheet.rows[0]);
        let mut planner = Planner::new(&mapping, &[], today(), today().and_hms_opt(9, 0, 0).unwrap());
        planner.unclosed = sheet.unclosed.iter().map(|i| i - 1).collect();
        planner.feed(&sheet.rows[1..], &mut ids());
        let plan = planner.finish();
        assert_eq!(plan.rows[0].outcome, RowOutcome::Problem(RowProblem::UnclosedQuote));
        assert_eq!(plan.new_customers.len(), 2, "李娜 and 王芳 still come in");
    }

    #[test]
    fn a_name_longer_than_the_form_allows_is_a_row_problem() {
        let long = "张".repeat(41);
        let plan = plan_text(&format!("姓名,手机\n{long},13800138000\n李娜,13900139000\n"), &[]);
        assert_eq!(plan.rows[0].outcome, RowOutcome::Problem(RowProblem::TooLong { column: Column::Name, max: 40 }));
        assert_eq!(plan.new_customers.len(), 1);
    }

    #[test]
    fn one_stray_byte_in_a_utf8_file_asks_which_encoding_instead_of_switching_to_gbk() {
        let mut bytes = SHEET.as_bytes().to_vec();
        bytes.extend_from_slice("王芳,13700137000,,,,\r\n".as_bytes());
        bytes.insert(bytes.len() - 3, 0xFF);
        let Decoded::Unsure { utf8 } = decode(&bytes) else { panic!("unsure") };
        assert!(utf8.contains("张伟") && utf8.contains("王芳"));
        let (gbk, _, _) = encoding_rs::GBK.encode(SHEET);
        assert_eq!(decode(&gbk), Decoded::NeedsGbk, "a real GBK file is still read as GBK");
    }
}
