//! The one rich-text → article mapper. A front end (the .docx reader in
//! [`super::docx`], and the clipboard-HTML reader of the paste issue) turns
//! its input into a [`RichDoc`]: [`Block`]s made of [`Inline`] runs, each
//! run carrying its text, bold/italic, link and *effective* font. This module
//! does the rest, the same way for every front end:
//!
//! - [`to_article`]: the whole article, with the fields a reporter expects in
//!   place (title, sapo, body, photos with captions and credits, byline,
//!   place and date; see [`super::fields`] for the rules, including those for
//!   administrative documents in the Nghị định 30/2020 layout), plus the
//!   import report;
//! - [`body_markdown`]: only the body, as Markdown, for a paste.
//!
//! Text in an old Vietnamese font (`.VnTime`, `.VnTimeH`, `VNI-Times` …) is
//! TCVN3 or VNI bytes shown as Windows-1252 characters; it is converted per
//! run ([`run_text`]), whatever the rest of the document is. `.VnTimeH` and
//! the other `…H` TCVN3 fonts only draw capitals, so their text becomes upper
//! case. Every string that leaves this module is NFC.

use crate::article::{Article, Photo, marker};
use crate::doc::is_safe_url;
use crate::error::Error;
use crate::lang::Lang;
use crate::photo::PhotoFormat;
use crate::text::{self, legacy::Legacy};

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// A piece of text with one formatting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The link target (only http, https and mailto survive).
    pub link: Option<String>,
    /// The effective font family (the run's own, else its character style,
    /// paragraph style, the document defaults), when known.
    pub font: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Run(Run),
    /// A line break inside a paragraph.
    Break,
}

/// A paragraph of ordinary text with the hints the field rules use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The style's name in lower case ("normal", "title", "caption", …).
    pub style: String,
    pub align: Align,
    /// Font size in points, when set.
    pub size: Option<f32>,
    pub inlines: Vec<Inline>,
    /// A block quote (HTML's `<blockquote>`, Word's Quote style).
    pub quote: bool,
}

/// An embedded picture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picture {
    pub bytes: Vec<u8>,
    /// Sniffed from the bytes by the front end (None: not a photo we take).
    pub format: Option<PhotoFormat>,
    /// A file name for it (e.g. `image1.jpeg`).
    pub name: String,
    /// Its description for readers who cannot see it (Word's alt text).
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// Heading level 1–6, as the source says (the mapper decides what a
    /// level 1 heading becomes).
    Heading {
        level: u8,
        inlines: Vec<Inline>,
    },
    /// `level` 0 is the outermost list.
    ListItem {
        level: u8,
        ordered: bool,
        inlines: Vec<Inline>,
    },
    Picture(Picture),
    /// Rows of cells; each cell's text (its paragraphs joined by breaks).
    Table(Vec<Vec<Vec<Inline>>>),
}

/// What a front end produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RichDoc {
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes in the order their references appear; the
    /// references are already in the text as `[1]`, `[2]` ….
    pub notes: Vec<Vec<Inline>>,
    /// What the front end skipped or changed.
    pub report: Vec<Note>,
}

/// Kinds of content an import leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Skip {
    /// Pictures linked to a file outside the document.
    LinkedPicture,
    /// EMF/WMF drawings.
    Drawing,
    Chart,
    /// Embedded objects (OLE: an Excel sheet, an equation…).
    Object,
    /// Pictures in a format that is not a photo (TIFF in a document, SVG …).
    OtherPicture,
    Comments,
    TrackedDeletions,
    /// Pictures on the web (`http(s)`): they cannot be fetched offline.
    WebPicture,
}

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// `runs` pieces of text in an old font were converted from `enc`.
    Legacy {
        enc: Legacy,
        runs: usize,
    },
    /// `count` tables were kept as their text, one list item per row.
    Tables(usize),
    /// `count` footnotes/endnotes were kept as a "Chú thích" list.
    Notes(usize),
    /// An administrative document: header, "Nơi nhận" and signature dropped.
    Administrative,
    Skipped {
        what: Skip,
        count: usize,
    },
    /// `count` pictures became photos of the draft.
    Photos(usize),
    /// A picture failed the photo checks.
    PhotoRejected(Error),
}

