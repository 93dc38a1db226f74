//! The command line. Every command prints plain lines, exits 0 on success,
//! 2 on an error (one clear line naming the file and what to do), and
//! `check` exits 1 when a blocking problem remains.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::article::{Article, Segment, segments};
use crate::check;
use crate::clipboard::{self, Content};
use crate::draft::{Draft, Store};
use crate::error::{Error, Result};
use crate::export;
use crate::export::portal::Field;
use crate::import;
use crate::lang::Lang;
use crate::photo::PhotoOptions;
use crate::settings::Settings;
use crate::text;

#[derive(Debug, Parser)]
#[command(
    name = "tinxa",
    version,
    about = "Tin Xã — soạn tin bài cho cổng thông tin xã / news editor for commune reporters"
)]
pub struct Cli {
    /// Ngôn ngữ / language: vi or en (else TINXA_LANG, else the settings).
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Html,
    Fragment,
    Md,
    Zip,
    /// The body for a portal's editor, photos embedded.
    Portal,
    Docx,
}

/// A field of the portal's form, for `tinxa copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FieldArg {
    Title,
    Sapo,
    Body,
    Byline,
    Tags,
    Category,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromArg {
    Tcvn3,
    Vni,
    Auto,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo bản nháp mới / create a new draft; prints its id.
    New {
        #[arg(long)]
        title: Option<String>,
    },
    /// Danh sách bản nháp / list drafts: id, updated, words, title.
    List {
        /// List the trash instead.
        #[arg(long)]
        trash: bool,
    },
    /// Nhập từ tệp / import a .docx, .html, .txt or .md file as a new draft; prints its id.
    Import { file: PathBuf },
    /// Print the article as plain text.
    Show { draft: String },
    /// Kiểm tra trước khi đăng / pre-publish check (exit 1 on a blocking problem).
    Check {
        draft: String,
        #[arg(long)]
        json: bool,
    },
    /// Xuất tệp / export the article; prints the path written.
    Export {
        draft: String,
        #[arg(long, value_enum, default_value = "html")]
        format: FormatArg,
        /// A folder (the file is named from the title) or a file name.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long)]
        max_side: Option<u32>,
        #[arg(long)]
        quality: Option<u8>,
        /// Leave broken photos out and list them, instead of stopping.
        #[arg(long)]
        skip_bad_photos: bool,
        /// Export even with blocking problems.
        #[arg(long)]
        force: bool,
    },
    /// Sao chép để đăng lên cổng / put one field of the article on the
    /// clipboard (the body as rich text, photos embedded).
    Copy {
        draft: String,
        #[arg(long, value_enum)]
        field: FieldArg,
        /// Write it to stdout instead (the body as HTML).
        #[arg(long)]
        print: bool,
        #[arg(long)]
        max_side: Option<u32>,
        #[arg(long)]
        quality: Option<u8>,
    },
    /// Keeps serving the clipboard `tinxa copy` set (started by it, detached).
    #[command(hide = true)]
    ServeClipboard { file: PathBuf },
    /// Nhân bản / duplicate a draft; prints the new id.
    Duplicate { draft: String },
    /// Xóa vào thùng rác / move a draft to the trash.
    Delete { draft: String },
    /// Khôi phục / restore a draft from the trash.
    Restore { id: String },
    /// Empty the trash for good.
    EmptyTrash,
    /// Mở bản nháp trong cửa sổ / open a draft in the editor window.
    Open { draft: String },
    /// Kiểm tra chính tả / spell-check a UTF-8 text file: `LINE:COLUMN: word → suggestions`.
    Spell {
        file: PathBuf,
        /// An array of {line, column, word, suggestions} instead.
        #[arg(long)]
        json: bool,
    },
    /// Sửa ảnh / rotate or crop photo N (its [[Ảnh N]] number) without touching
    /// the file; alone, prints its edits, caption, credit and alt text.
    Photo {
        draft: String,
        /// The photo's number, as in its [[Ảnh N]] marker.
        number: String,
        /// 90, -90 or 180 (degrees clockwise), on top of the current rotation.
        #[arg(long, allow_hyphen_values = true, value_name = "90|-90|180")]
        rotate: Option<String>,
        /// 16:9, 3:2, 4:3, 1:1 (centred) or X,Y,W,H in the upright original's pixels.
        #[arg(long, value_name = "16:9|3:2|4:3|1:1|X,Y,W,H")]
        crop: Option<String>,
        /// Undo rotation and crop (before --rotate/--crop, if given).
        #[arg(long)]
        reset: bool,
    },
    /// Chuyển mã sang Unicode / convert TCVN3 or VNI text to Unicode (prints it).
    Convert {
        #[arg(long, value_enum, default_value = "auto")]
        from: FromArg,
        file: PathBuf,
    },
}

/// Prints a line to stdout. A closed pipe (`tinxa list | head -1`) ends the
/// program quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        say_raw!("{}\n", format!($($arg)*))
    };
}

macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        if let Err(e) = write!(out, $($arg)*).and_then(|_| out.flush()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli, command: Command) -> i32 {
    let store = match Store::open_default() {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "tinxa: {}",
                e.message(Lang::choose(cli.lang.as_deref(), None))
            );
            return 2;
        }
    };
    let settings = Settings::load(store.home());
    let lang = Lang::choose(cli.lang.as_deref(), Some(settings.lang));
    match execute(&store, &settings, lang, command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tinxa: {}", e.message(lang));
            2
        }
    }
}

/// Finds a draft for `tinxa open`; the error is the line to print.
pub fn resolve(spec: &str) -> std::result::Result<PathBuf, String> {
    let lang = Lang::choose(None, None);
    Store::open_default()
        .and_then(|s| s.resolve(spec))
        .map_err(|e| e.message(lang))
}

fn open(store: &Store, spec: &str) -> Result<Draft> {
    Draft::load(&store.resolve(spec)?)
}

fn execute(store: &Store, settings: &Settings, lang: Lang, command: Command) -> Result<i32> {
    match command {
        Command::New { title } => {
            let mut a = Article::new();
            a.title = text::clean_line(title.as_deref().unwrap_or(""));
            a.byline = settings.default_byline.clone();
            a.place = settings.default_place.clone();
            let d = store.create(a)?;
            say!("{}", d.id);
        }
        Command::List { trash } => {
            let list = if trash {
                store.list_trash()?
            } else {
                store.list()?
            };
            for s in list {
                let when = s
                    .updated
                    .with_timezone(&chrono::Local)
                    .format("%d/%m/%Y %H:%M");
                let title = if s.title.is_empty() {
                    lang.pick("(chưa có tiêu đề)", "(untitled)")
                } else {
                    &s.title
                };
                say!("{}  {}  {:>5}  {}", s.id, when, s.words, title);
            }
        }
        Command::Import { file } => {
            let (d, notices) = import::import_file(store, &file)?;
            for n in notices {
                eprintln!("tinxa: {}", n.message(lang));
            }
            say!("{}", d.id);
        }
        Command::Show { draft } => {
            let d = open(store, &draft)?;
            say_raw!("{}", plain_text(&d.article));
        }
        Command::Check { draft, json } => {
            let d = open(store, &draft)?;
            let speller = speller(store, settings, lang);
            let problems = if settings.spelling.enabled {
                check::check_all(
                    &d.article,
                    &|p| check::photo_file(&d.dir, p),
                    &settings.check,
                    &speller,
                    lang,
                )
            } else {
                check::check(&d.article, Some(&d.dir), &settings.check, lang)
                    .into_iter()
                    .filter(|p| p.rule != "spelling")
                    .collect()
            };
            if json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&problems).unwrap_or_default()
                );
            } else {
                for p in &problems {
                    say!("{}", p.line(lang));
                }
            }
            return Ok(if check::blocks(&problems) { 1 } else { 0 });
        }
        Command::Export {
            draft,
            format,
            output,
            max_side,
            quality,
            skip_bad_photos,
            force,
        } => {
            let d = open(store, &draft)?;
            let problems = check::check(&d.article, Some(&d.dir), &settings.check, lang);
            if check::blocks(&problems) && !force {
                return Err(Error::Blocked {
                    problems: problems
                        .iter()
                        .filter(|p| p.severity == check::Severity::Error)
                        .map(|p| p.line(lang))
                        .collect(),
                });
            }
            let opts = export::Options {
                format: match format {
                    FormatArg::Html => export::Format::Html,
                    FormatArg::Fragment => export::Format::Fragment,
                    FormatArg::Md => export::Format::Md,
                    FormatArg::Zip => export::Format::Zip,
                    FormatArg::Portal => export::Format::Portal,
                    FormatArg::Docx => export::Format::Docx,
                },
                photo: photo_options(settings, max_side, quality),
                skip_bad_photos,
            };
            let dest = output.unwrap_or_else(|| PathBuf::from("."));
            let done = export::export_with(&d, &dest, &opts, &settings.portal, &|_, _| {})?;
            for e in &done.skipped {
                eprintln!(
                    "tinxa: {} {}",
                    lang.pick("bỏ qua", "skipped"),
                    e.message(lang)
                );
            }
            say!("{}", done.path.display());
        }
        Command::Copy {
            draft,
            field,
            print,
            max_side,
            quality,
        } => {
            let d = open(store, &draft)?;
            let field = match field {
                FieldArg::Title => Field::Title,
                FieldArg::Sapo => Field::Sapo,
                FieldArg::Body => Field::Body,
                FieldArg::Byline => Field::Byline,
                FieldArg::Tags => Field::Tags,
                FieldArg::Category => Field::Category,
            };
            let content = if field == Field::Body {
                let opts = export::Options {
                    format: export::Format::Portal,
                    photo: photo_options(settings, max_side, quality),
                    skip_bad_photos: true,
                };
                let (html, text, skipped) = export::portal_body(&d, &opts, &settings.portal)?;
                for e in &skipped {
                    eprintln!(
                        "tinxa: {} {}",
                        lang.pick("bỏ qua", "skipped"),
                        e.message(lang)
                    );
                }
                Content {
                    html: Some(html),
                    text,
                }
            } else {
                let doc = crate::doc::Document::from_article(&d.article);
                Content {
                    html: None,
                    text: export::portal::field_text(&doc, field),
                }
            };
            if print {
                let out = content.html.as_deref().unwrap_or(&content.text);
                say_raw!("{}", out);
                if !out.ends_with('\n') {
                    say_raw!("\n");
                }
            } else {
                clipboard::set_and_leave(&content)?;
            }
        }
        Command::ServeClipboard { file } => clipboard::serve(&file)?,
        Command::Duplicate { draft } => {
            let dir = store.resolve(&draft)?;
            let id = id_of(&dir);
            let copy = store.duplicate(&id)?;
            say!("{}", copy.id);
        }
        Command::Delete { draft } => {
            let dir = store.resolve(&draft)?;
            store.trash(&id_of(&dir))?;
        }
        Command::Restore { id } => store.restore(&id)?,
        Command::EmptyTrash => {
            let n = store.empty_trash()?;
            say!("{n}");
        }
        Command::Open { .. } => {
            return Err(Error::Invalid {
                vi: "Bản này không có giao diện cửa sổ.".into(),
                en: "This build has no window.".into(),
            });
        }
        Command::Spell { file, json } => {
            let bytes = crate::fsio::read(&file)?;
            let s = String::from_utf8(bytes).map_err(|_| Error::NotText { path: file.clone() })?;
            let speller = speller(store, settings, lang);
            let found = speller.check_text(&text::nfc(&s));
            if json {
                #[derive(serde::Serialize)]
                struct Entry<'a> {
                    line: usize,
                    column: usize,
                    word: &'a str,
                    suggestions: &'a [String],
                }
                let list: Vec<Entry> = found
                    .iter()
                    .map(|(n, w)| Entry {
                        line: n + 1,
                        column: w.column + 1,
                        word: &w.word,
                        suggestions: &w.suggestions,
                    })
                    .collect();
                say!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
            } else {
                for (n, w) in &found {
                    if w.suggestions.is_empty() {
                        say!("{}:{}: {}", n + 1, w.column + 1, w.word);
                    } else {
                        say!(
                            "{}:{}: {} → {}",
                            n + 1,
                            w.column + 1,
                            w.word,
                            w.suggestions.join(", ")
                        );
                    }
                }
            }
        }
        Command::Photo {
            draft,
            number,
            rotate,
            crop,
            reset,
        } => {
            let id = number.trim().parse::<u32>().map_err(|_| Error::Invalid {
                vi: format!("Số ảnh \"{number}\" không hợp lệ: hãy ghi số trong dấu [[Ảnh N]], ví dụ 1."),
                en: format!("The photo number \"{number}\" is not valid: give the number in its [[Ảnh N]] marker, e.g. 1."),
            })?;
            let mut d = open(store, &draft)?;
            let change = crate::photo::command::PhotoChange {
                rotate,
                crop,
                reset,
            };
            say_raw!("{}", crate::photo::command::run(&mut d, id, &change, lang)?);
        }
        Command::Convert { from, file } => {
            let (s, _) = import::read_text(&file)?;
            let out = match from {
                FromArg::Tcvn3 => text::legacy::from_misdecoded(&s, text::legacy::Legacy::Tcvn3),
                FromArg::Vni => text::legacy::from_misdecoded(&s, text::legacy::Legacy::Vni),
                FromArg::Auto => match text::legacy::detect_text(&s) {
                    Some(enc) => text::legacy::from_misdecoded(&s, enc),
                    None => s,
                },
            };
            say_raw!("{out}");
        }
    }
    Ok(0)
}

