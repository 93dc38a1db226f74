//! Paste speed, on this machine's 2 cores: converting a 10-page Word
//! clipboard HTML (≈ 200 KB in Word's own verbose markup: `MsoNormal`
//! paragraphs of `<span lang=VI style=…>` runs with `<o:p>`, headings,
//! `mso-list` bullets with their `<![if !supportLists]>` spans, a table and
//! `file:` pictures every two pages) to the body's Markdown (target ≤ 30 ms).
//!
//! `cargo bench --no-default-features --bench html_paste` (needs
//! ../shared/samples).

use criterion::{Criterion, criterion_group, criterion_main};
use tinxa::import::html::{self, Options};
use tinxa::import::rich;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
);

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Word's clipboard HTML for about ten A4 pages of the sample, framed as
/// Windows' CF_HTML.
fn ten_pages() -> String {
    let sample = std::fs::read_to_string(SAMPLE).expect("../shared/samples");
    let paras: Vec<&str> = sample
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut b = String::from(
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\
<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><style><!-- p.MsoNormal {margin:0in;} --></style></head>\
<body lang=VI><!--StartFragment-->",
    );
    let mut words = 0;
    for page in 0..10 {
        b.push_str(&format!(
            "<h2><span lang=VI style='mso-ansi-language:VI'>Phần {}<o:p></o:p></span></h2>\n",
            page + 1
        ));
        let mut on_page = 0;
        for (i, p) in paras.iter().cycle().enumerate() {
            if on_page > 480 {
                break;
            }
            on_page += p.split_whitespace().count();
            let text = esc(p.trim());
            if i % 7 == 3 {
                b.push_str(&format!(
                    "<p class=MsoListParagraphCxSpMiddle style='text-indent:-.25in;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=VI style='font-size:13.0pt;font-family:\"Times New Roman\",serif'>{text}<o:p></o:p></span></p>\n"
                ));
            } else {
                // Word splits a paragraph into runs at every edit, each
                // with its full style: one run per three words here, every
                // third in bold.
                b.push_str("<p class=MsoNormal style='text-align:justify;line-height:115%'>");
                for (k, run) in text.split(' ').collect::<Vec<_>>().chunks(3).enumerate() {
                    let span = format!(
                        "<span lang=VI style='font-size:13.0pt;line-height:115%;font-family:\"Times New Roman\",serif;mso-fareast-font-family:\"Times New Roman\";mso-bidi-font-family:\"Times New Roman\";color:black;mso-color-alt:windowtext;mso-ansi-language:VI;mso-fareast-language:EN-US;mso-bidi-language:AR-SA'>{} </span>",
                        run.join(" ")
                    );
                    if k % 3 == 1 {
                        b.push_str(&format!("<b>{span}</b>"));
                    } else {
                        b.push_str(&span);
                    }
                }
                b.push_str("<o:p></o:p></p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n");
            }
        }
        words += on_page;
        if page % 2 == 1 {
            b.push_str(&format!(
                "<p class=MsoNormal align=center style='text-align:center'><span style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape id=\"Picture_{page}\" type=\"#_x0000_t75\" style='width:400pt;height:300pt'><v:imagedata src=\"file:///C:/Users/Lan/AppData/Local/Temp/msohtmlclip1/01/clip_image00{page}.jpg\" o:title=\"\"/></v:shape><![endif]--><![if !vml]><img width=533 height=400 src=\"file:///C:/Users/Lan/AppData/Local/Temp/msohtmlclip1/01/clip_image00{page}.jpg\" v:shapes=\"Picture_{page}\"><![endif]></span></p>\n<p class=MsoCaption align=center><i>Quang cảnh hội nghị (Ảnh: Hoàng Thu)</i></p>\n\
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0><tr><td width=300 valign=top><p class=MsoNormal><b>Nội dung<o:p></o:p></b></p></td><td width=300 valign=top><p class=MsoNormal><b>Kết quả<o:p></o:p></b></p></td></tr><tr><td><p class=MsoNormal>Tiêm phòng<o:p></o:p></p></td><td><p class=MsoNormal>2.500 con<o:p></o:p></p></td></tr></table>\n"
            ));
        }
    }
    b.push_str("<!--EndFragment--></body></html>");
    let len = b.len();
    let header = format!(
        "Version:0.9\r\nStartHTML:{:010}\r\nEndHTML:{:010}\r\nStartFragment:{:010}\r\nEndFragment:{:010}\r\n",
        0, 0, 0, 0
    );
    let h = header.len();
    let framed = format!(
        "Version:0.9\r\nStartHTML:{:010}\r\nEndHTML:{:010}\r\nStartFragment:{:010}\r\nEndFragment:{:010}\r\n{b}",
        h,
        h + len,
        h,
        h + len
    );
    eprintln!(
        "10-page Word clipboard HTML: {} KB, {words} words",
        framed.len() / 1024
    );
    framed
}

fn bench(c: &mut Criterion) {
    let html_text = ten_pages();
    let opts = Options::default();
    let piece = rich::body_markdown(html::read(&html_text, &opts), 1);
    assert!(piece.markdown.contains("## Phần 10"));
    assert!(piece.markdown.contains("\n- "));
    c.bench_function("html_paste_10_pages", |b| {
        b.iter(|| rich::body_markdown(html::read(&html_text, &opts), 1))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