impl Note {
    /// The report line, in the reporter's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Note::Legacy { enc, runs } => {
                let (font, code) = match enc {
                    Legacy::Tcvn3 => (".VnTime", "TCVN3"),
                    Legacy::Vni => ("VNI-Times", "VNI"),
                };
                lang.pick(
                    format!(
                        "Đã chuyển {runs} đoạn chữ phông {font} ({code}) sang Unicode; hãy đọc lại các chữ hoa có dấu."
                    ),
                    format!(
                        "Converted {runs} pieces of {font} ({code}) text to Unicode; check capitals with tone marks."
                    ),
                )
            }
            Note::Tables(n) => lang.pick(
                format!("{n} bảng được giữ lại phần chữ: mỗi hàng thành một dòng gạch đầu dòng, các ô cách nhau bằng dấu chấm phẩy."),
                format!("{n} table(s) kept as text: one bullet per row, cells separated by semicolons."),
            ),
            Note::Notes(n) => lang.pick(
                format!("{n} chú thích cuối trang được đưa vào mục \"Chú thích\" ở cuối bài."),
                format!("{n} footnote(s)/endnote(s) moved to a \"Chú thích\" list at the end."),
            ),
            Note::Administrative => lang.pick(
                "Văn bản hành chính: đã bỏ phần quốc hiệu, số hiệu, \"Nơi nhận\" và chữ ký; tiêu đề lấy từ tên loại và trích yếu.".to_owned(),
                "Administrative document: header, number, \"Nơi nhận\" and signature dropped; the title comes from the document type and summary.".to_owned(),
            ),
            Note::Skipped { what, count } => {
                let (vi, en) = match what {
                    Skip::LinkedPicture => ("ảnh liên kết ra ngoài tệp (không nằm trong tệp)", "linked picture(s) not stored in the file"),
                    Skip::Drawing => ("hình vẽ EMF/WMF", "EMF/WMF drawing(s)"),
                    Skip::Chart => ("biểu đồ", "chart(s)"),
                    Skip::Object => ("đối tượng nhúng (bảng tính, công thức…)", "embedded object(s) (spreadsheets, equations…)"),
                    Skip::OtherPicture => ("hình không phải ảnh chụp (định dạng khác)", "picture(s) in another format"),
                    Skip::Comments => ("nhận xét", "comment(s)"),
                    Skip::TrackedDeletions => ("đoạn bị xóa khi theo dõi thay đổi", "tracked deletion(s)"),
                    Skip::WebPicture => ("ảnh trên mạng (không tải được khi không có mạng; hãy lưu ảnh về máy rồi thêm vào)", "web picture(s) (not fetched; save them and add them as photos)"),
                };
                lang.pick(
                    format!("Bỏ qua {count} {vi}."),
                    format!("Skipped {count} {en}."),
                )
            }
            Note::Photos(n) => lang.pick(
                format!("Đã thêm {n} ảnh vào bài, đặt đúng chỗ trong văn bản."),
                format!("Added {n} photo(s), placed where they stood."),
            ),
            Note::PhotoRejected(e) => lang.pick(
                format!("Bỏ qua một ảnh: {}", e.message(Lang::Vi)),
                format!("Skipped a picture: {}", e.message(Lang::En)),
            ),
        }
    }
}

/// A photo the mapper placed: its article entry (id, caption, credit, alt;
/// `file` still empty) and the picture to copy into the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPhoto {
    pub photo: Photo,
    pub picture: Picture,
}

/// The body of a paste: Markdown with photo markers, and the photos.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Piece {
    pub markdown: String,
    pub photos: Vec<NewPhoto>,
    pub report: Vec<Note>,
}

