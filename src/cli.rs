//! The command line. Every command prints plain lines, exits 0 on success,
//! 2 on an error (one clear line naming the file and what to do), and
//! `check` exits 1 when a blocking problem remains.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::article::{Article, Segment, segments};
use crate::check;
use crate::draft::{Draft, Store};
use crate::error::{Error, Result};
use crate::export;
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
    Docx,
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
    /// Nhập từ tệp / import a .docx, .txt or .md file as a new draft; prints its id.
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
            let problems = check::check(&d.article, Some(&d.dir), &settings.check, lang);
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
                    FormatArg::Docx => export::Format::Docx,
                },
                photo: PhotoOptions {
                    max_side: max_side
                        .unwrap_or(settings.photo_max_side)
                        .clamp(16, 20_000),
                    quality: quality.unwrap_or(settings.photo_quality).clamp(1, 100),
                },
                skip_bad_photos,
            };
            let dest = output.unwrap_or_else(|| PathBuf::from("."));
            let done = export::export(&d, &dest, &opts, &|_, _| {})?;
            for e in &done.skipped {
                eprintln!(
                    "tinxa: {} {}",
                    lang.pick("bỏ qua", "skipped"),
                    e.message(lang)
                );
            }
            say!("{}", done.path.display());
        }
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
