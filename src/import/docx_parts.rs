//! The small parts of a .docx the body reader needs: relationships, styles
//! (with `basedOn` inheritance) and list numbering. Each is read as a stream
//! of XML events; names are matched by local name so transitional
//! (`schemas.openxmlformats.org`) and ISO strict (`purl.oclc.org/ooxml`)
//! documents read the same.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::docx::{Problem, xml_error};
use super::rich::Align;

/// Opens an XML stream with the settings every part uses.
pub(crate) fn reader<R: BufRead>(r: R) -> Reader<R> {
    let mut x = Reader::from_reader(r);
    let c = x.config_mut();
    c.expand_empty_elements = true;
    c.trim_text(false);
    x
}

/// The value of the attribute with local name `name` (any prefix).
pub(crate) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
pub(crate) fn on_off(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

pub(crate) fn align_of(v: &str) -> Option<Align> {
    Some(match v {
        "left" | "start" => Align::Left,
        "center" => Align::Center,
        "right" | "end" => Align::Right,
        "both" | "distribute" | "justify" => Align::Justify,
        _ => return None,
    })
}

/// A relationship target.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// The last part of the type URI: "image", "hyperlink", "styles" …
    pub kind: String,
    pub target: String,
    pub external: bool,
}

pub(crate) fn read_rels<R: BufRead>(r: R, base: &str) -> Result<HashMap<String, Rel>, Problem> {
    let mut x = reader(r);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    loop {
        match x.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let (Some(id), Some(ty), Some(target)) =
                    (attr(&e, b"Id"), attr(&e, b"Type"), attr(&e, b"Target"))
                else {
                    continue;
                };
                let external = attr(&e, b"TargetMode").is_some_and(|m| m == "External");
                let kind = ty.rsplit('/').next().unwrap_or_default().to_owned();
                let target = if external {
                    target
                } else {
                    resolve(base, &target)
                };
                out.insert(
                    id,
                    Rel {
                        kind,
                        target,
                        external,
                    },
                );
            }
            Event::DocType(_) => return Err(Problem::Entities),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A part name from a relationship target relative to the folder `base`
/// ("word/"), or absolute ("/word/media/x.png").
pub(crate) fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Character formatting, as set on a run, a style or the defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct RProps {
    /// Some("+theme") when the font is a theme font.
    pub font: Option<String>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    /// Points.
    pub size: Option<f32>,
    pub caps: Option<bool>,
    pub hidden: Option<bool>,
    pub style: Option<String>,
}

impl RProps {
    /// Reads one child of `<w:rPr>`.
    pub fn set(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            b"rFonts" => {
                let named = attr(e, b"ascii").or_else(|| attr(e, b"hAnsi"));
                let theme = attr(e, b"asciiTheme").or_else(|| attr(e, b"hAnsiTheme"));
                if let Some(f) = named {
                    self.font = Some(f);
                } else if theme.is_some() {
                    self.font = Some("+theme".into());
                }
            }
            b"b" => self.bold = Some(on_off(e)),
            b"i" => self.italic = Some(on_off(e)),
            b"caps" => self.caps = Some(on_off(e)),
            b"vanish" => self.hidden = Some(on_off(e)),
            b"sz" => {
                self.size = attr(e, b"val")
                    .and_then(|v| v.parse::<f32>().ok())
                    .map(|h| h / 2.0)
            }
            b"rStyle" => self.style = attr(e, b"val"),
            _ => {}
        }
    }
}

/// Paragraph formatting.
#[derive(Debug, Clone, Default)]
pub(crate) struct PProps {
    pub style: Option<String>,
    pub align: Option<Align>,
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
    pub outline: Option<u8>,
}