/// A whole imported article: every field filled, photo files still to copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    pub article: Article,
    pub photos: Vec<NewPhoto>,
    pub report: Vec<Note>,
}

/// The legacy encoding a font family name implies, and whether it is a
/// capitals-only font (`.VnTimeH`, `.VnArialH` …).
pub fn legacy_font(font: &str) -> Option<(Legacy, bool)> {
    let f = font.trim().to_ascii_lowercase();
    if let Some(rest) = f.strip_prefix(".vn") {
        return Some((Legacy::Tcvn3, rest.ends_with('h')));
    }
    if f.starts_with("vni-") || f.starts_with("vni ") {
        return Some((Legacy::Vni, false));
    }
    None
}

/// True when every character could be a legacy byte shown as Windows-1252
/// (Latin-1 and the 27 cp1252 extras): text with "ạ", "ư", "đ" … is
/// Unicode already, whatever font it is set in.
fn could_be_legacy(s: &str) -> bool {
    s.chars()
        .all(|c| (c as u32) < 0x100 || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c))
}

/// A run's text in Unicode NFC: converted when its font is an old one (and
/// the text is not Unicode Vietnamese already).
pub fn run_text(run: &Run) -> (String, Option<Legacy>) {
    match run.font.as_deref().and_then(legacy_font) {
        Some((enc, upper)) if (!run.text.is_ascii() || upper) && could_be_legacy(&run.text) => {
            let mut s = text::legacy::from_misdecoded(&run.text, enc);
            if upper {
                s = s.to_uppercase();
            }
            (text::nfc(&s), (!run.text.is_ascii()).then_some(enc))
        }
        _ => (text::nfc(&run.text), None),
    }
}

/// Plain text of inlines (breaks as `\n`), legacy fonts converted.
pub fn plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Run(r) => s.push_str(&run_text(r).0),
            Inline::Break => s.push('\n'),
        }
    }
    s
}

/// True when every letter of the inlines is in bold (and there is one).
pub fn all_bold(inlines: &[Inline]) -> bool {
    all_runs(inlines, |r| r.bold)
}

/// True when every letter of the inlines is in italics (and there is one).
pub fn all_italic(inlines: &[Inline]) -> bool {
    all_runs(inlines, |r| r.italic)
}