fn photo_options(settings: &Settings, max_side: Option<u32>, quality: Option<u8>) -> PhotoOptions {
    PhotoOptions {
        max_side: max_side
            .unwrap_or(settings.photo_max_side)
            .clamp(16, 20_000),
        quality: quality.unwrap_or(settings.photo_quality).clamp(1, 100),
    }
}

/// The spell checker of the settings; a dictionary that cannot be read is said once on stderr.
fn speller(store: &Store, settings: &Settings, lang: Lang) -> crate::text::spell::Checker {
    let (c, problems) = crate::wordlist::checker(settings, store.home());
    for e in problems {
        eprintln!("tinxa: {}", e.message(lang));
    }
    c
}

fn id_of(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The article as plain text: title, sapo, body with photos as
/// `[Ảnh: caption — credit]`, byline.
pub fn plain_text(a: &Article) -> String {
    let mut parts = Vec::new();
    for s in [&a.title, &a.sapo] {
        if !s.trim().is_empty() {
            parts.push(s.trim().to_owned());
        }
    }
    for seg in segments(&a.body) {
        match seg {
            Segment::Text(t) => parts.push(t.to_owned()),
            Segment::Photo(id) => {
                if let Some(p) = a.photo(id) {
                    parts.push(if p.credit.trim().is_empty() {
                        format!("[Ảnh: {}]", p.caption.trim())
                    } else {
                        format!("[Ảnh: {} — {}]", p.caption.trim(), p.credit.trim())
                    });
                }
            }
        }
    }
    if !a.byline.trim().is_empty() {
        parts.push(a.byline.trim().to_owned());
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}