impl PProps {
    /// Reads one child (or grandchild, for `numPr`) of `<w:pPr>`.
    pub fn set(&mut self, e: &BytesStart) {
        let val = || attr(e, b"val");
        match e.local_name().as_ref() {
            b"pStyle" => self.style = val(),
            b"jc" => self.align = val().as_deref().and_then(align_of),
            b"numId" => self.num_id = val(),
            b"ilvl" => self.ilvl = val().and_then(|v| v.parse().ok()),
            b"outlineLvl" => self.outline = val().and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    /// Lower case ("heading 1", "title", "caption" …).
    pub name: String,
    pub based_on: Option<String>,
    pub r: RProps,
    pub p: PProps,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    pub styles: HashMap<String, Style>,
    pub defaults: RProps,
    /// The default paragraph style's id.
    pub default_para: Option<String>,
}

impl Styles {
    /// The first value `f` finds walking from style `id` up its `basedOn` chain.
    pub fn find<T>(&self, id: Option<&str>, f: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cur = id?;
        for _ in 0..20 {
            let s = self.styles.get(cur)?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            cur = s.based_on.as_deref()?;
        }
        None
    }

    /// A paragraph's style id: its own, else the default paragraph style.
    pub fn para_style<'a>(&'a self, own: Option<&'a str>) -> Option<&'a str> {
        own.or(self.default_para.as_deref())
    }

    pub fn name(&self, id: Option<&str>) -> String {
        id.and_then(|i| self.styles.get(i))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.unwrap_or("normal").to_ascii_lowercase())
    }
}

pub(crate) fn read_styles<R: BufRead>(r: R) -> Result<Styles, Problem> {
    let mut x = reader(r);
    let mut buf = Vec::new();
    let mut out = Styles::default();
    let mut cur: Option<(String, Style)> = None;
    let mut in_defaults = false;
    let (mut in_r, mut in_p) = (false, false);
    loop {
        match x.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"docDefaults" => in_defaults = true,
                b"style" => {
                    let id = attr(&e, b"styleId").unwrap_or_default();
                    if attr(&e, b"type").as_deref() == Some("paragraph")
                        && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                    {
                        out.default_para = Some(id.clone());
                    }
                    cur = Some((id, Style::default()));
                }
                b"rPr" => in_r = true,
                b"pPr" => in_p = true,
                b"name" => {
                    if let Some((_, s)) = &mut cur {
                        s.name = attr(&e, b"val").unwrap_or_default().to_lowercase();
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = &mut cur {
                        s.based_on = attr(&e, b"val");
                    }
                }
                _ if in_r => match &mut cur {
                    Some((_, s)) => s.r.set(&e),
                    None if in_defaults => out.defaults.set(&e),
                    None => {}
                },
                _ if in_p => {
                    if let Some((_, s)) = &mut cur {
                        s.p.set(&e);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"docDefaults" => in_defaults = false,
                b"rPr" => in_r = false,
                b"pPr" => in_p = false,
                b"style" => {
                    if let Some((id, s)) = cur.take() {
                        out.styles.insert(id, s);
                    }
                }
                _ => {}
            },
            Event::DocType(_) => return Err(Problem::Entities),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// numId → (level → ordered?).
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, HashMap<u8, bool>>,
    nums: HashMap<String, String>,
}

impl Numbering {
    /// Whether list `num_id` at `level` is numbered (None: not a list).
    pub fn ordered(&self, num_id: &str, level: u8) -> Option<bool> {
        let abs = self.abstracts.get(self.nums.get(num_id)?)?;
        Some(abs.get(&level).copied().unwrap_or(false))
    }
}

pub(crate) fn read_numbering<R: BufRead>(r: R) -> Result<Numbering, Problem> {
    let mut x = reader(r);
    let mut buf = Vec::new();
    let mut out = Numbering::default();
    let mut abs: Option<String> = None;
    let mut lvl: Option<u8> = None;
    let mut num: Option<String> = None;
    loop {
        match x.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"abstractNum" => abs = attr(&e, b"abstractNumId"),
                b"lvl" => lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()),
                b"numFmt" => {
                    if let (Some(a), Some(l)) = (&abs, lvl) {
                        let fmt = attr(&e, b"val").unwrap_or_default();
                        let ordered = !matches!(fmt.as_str(), "bullet" | "none" | "");
                        out.abstracts
                            .entry(a.clone())
                            .or_default()
                            .insert(l, ordered);
                    }
                }
                b"num" => num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(v)) = (&num, attr(&e, b"val")) {
                        out.nums.insert(n.clone(), v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"abstractNum" => abs = None,
                b"lvl" => lvl = None,
                b"num" => num = None,
                _ => {}
            },
            Event::DocType(_) => return Err(Problem::Entities),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