fn all_runs(inlines: &[Inline], f: impl Fn(&Run) -> bool) -> bool {
    let mut any = false;
    for i in inlines {
        if let Inline::Run(r) = i
            && r.text.chars().any(char::is_alphanumeric)
        {
            if !f(r) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Counts the legacy runs the mapper converted, by encoding.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    pub tcvn3: usize,
    pub vni: usize,
}

impl Converted {
    fn add(&mut self, e: Option<Legacy>) {
        match e {
            Some(Legacy::Tcvn3) => self.tcvn3 += 1,
            Some(Legacy::Vni) => self.vni += 1,
            None => {}
        }
    }

    pub fn notes(&self) -> Vec<Note> {
        let mut v = Vec::new();
        if self.tcvn3 > 0 {
            v.push(Note::Legacy {
                enc: Legacy::Tcvn3,
                runs: self.tcvn3,
            });
        }
        if self.vni > 0 {
            v.push(Note::Legacy {
                enc: Legacy::Vni,
                runs: self.vni,
            });
        }
        v
    }
}

/// Escapes Markdown punctuation in running text (not at a line start).
fn escape(s: &str, out: &mut String) {
    for (i, c) in s.char_indices() {
        let needs = match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '~' => true,
            // Only what reads as an entity: "&amp;", "&#123;".
            '&' => {
                let rest = &s[i + 1..];
                let name = rest
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '#'))
                    .unwrap_or(rest.len());
                name > 0 && rest[name..].starts_with(';')
            }
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Makes a Markdown line safe at its start: no heading, quote, list item,
/// thematic break, setext underline or code block made by accident.
fn guard_line_start(line: &str) -> String {
    let t = line.trim_start();
    let first = t.chars().next();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let after_digits = t[digits..].chars().next();
    let block_marker = matches!(first, Some('#' | '>' | '=' | '|'))
        || (matches!(first, Some('-' | '+')) && t.chars().nth(1).is_none_or(char::is_whitespace))
        || t.chars().all(|c| c == '-' || c == ' ') && !t.is_empty()
        || (digits > 0 && digits <= 9 && matches!(after_digits, Some('.' | ')')));
    if !block_marker {
        return t.to_owned();
    }
    let at = if digits > 0 && digits <= 9 { digits } else { 0 };
    format!("{}\\{}", &t[..at], &t[at..])
}

/// Text with its bold, italic and link.
type Piece1 = (String, bool, bool, Option<String>);

/// Inlines as Markdown: bold `**`, italic `*`, links `[text](url)`, line
/// breaks `\` + newline. Adjacent runs with the same formatting are merged;
/// spaces are kept outside the markers so the emphasis always parses.
pub(crate) fn inline_markdown(inlines: &[Inline], conv: &mut Converted) -> String {
    // (text, bold, italic, link) pieces, breaks as None.
    let mut pieces: Vec<Option<Piece1>> = Vec::new();
    for i in inlines {
        match i {
            Inline::Break => pieces.push(None),
            Inline::Run(r) => {
                let (t, enc) = run_text(r);
                conv.add(enc);
                let t = t.replace(['\n', '\r', '\t'], " ");
                if t.is_empty() {
                    continue;
                }
                let link = r.link.clone().filter(|u| is_safe_url(u));
                match pieces.last_mut() {
                    Some(Some((s, b, it, l))) if *b == r.bold && *it == r.italic && *l == link => {
                        s.push_str(&t)
                    }
                    _ => pieces.push(Some((t, r.bold, r.italic, link))),
                }
            }
        }
    }
    let mut out = String::new();
    let mut k = 0;
    while k < pieces.len() {
        let Some((_, _, _, link)) = &pieces[k] else {
            // A break at either end of the paragraph is dropped.
            if !out.trim().is_empty() && pieces[k + 1..].iter().any(Option::is_some) {
                out.truncate(out.trim_end().len());
                out.push_str("\\\n");
            }
            k += 1;
            continue;
        };
        // Gather one link's pieces (or one unlinked piece).
        let mut j = k;
        let mut inner = String::new();
        while let Some(Some((t, b, it, l))) = pieces.get(j) {
            if l != link || (link.is_none() && j > k) {
                break;
            }
            emphasis(t, *b, *it, &mut inner);
            j += 1;
        }
        match link {
            Some(url) if !inner.trim().is_empty() => {
                let lead = inner.len() - inner.trim_start().len();
                out.push_str(&inner[..lead]);
                out.push('[');
                out.push_str(inner.trim());
                out.push_str("](");
                out.push_str(
                    &url.replace(' ', "%20")
                        .replace('(', "%28")
                        .replace(')', "%29"),
                );
                out.push(')');
                if inner.trim_end().len() < inner.len() {
                    out.push(' ');
                }
            }
            _ => out.push_str(&inner),
        }
        k = j;
    }
    let joined = out
        .split('\n')
        .map(guard_line_start)
        .collect::<Vec<_>>()
        .join("\n");
    text::nfc(joined.trim())
}

fn emphasis(t: &str, bold: bool, italic: bool, out: &mut String) {
    let core = t.trim();
    if core.is_empty() || (!bold && !italic) {
        escape(t, out);
        return;
    }
    let mark = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    let lead = &t[..t.len() - t.trim_start().len()];
    let trail = &t[t.trim_end().len()..];
    escape(lead, out);
    out.push_str(mark);
    escape(core, out);
    out.push_str(mark);
    escape(trail, out);
}

/// Splits "… (Ảnh: Mai Lan)" / "… Ảnh: Mai Lan" into caption and credit.
pub fn split_credit(caption: &str) -> (String, String) {
    let c = text::clean_line(caption);
    let lower = c.to_lowercase();
    let Some(at) = lower.rfind("ảnh:") else {
        return (c, String::new());
    };
    // "Ảnh:" starts the caption, or follows "(", a dash or a full stop, or
    // is written with its capital ("… hội nghị Ảnh: X"); "chụp ảnh: …" is prose.
    let before = &c[..at];
    let lead = before.trim_end();
    let capital = c[at..].starts_with('Ả');
    if !(lead.is_empty()
        || lead.ends_with(['(', '-', '–', '—', '.'])
        || (capital && before.ends_with(' ')))
    {
        return (c, String::new());
    }
    let mut credit = c[at + "ảnh:".len()..].trim();
    // "(Ảnh: X)": the closing parenthesis is the caption's, not the credit's.
    if before.trim_end().ends_with('(') {
        credit = credit.strip_suffix(')').unwrap_or(credit).trim_end();
    }
    let credit = credit.to_owned();
    if credit.is_empty() {
        return (c, String::new());
    }
    let cap = before
        .trim_end()
        .trim_end_matches('(')
        .trim_end()
        .trim_end_matches(['-', '–', '—'])
        .trim_end()
        .to_owned();
    (cap, credit)
}

/// True when `p` is a picture's caption: the Caption style, or italic, or
/// short and centred.
pub(crate) fn is_caption(p: &Paragraph) -> bool {
    let t = plain(&p.inlines);
    if t.trim().is_empty() || t.contains('\n') {
        return false;
    }
    p.style.contains("caption")
        || all_italic(&p.inlines)
        || (p.align == Align::Center && text::word_count(&t) <= 30)
}

/// The body as Markdown: blocks separated by blank lines, list items by
/// line breaks, photos as markers numbered from `first_id` (the caption is
/// the paragraph right after a picture, by [`is_caption`]), tables as one
/// bullet per row, notes as a "Chú thích" list at the end.
pub fn body_markdown(doc: RichDoc, first_id: u32) -> Piece {
    let mut conv = Converted::default();
    let mut piece = render_blocks(doc.blocks, &doc.notes, first_id, &mut conv);
    let mut report = conv.notes();
    report.append(&mut piece.report);
    report.extend(doc.report);
    piece.report = report;
    piece
}

pub(crate) fn render_blocks(
    blocks: Vec<Block>,
    notes: &[Vec<Inline>],
    first_id: u32,
    conv: &mut Converted,
) -> Piece {
    let mut parts: Vec<String> = Vec::new();
    let mut photos = Vec::new();
    let mut tables = 0;
    // Ordered-list counters per level.
    let mut counters: Vec<u32> = Vec::new();
    // Whether the list open at each level is numbered.
    let mut kinds: Vec<bool> = Vec::new();
    let mut in_list = false;
    let mut it = blocks.into_iter().peekable();
    let mut last_quote = false;
    while let Some(b) = it.next() {
        let quote_here = matches!(&b, Block::Paragraph(p) if p.quote);
        let prev_quote = std::mem::replace(&mut last_quote, quote_here);
        if !matches!(b, Block::ListItem { .. }) {
            counters.clear();
            kinds.clear();
            in_list = false;
        }
        match b {
            Block::Paragraph(p) => {
                let md = inline_markdown(&p.inlines, conv);
                if md.is_empty() {
                    last_quote = prev_quote;
                } else if p.quote {
                    let quoted: Vec<String> = md.split('\n').map(|l| format!("> {l}")).collect();
                    // Quoted paragraphs in a row stay one quote.
                    match parts.last_mut() {
                        Some(last) if prev_quote => {
                            last.push_str("\n>\n");
                            last.push_str(&quoted.join("\n"));
                        }
                        _ => parts.push(quoted.join("\n")),
                    }
                } else {
                    parts.push(md);
                }
            }
            Block::Heading { level, inlines } => {
                // A heading's own weight is the heading's: no ** inside it.
                let plain_runs: Vec<Inline> = inlines
                    .into_iter()
                    .map(|i| match i {
                        Inline::Run(r) => Inline::Run(Run {
                            bold: false,
                            italic: false,
                            ..r
                        }),
                        b => b,
                    })
                    .collect();
                let md = inline_markdown(&plain_runs, conv).replace("\\\n", " ");
                if !md.is_empty() {
                    let hashes = if level <= 2 { "##" } else { "###" };
                    parts.push(format!("{hashes} {md}"));
                }
            }
            Block::ListItem {
                level,
                ordered,
                inlines,
            } => {
                let md = inline_markdown(&inlines, conv);
                if md.is_empty() {
                    continue;
                }
                let level = usize::from(level).min(8);
                counters.truncate(level + 1);
                counters.resize(level + 1, 0);
                kinds.truncate(level + 1);
                kinds.resize(level + 1, ordered);
                if kinds[level] != ordered {
                    // A bulleted list after a numbered one (or the other way
                    // round) is a list of its own, counted from 1.
                    kinds[level] = ordered;
                    counters[level] = 0;
                    if level == 0 {
                        in_list = false;
                    }
                }
                counters[level] += 1;
                let bullet = if ordered {
                    format!("{}.", counters[level])
                } else {
                    "-".to_owned()
                };
                let indent = " ".repeat(4 * level);
                let md = md.replace('\n', &format!("\n{indent}    "));
                let line = format!("{indent}{bullet} {md}");
                match parts.last_mut() {
                    Some(last) if in_list => {
                        last.push('\n');
                        last.push_str(&line);
                    }
                    _ => parts.push(line),
                }
                in_list = true;
            }
            Block::Picture(pic) => {
                let id = first_id + photos.len() as u32;
                let mut photo = Photo {
                    id,
                    alt: text::clean_line(&pic.alt),
                    ..Photo::default()
                };
                if let Some(Block::Paragraph(p)) = it.peek()
                    && is_caption(p)
                {
                    let full = text::clean_line(&plain(&p.inlines));
                    let (caption, credit) = split_credit(&full);
                    // pandoc copies the whole caption into the alt text.
                    if photo.alt == full {
                        photo.alt = caption.clone();
                    }
                    photo.caption = caption;
                    photo.credit = credit;
                    it.next();
                }
                parts.push(marker(id));
                photos.push(NewPhoto {
                    photo,
                    picture: pic,
                });
            }
            Block::Table(rows) => {
                tables += 1;
                let mut lines = Vec::new();
                for row in &rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| inline_markdown(c, conv).replace("\\\n", "; "))
                        .filter(|c| !c.is_empty())
                        .collect();
                    if !cells.is_empty() {
                        lines.push(format!("- {}", cells.join("; ")));
                    }
                }
                if !lines.is_empty() {
                    parts.push(lines.join("\n"));
                }
            }
        }
    }
    if !notes.is_empty() {
        parts.push("**Chú thích**".to_owned());
        let items: Vec<String> = notes
            .iter()
            .enumerate()
            .map(|(n, inl)| {
                let md = inline_markdown(inl, conv).replace("\\\n", " ");
                format!("{}. {md}", n + 1)
            })
            .collect();
        parts.push(items.join("\n"));
    }
    let mut report = Vec::new();
    if tables > 0 {
        report.push(Note::Tables(tables));
    }
    if !notes.is_empty() {
        report.push(Note::Notes(notes.len()));
    }
    Piece {
        markdown: text::nfc(&parts.join("\n\n")),
        photos,
        report,
    }
}

/// The whole article from a rich document, by the field rules of
/// [`super::fields`].
pub fn to_article(doc: RichDoc) -> Mapped {
    super::fields::map(doc)
}

#[cfg(test)]
#[path = "rich_tests.rs"]
mod tests;
