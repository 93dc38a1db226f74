//! The fixed parts of an exported .docx: content types, package
//! relationships, properties, styles, list numbering and settings.

use std::fmt::Write as _;

use super::docx::esc as escape;
use crate::article::Article;

pub(super) const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"jpg\" ContentType=\"image/jpeg\"/>\
<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

pub(super) const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

pub(super) const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>Tin Xã</Application></Properties>";

/// Title, author (the byline) and language.
pub(super) fn core(a: &Article) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}</dcterms:modified></cp:coreProperties>",
        escape(&crate::text::clean_line(&a.title)),
        escape(&crate::text::clean_line(&a.byline)),
        a.updated.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

pub(super) const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"vi-VN\"/></w:settings>";

/// A paragraph style: id, name, pPr and rPr contents.
fn style(out: &mut String, id: &str, name: &str, ppr: &str, rpr: &str) {
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    );
}

/// The document's styles: Times New Roman 14 pt, Vietnamese, and the named
/// styles the body uses.
pub(super) static STYLES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"312\" w:lineRule=\"auto\"/>\
</w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>",
    );
    let none = "<w:ind w:firstLine=\"0\"/>";
    style(
        &mut s,
        "Title",
        "Title",
        &format!(
            "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"240\"/>{none}<w:jc w:val=\"center\"/>"
        ),
        "<w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
    );
    style(&mut s, "Sapo", "Sapo", "", "<w:b/><w:bCs/>");
    style(
        &mut s,
        "Dateline",
        "Dateline",
        &format!("{none}<w:jc w:val=\"right\"/>"),
        "<w:i/><w:iCs/>",
    );
    for (l, size) in [(1, 30), (2, 28), (3, 28)] {
        style(
            &mut s,
            &format!("Heading{l}"),
            &format!("heading {l}"),
            &format!(
                "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>{none}<w:outlineLvl w:val=\"{}\"/>",
                l - 1
            ),
            &format!(
                "<w:b/><w:bCs/>{}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>",
                if l == 3 { "<w:i/><w:iCs/>" } else { "" }
            ),
        );
    }
    style(
        &mut s,
        "ListParagraph",
        "List Paragraph",
        "<w:ind w:left=\"720\" w:firstLine=\"0\"/>",
        "",
    );
    style(
        &mut s,
        "Quote",
        "Quote",
        "<w:ind w:left=\"720\" w:right=\"720\" w:firstLine=\"0\"/>",
        "<w:i/><w:iCs/>",
    );
    style(
        &mut s,
        "Picture",
        "Picture",
        &format!(
            "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>{none}<w:jc w:val=\"center\"/>"
        ),
        "",
    );
    style(
        &mut s,
        "Caption",
        "caption",
        &format!("<w:spacing w:after=\"200\"/>{none}<w:jc w:val=\"center\"/>"),
        "<w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>",
    );
    style(
        &mut s,
        "Byline",
        "Byline",
        &format!("<w:spacing w:before=\"240\"/>{none}<w:jc w:val=\"right\"/>"),
        "<w:b/><w:bCs/>",
    );
    s.push_str(
        "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>\
<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>\
</w:styles>",
    );
    s
});

/// Bullets (num 1) and one numbered list per ordered list (num 2, 3 …,
/// each starting at its own number).
pub(super) fn numbering(ordered: &[(u32, u64)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    for (abs, bullet) in [(1, true), (2, false)] {
        let _ = write!(
            s,
            "<w:abstractNum w:abstractNumId=\"{abs}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        );
        for l in 0..9u32 {
            let (fmt, text) = if bullet {
                ("bullet", ["•", "◦", "▪"][l as usize % 3].to_owned())
            } else {
                ("decimal", format!("%{}.", l + 1))
            };
            let _ = write!(
                s,
                "<w:lvl w:ilvl=\"{l}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
<w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
                720 * (l + 1)
            );
        }
        s.push_str("</w:abstractNum>");
    }
    s.push_str("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>");
    for (id, start) in ordered {
        let _ = write!(s, "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"2\"/>");
        for l in 0..9 {
            let _ = write!(
                s,
                "<w:lvlOverride w:ilvl=\"{l}\"><w:startOverride w:val=\"{}\"/></w:lvlOverride>",
                start
            );
        }
        s.push_str("</w:num>");
    }
    s.push_str("</w:numbering>");
    s
}
