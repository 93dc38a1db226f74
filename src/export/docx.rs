//! The article as a Word `.docx`: A4 portrait, Times New Roman 14 pt, the
//! margins of an administrative document (Nghị định 30/2020/NĐ-CP: top and
//! bottom 20 mm, left 30 mm, right 15 mm), Vietnamese set as the language
//! (`vi-VN`) so Word's proofing does not mark every word.
//!
//! Everything is formatted through Word styles an editor can change: Title,
//! Sapo (bold), Dateline (the place-and-date line), Heading 1–3, List
//! Paragraph with real list numbering, Picture, Caption ("… (Ảnh: credit)")
//! and Byline (bold, right-aligned, last). Photos come already processed by
//! the export's photo pipeline (the same copies the HTML export embeds);
//! their alt text goes into the picture's description (`docPr descr`).
//!
//! The parts are written as text with every value escaped: the markup is
//! fixed and small, and a writer of our own keeps the element order Word's
//! schema requires.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Seek, Write};

use super::Ready;
use crate::article::Article;
use crate::doc::{Block, Document, Inline, PhotoBlock};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// Widest picture: the text width (210 − 30 − 15 mm) in EMU, less 5 mm.
const MAX_WIDTH_EMU: u64 = 160 * 36_000;
/// Tallest picture: about two thirds of the text height.
const MAX_HEIGHT_EMU: u64 = 170 * 36_000;
/// EMU per pixel at 96 dpi.
const EMU_PER_PX: u64 = 9_525;

/// XML-escapes text and attribute values; drops characters XML 1.0 forbids.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Run formatting while walking inlines.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

/// The body being written, with the relationships and lists it needs.
struct Writer<'a> {
    xml: String,
    ready: &'a HashMap<u32, Ready>,
    /// (relationship id, URL) of hyperlinks.
    links: Vec<(String, String)>,
    /// (relationship id, part name, photo) of pictures.
    images: Vec<(String, String, u32)>,
    /// Ordered list instances: (num id, start).
    ordered: Vec<(u32, u64)>,
    pictures: u32,
}

