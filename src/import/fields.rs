//! Which blocks of a rich document are the title, the sapo, the byline, the
//! place and the date — the field rules of [`super::rich::to_article`].
//!
//! News articles:
//! - title: the first paragraph in the Title style; else the first level-1
//!   heading; else a first paragraph that is short and bold, centred or
//!   large (≥ 15 pt);
//! - sapo: the paragraph right after the title, when all of it is bold;
//! - place and date: a "Cao Sơn, ngày 25 tháng 01 năm 2024" line (or the
//!   Dateline style Tin Xã's own .docx export writes) right after those;
//! - byline: the last paragraph, when it is short (one line, ≤ 60
//!   characters, ≤ 8 words) and either follows a paragraph ending in `./.`,
//!   or is right-aligned and bold, or is in the Byline style.
//!
//! Administrative documents (Nghị định 30/2020/NĐ-CP layout, recognised by
//! "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" near the top): the header (agency,
//! national motto, "Số: …", place and date, usually a table) is dropped and
//! gives the place and date; the document type line ("BÁO CÁO") and the
//! summary under it give the title ("Báo cáo kết quả …"); the "Nơi nhận:"
//! list and the signature block after the body are dropped.

use chrono::NaiveDate;

use super::rich::{
    Align, Block, Converted, Inline, Mapped, Note, RichDoc, all_bold, inline_markdown, plain,
    render_blocks,
};
use crate::article::Article;
use crate::text;

/// How far into the document the administrative header may reach.
const HEADER_REACH: usize = 15;

pub(crate) fn map(doc: RichDoc) -> Mapped {
    let RichDoc {
        mut blocks,
        notes,
        report: front_report,
    } = doc;
    let mut a = Article::new();
    let mut conv = Converted::default();
    let mut report = Vec::new();
    if is_administrative(&blocks) {
        administrative(&mut blocks, &mut a, &mut conv);
        report.push(Note::Administrative);
    } else {
        news(&mut blocks, &mut a, &mut conv);
    }
    let piece = render_blocks(blocks, &notes, 1, &mut conv);
    a.body = piece.markdown;
    a.photos = piece.photos.iter().map(|p| p.photo.clone()).collect();
    let mut all = conv.notes();
    all.extend(report);
    all.extend(piece.report);
    all.extend(front_report);
    a.normalize();
    Mapped {
        article: a,
        photos: piece.photos,
        report: all,
    }
}

/// The plain text of a block that has text (None for pictures).
fn text_of(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph(p) => Some(plain(&p.inlines)),
        Block::Heading { inlines, .. } | Block::ListItem { inlines, .. } => Some(plain(inlines)),
        Block::Table(rows) => Some(
            rows.iter()
                .flat_map(|r| r.iter().map(|c| plain(c)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Block::Picture(_) => None,
    }
}

fn is_empty(b: &Block) -> bool {
    text_of(b).is_some_and(|t| t.trim().is_empty())
}

/// A single-line field from inlines: plain text, legacy fonts converted.
fn field(inlines: &[Inline], conv: &mut Converted) -> String {
    // inline_markdown counts conversions; the field itself wants plain text.
    let _ = inline_markdown(inlines, conv);
    text::clean_line(&plain(inlines))
}

fn next_nonempty(blocks: &[Block], from: usize) -> Option<usize> {
    (from..blocks.len()).find(|&i| !is_empty(&blocks[i]))
}

fn news(blocks: &mut Vec<Block>, a: &mut Article, conv: &mut Converted) {
    let short = |t: &str| {
        let t = t.trim();
        !t.is_empty() && !t.contains('\n') && t.chars().count() <= 250 && text::word_count(t) <= 40
    };
    let title_at = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(p) if p.style == "title") && !is_empty(b))
        .or_else(|| {
            blocks
                .iter()
                .position(|b| matches!(b, Block::Heading { level: 1, .. }) && !is_empty(b))
        })
        .or_else(|| {
            let i = next_nonempty(blocks, 0)?;
            match &blocks[i] {
                Block::Paragraph(p)
                    if short(&plain(&p.inlines))
                        && (all_bold(&p.inlines)
                            || p.align == Align::Center
                            || p.size.is_some_and(|s| s >= 15.0)) =>
                {
                    Some(i)
                }
                _ => None,
            }
        });
    let mut after = 0;
    if let Some(t) = title_at {
        let b = blocks.remove(t);
        if let Block::Paragraph(p) = &b {
            a.title = field(&p.inlines, conv);
        } else if let Block::Heading { inlines, .. } = &b {
            a.title = field(inlines, conv);
        }
        after = t;
        if let Some(s) = next_nonempty(blocks, t)
            && let Block::Paragraph(p) = &blocks[s]
            && (all_bold(&p.inlines) || p.style == "subtitle" || p.style == "sapo")
            && p.style != "byline"
            && !p.style.starts_with("heading")
        {
            // The sapo is plain text: links keep only their text.
            a.sapo = field(&p.inlines, conv);
            blocks.remove(s);
            after = s;
        }
    }
    if let Some(d) = next_nonempty(blocks, after)
        && d <= after + 1
        && let Block::Paragraph(p) = &blocks[d]
    {
        let t = plain(&p.inlines);
        if let Some((place, date)) = parse_place_date(&t)
            && (p.style == "dateline" || text::word_count(&t) <= 14)
        {
            a.place = place;
            a.date = date;
            blocks.remove(d);
        }
    }
    // Byline: the last non-empty block.
    let Some(last) = (0..blocks.len()).rev().find(|&i| !is_empty(&blocks[i])) else {
        return;
    };
    let Block::Paragraph(p) = &blocks[last] else {
        return;
    };
    let t = plain(&p.inlines);
    let t = t.trim();
    let is_short = !t.contains('\n') && t.chars().count() <= 60 && text::word_count(t) <= 8;
    let after_end_mark = (0..last)
        .rev()
        .find(|&i| !is_empty(&blocks[i]))
        .and_then(|i| text_of(&blocks[i]))
        .is_some_and(|prev| prev.trim_end().ends_with("./."));
    let styled = p.style == "byline" || (p.align == Align::Right && all_bold(&p.inlines));
    if is_short && (after_end_mark || styled) {
        a.byline = field(&p.inlines, conv);
        blocks.remove(last);
    }
}

/// "Cao Sơn, ngày 25 tháng 01 năm 2024", "Ngày 25/01/2024" → place and date.
pub fn parse_place_date(s: &str) -> Option<(String, Option<NaiveDate>)> {
    let s = text::clean_line(s);
    let lower = s.to_lowercase();
    if lower.len() != s.len() || s.chars().count() > 90 {
        return None;
    }
    let at = lower.find("ngày")?;
    let place = s[..at].trim().trim_end_matches(',').trim();
    if place.chars().count() > 50 || place.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = &lower[at + "ngày".len()..];
    if !(rest.contains("tháng") || rest.contains('/') || rest.contains('-')) {
        return None;
    }
    let nums: Vec<u32> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .take(3)
        .filter_map(|x| x.parse().ok())
        .collect();
    let date = match nums[..] {
        [d, m, y] => NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d),
        _ => None,
    };
    // The date must read as one; a stray "ngày" in prose does not count.
    date?;
    Some((place.to_owned(), date))
}

fn is_administrative(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .take(HEADER_REACH)
        .filter_map(text_of)
        .any(|t| text::fold(&t).contains("cong hoa xa hoi chu nghia viet nam"))
}

fn is_separator(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.chars().all(|c| "-_=*.·–—~ ".contains(c))
}

fn is_upper(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// "BÁO CÁO" → "Báo cáo".
fn sentence_case(t: &str) -> String {
    let lower = t.trim().to_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn administrative(blocks: &mut Vec<Block>, a: &mut Article, conv: &mut Converted) {
    // The header: everything up to the last block near the top that holds the
    // national motto, the number or the place-and-date line.
    let mut header_end = None;
    for (i, b) in blocks.iter().enumerate().take(HEADER_REACH) {
        let Some(t) = text_of(b) else { continue };
        let f = text::fold(&t);
        let date_line = t.lines().find_map(parse_place_date);
        if let Some((place, date)) = date_line {
            // The place-and-date line closes the header.
            a.place = place;
            a.date = date;
            header_end = Some(i);
            break;
        } else if f.contains("cong hoa xa hoi chu nghia")
            || f.contains("doc lap - tu do")
            || f.contains("doc lap – tu do")
            || f.trim_start().starts_with("so:")
            || (matches!(b, Block::Table(_)) && header_end.is_none())
        {
            header_end = Some(i);
        }
    }
    let mut start = header_end.map_or(0, |h| h + 1);
    // The document type ("BÁO CÁO") and the summary line(s) under it.
    let skip = |blocks: &[Block], mut i: usize| {
        while i < blocks.len()
            && (is_empty(&blocks[i]) || text_of(&blocks[i]).is_some_and(|t| is_separator(&t)))
        {
            i += 1;
        }
        i
    };
    start = skip(blocks, start);
    if let Some(t) = blocks.get(start).and_then(text_of)
        && is_upper(&t)
        && text::word_count(&t) <= 8
        && !t.contains('\n')
    {
        let kind = sentence_case(&text::clean_line(&t));
        let _ = field(&inlines_of(&blocks[start]), conv);
        start = skip(blocks, start + 1);
        let mut summary = Vec::new();
        while let Some(Block::Paragraph(p)) = blocks.get(start) {
            let s = text::clean_line(&plain(&p.inlines));
            if s.is_empty() || is_separator(&s) || (p.align != Align::Center && !summary.is_empty())
            {
                break;
            }
            let _ = field(&p.inlines, conv);
            summary.push(s);
            start += 1;
            if p.align != Align::Center {
                break;
            }
        }
        let summary = summary.join(" ");
        let summary = summary
            .strip_prefix("V/v")
            .or_else(|| summary.strip_prefix("V/V"))
            .map(|r| format!("về việc {}", r.trim()))
            .unwrap_or(summary);
        a.title = if summary.is_empty() {
            kind
        } else {
            let lowered = if is_upper(&summary) {
                summary.to_lowercase()
            } else {
                let mut c = summary.chars();
                c.next()
                    .map(|f| f.to_lowercase().chain(c).collect())
                    .unwrap_or_default()
            };
            format!("{kind} {lowered}")
        };
        start = skip(blocks, start);
    }
    blocks.drain(..start.min(blocks.len()));
    // The tail: "Nơi nhận:" and the signature block.
    let noi_nhan = blocks.iter().position(|b| {
        text_of(b).is_some_and(|t| {
            t.lines()
                .any(|l| text::fold(l).trim_start().starts_with("noi nhan"))
        })
    });
    let mut end = noi_nhan.unwrap_or(blocks.len());
    let end_mark = (0..end)
        .rev()
        .find(|&i| text_of(&blocks[i]).is_some_and(|t| t.trim_end().ends_with("./.")));
    if let Some(m) = end_mark {
        end = m + 1;
    } else {
        // No end mark: drop trailing signature lines ("TM. ỦY BAN NHÂN DÂN",
        // "CHỦ TỊCH", the signer's name) and signature tables.
        while end > 0 {
            let b = &blocks[end - 1];
            let t = text_of(b).unwrap_or_default();
            let f = text::fold(&t);
            let signature = is_empty(b)
                || matches!(b, Block::Table(_))
                || (text::word_count(&t) <= 8
                    && (is_upper(&t)
                        || ["tm.", "kt.", "tl.", "q.", "(da ky", "(ky"]
                            .iter()
                            .any(|p| f.trim_start().starts_with(p))));
            if !signature {
                break;
            }
            end -= 1;
        }
    }
    blocks.truncate(end);
}

fn inlines_of(b: &Block) -> Vec<Inline> {
    match b {
        Block::Paragraph(p) => p.inlines.clone(),
        Block::Heading { inlines, .. } | Block::ListItem { inlines, .. } => inlines.clone(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rich::{Paragraph, Run, to_article};

    fn p(text: &str, bold: bool, align: Align) -> Block {
        Block::Paragraph(Paragraph {
            style: "normal".into(),
            align,
            size: None,
            inlines: vec![Inline::Run(Run {
                text: text.into(),
                bold,
                ..Run::default()
            })],
            quote: false,
        })
    }

    #[test]
    fn place_and_date_lines() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 25);
        assert_eq!(
            parse_place_date("Cao Sơn, ngày 25 tháng 01 năm 2024"),
            Some(("Cao Sơn".into(), d))
        );
        assert_eq!(parse_place_date("Ngày 25/1/2024"), Some((String::new(), d)));
        assert_eq!(parse_place_date("Hà Nội, ngày 31 tháng 02 năm 2024"), None);
        assert_eq!(parse_place_date("Ngày hội đại đoàn kết toàn dân tộc"), None);
    }

    #[test]
    fn a_short_bold_first_paragraph_is_the_title_then_the_sapo() {
        let doc = RichDoc {
            blocks: vec![
                p("Xã Cao Sơn ra quân làm đường", true, Align::Left),
                p(
                    "Sáng 3/3, hơn 200 người dân ra quân làm đường giao thông nông thôn.",
                    true,
                    Align::Justify,
                ),
                p("Nà Ngần, ngày 03 tháng 3 năm 2024", false, Align::Right),
                p("Thân bài./.", false, Align::Justify),
                p("Hoàng Thu", false, Align::Left),
            ],
            ..RichDoc::default()
        };
        let a = to_article(doc).article;
        assert_eq!(a.title, "Xã Cao Sơn ra quân làm đường");
        assert!(a.sapo.starts_with("Sáng 3/3"));
        assert_eq!(
            (a.place.as_str(), a.date),
            ("Nà Ngần", NaiveDate::from_ymd_opt(2024, 3, 3))
        );
        assert_eq!(a.body, "Thân bài./.");
        assert_eq!(a.byline, "Hoàng Thu");
    }

    #[test]
    fn no_end_mark_and_plain_last_line_is_no_byline() {
        let doc = RichDoc {
            blocks: vec![
                p("Đoạn một.", false, Align::Left),
                p("Hết", false, Align::Left),
            ],
            ..RichDoc::default()
        };
        let a = to_article(doc).article;
        assert_eq!((a.title.as_str(), a.byline.as_str()), ("", ""));
        assert_eq!(a.body, "Đoạn một.\n\nHết");
        // Right-aligned and bold is a byline without the end mark.
        let doc = RichDoc {
            blocks: vec![
                p("Đoạn một.", false, Align::Left),
                p("Mai Lan", true, Align::Right),
            ],
            ..RichDoc::default()
        };
        assert_eq!(to_article(doc).article.byline, "Mai Lan");
    }
}