impl Writer<'_> {
    fn para(&mut self, style: &str, num: Option<(u32, usize)>, content: &[Inline]) {
        self.xml.push_str("<w:p><w:pPr>");
        if !style.is_empty() {
            let _ = write!(self.xml, "<w:pStyle w:val=\"{style}\"/>");
        }
        if let Some((id, lvl)) = num {
            let _ = write!(
                self.xml,
                "<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
            );
        }
        self.xml.push_str("</w:pPr>");
        self.inlines(content, Fmt::default());
        self.xml.push_str("</w:p>");
    }

    fn text_para(&mut self, style: &str, text: &str) {
        self.para(style, None, &[Inline::Text(text.to_owned())]);
    }

    fn run(&mut self, text: &str, f: Fmt) {
        self.xml.push_str("<w:r>");
        if f.bold || f.italic || f.strike || f.code || f.link {
            self.xml.push_str("<w:rPr>");
            if f.link {
                self.xml.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
            }
            if f.code {
                self.xml
                    .push_str("<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>");
            }
            if f.bold {
                self.xml.push_str("<w:b/><w:bCs/>");
            }
            if f.italic {
                self.xml.push_str("<w:i/><w:iCs/>");
            }
            if f.strike {
                self.xml.push_str("<w:strike/>");
            }
            self.xml.push_str("</w:rPr>");
        }
        let _ = write!(
            self.xml,
            "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(text)
        );
    }

    fn inlines(&mut self, content: &[Inline], f: Fmt) {
        for i in content {
            match i {
                Inline::Text(t) => self.run(t, f),
                Inline::Code(t) => self.run(t, Fmt { code: true, ..f }),
                Inline::Strong(c) => self.inlines(c, Fmt { bold: true, ..f }),
                Inline::Emphasis(c) => self.inlines(c, Fmt { italic: true, ..f }),
                Inline::Strike(c) => self.inlines(c, Fmt { strike: true, ..f }),
                Inline::LineBreak => self.xml.push_str("<w:r><w:br/></w:r>"),
                Inline::Link {
                    url: Some(url),
                    content,
                } if !f.link => {
                    let id = format!("rIdLink{}", self.links.len() + 1);
                    self.links.push((id.clone(), url.clone()));
                    let _ = write!(self.xml, "<w:hyperlink r:id=\"{id}\" w:history=\"1\">");
                    self.inlines(content, Fmt { link: true, ..f });
                    self.xml.push_str("</w:hyperlink>");
                }
                Inline::Link { content, .. } => self.inlines(content, f),
            }
        }
    }

    fn blocks(&mut self, blocks: &[Block], depth: usize, quote: bool) {
        for b in blocks {
            match b {
                Block::Heading { level, content } => {
                    let l = (*level).clamp(1, 3);
                    self.para(&format!("Heading{l}"), None, content);
                }
                Block::Paragraph(content) => {
                    let style = if quote { "Quote" } else { "" };
                    self.para(style, None, content);
                }
                Block::List { start, items } => {
                    let num = match start {
                        Some(s) => {
                            let id = 2 + self.ordered.len() as u32;
                            self.ordered.push((id, *s));
                            id
                        }
                        None => 1,
                    };
                    for item in items {
                        self.list_item(item, num, depth);
                    }
                }
                Block::Quote(inner) => self.blocks(inner, depth, true),
                Block::Code(code) => {
                    let mut content = Vec::new();
                    for (n, line) in code.trim_end_matches('\n').split('\n').enumerate() {
                        if n > 0 {
                            content.push(Inline::LineBreak);
                        }
                        content.push(Inline::Code(line.to_owned()));
                    }
                    self.para("", None, &content);
                }
                Block::Rule => self.xml.push_str(
                    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>",
                ),
                Block::Photo(p) => self.photo(p),
            }
        }
    }

    fn list_item(&mut self, item: &[Block], num: u32, depth: usize) {
        let mut first = true;
        for b in item {
            match b {
                Block::Paragraph(content) | Block::Heading { content, .. } => {
                    let n = first.then_some((num, depth.min(8)));
                    self.para("ListParagraph", n, content);
                    first = false;
                }
                Block::List { .. } => self.blocks(std::slice::from_ref(b), depth + 1, false),
                other => {
                    if first {
                        self.para("ListParagraph", Some((num, depth.min(8))), &[]);
                        first = false;
                    }
                    self.blocks(std::slice::from_ref(other), depth + 1, false);
                }
            }
        }
    }

    fn photo(&mut self, p: &PhotoBlock) {
        let Some(r) = self.ready.get(&p.id) else {
            return;
        };
        self.pictures += 1;
        let n = self.pictures;
        let id = format!("rIdImg{n}");
        let part = format!("media/anh{n}.{}", r.photo.ext);
        self.images.push((id.clone(), part, p.id));
        let (w, h) = (
            u64::from(r.photo.width.max(1)),
            u64::from(r.photo.height.max(1)),
        );
        let mut cx = (w * EMU_PER_PX).min(MAX_WIDTH_EMU);
        let mut cy = cx * h / w;
        if cy > MAX_HEIGHT_EMU {
            cy = MAX_HEIGHT_EMU;
            cx = cy * w / h;
        }
        let alt = esc(&p.alt);
        let name = esc(&r.name);
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"Picture\"/></w:pPr><w:r><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
<wp:docPr id=\"{n}\" name=\"Ảnh {n}\" descr=\"{alt}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
</wp:inline></w:drawing></w:r></w:p>"
        );
        let caption = match (p.caption.is_empty(), p.credit.is_empty()) {
            (false, false) => format!("{} (Ảnh: {})", p.caption, p.credit),
            (true, false) => format!("Ảnh: {}", p.credit),
            (false, true) => p.caption.clone(),
            (true, true) => return,
        };
        self.text_para("Caption", &caption);
    }
}

/// "Cao Sơn, ngày 25 tháng 01 năm 2024", as administrative documents write it.
fn dateline(a: &Article) -> String {
    let place = crate::text::clean_line(&a.place);
    match (place.is_empty(), a.date) {
        (false, Some(d)) => format!("{place}, {}", d.format("ngày %d tháng %m năm %Y")),
        (true, Some(d)) => d.format("Ngày %d tháng %m năm %Y").to_string(),
        (false, None) => place,
        (true, None) => String::new(),
    }
}

fn document_xml(a: &Article, w: &mut Writer) {
    let doc = Document::from_article(a);
    if !doc.title.is_empty() {
        w.text_para("Title", &doc.title);
    }
    if !doc.sapo.is_empty() {
        w.text_para("Sapo", &doc.sapo);
    }
    let line = dateline(a);
    if !line.is_empty() {
        w.text_para("Dateline", &line);
    }
    w.blocks(&doc.blocks, 0, false);
    if !doc.byline.is_empty() {
        w.text_para("Byline", &doc.byline);
    }
}

/// Writes the .docx for article `a` whose photos are `ready` to `out`.
pub(super) fn write<F: Write + Seek>(
    a: &Article,
    ready: &HashMap<u32, Ready>,
    out: F,
) -> io::Result<()> {
    let mut w = Writer {
        xml: String::new(),
        ready,
        links: Vec::new(),
        images: Vec::new(),
        ordered: Vec::new(),
        pictures: 0,
    };
    document_xml(a, &mut w);
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{}\
<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>",
        w.xml
    );
    let mut rels = String::new();
    for (id, target) in [
        ("rIdStyles", "styles.xml"),
        ("rIdNumbering", "numbering.xml"),
        ("rIdSettings", "settings.xml"),
    ] {
        let kind = target.trim_end_matches(".xml");
        let _ = write!(
            rels,
            "<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{target}\"/>"
        );
    }
    for (id, part, _) in &w.images {
        let _ = write!(
            rels,
            "<Relationship Id=\"{id}\" Type=\"{REL}/image\" Target=\"{part}\"/>"
        );
    }
    for (id, url) in &w.links {
        let _ = write!(
            rels,
            "<Relationship Id=\"{id}\" Type=\"{REL}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            esc(url)
        );
    }
    let doc_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL}\">{rels}</Relationships>"
    );
    let mut z = zip::ZipWriter::new(out);
    let o = zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    let put = |z: &mut zip::ZipWriter<F>, name: &str, bytes: &[u8], stored: bool| {
        let opts = if stored {
            o.compression_method(zip::CompressionMethod::Stored)
        } else {
            o
        };
        z.start_file(name, opts).map_err(io::Error::other)?;
        z.write_all(bytes)
    };
    put(
        &mut z,
        "[Content_Types].xml",
        super::docx_parts::CONTENT_TYPES.as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "_rels/.rels",
        super::docx_parts::ROOT_RELS.as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "docProps/core.xml",
        super::docx_parts::core(a).as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "docProps/app.xml",
        super::docx_parts::APP.as_bytes(),
        false,
    )?;
    put(&mut z, "word/document.xml", document.as_bytes(), false)?;
    put(
        &mut z,
        "word/_rels/document.xml.rels",
        doc_rels.as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "word/styles.xml",
        super::docx_parts::STYLES.as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "word/numbering.xml",
        super::docx_parts::numbering(&w.ordered).as_bytes(),
        false,
    )?;
    put(
        &mut z,
        "word/settings.xml",
        super::docx_parts::SETTINGS.as_bytes(),
        false,
    )?;
    for (_, part, id) in &w.images {
        if let Some(r) = ready.get(id) {
            // JPEG is already compressed: store it as it is.
            put(&mut z, &format!("word/{part}"), &r.photo.bytes, true)?;
        }
    }
    z.finish().map_err(io::Error::other)?;
    Ok(())
}
