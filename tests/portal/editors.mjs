// Puts HTML through the real portal editors in headless Chromium and prints
// what they keep, as JSON on stdout. Driven by tests/portal.rs.
//
//   node editors.mjs NODE_MODULES CHROMIUM WORK_DIR INPUT.json
//
// INPUT.json: [{"name": "...", "html": "...", "text": "..."}]. For each input
// and each editor (TinyMCE, CKEditor 5): "set" = setContent/setData then
// getContent/getData; "paste" = a paste event carrying text/html and
// text/plain on an empty editor (the editors' real clipboard pipeline), then
// getContent/getData. Each result also has the editable area's innerText.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, chromium, work, inputFile] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const puppeteer = require('puppeteer-core');
const inputs = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
const url = (p) => 'file://' + p;

const tinyPage = `<!doctype html><html><head><meta charset="utf-8">
<script src="${url(path.join(modules, 'tinymce/tinymce.min.js'))}"></script></head>
<body><textarea id="ed"></textarea><script>
window.ready = tinymce.init({
  selector: '#ed', license_key: 'gpl', promotion: false, branding: false,
  plugins: 'image link lists', image_caption: true,
  toolbar: 'undo redo | blocks | bold italic | link image | bullist numlist',
}).then((eds) => { window.ed = eds[0]; });
</script></body></html>`;

const ckPage = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${url(path.join(modules, 'ckeditor5/dist/browser/ckeditor5.css'))}">
<script src="${url(path.join(modules, 'ckeditor5/dist/browser/ckeditor5.umd.js'))}"></script></head>
<body><div id="ed"></div><script>
const C = CKEDITOR;
window.ready = C.ClassicEditor.create(document.querySelector('#ed'), {
  licenseKey: 'GPL',
  plugins: [C.Essentials, C.Paragraph, C.Heading, C.Bold, C.Italic, C.Strikethrough,
    C.Link, C.List, C.BlockQuote, C.Image, C.ImageCaption, C.ImageStyle, C.ImageToolbar,
    C.ImageUpload, C.Base64UploadAdapter, C.PasteFromOffice],
  toolbar: ['heading', '|', 'bold', 'italic', 'link', 'bulletedList', 'numberedList',
    'blockQuote', 'uploadImage', 'undo', 'redo'],
}).then((e) => { window.ed = e; });
</script></body></html>`;

const editors = {
  tinymce: {
    page: tinyPage,
    set: (html) => { ed.setContent(html); return ed.getContent(); },
    paste: async (html, text) => {
      ed.setContent('');
      ed.focus();
      const body = ed.getBody();
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', text);
      body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 1500));
      return ed.getContent();
    },
    innerText: () => ed.getBody().innerText,
  },
  ckeditor5: {
    page: ckPage,
    set: (html) => { ed.setData(html); return ed.getData(); },
    paste: async (html, text) => {
      ed.setData('');
      ed.editing.view.focus();
      const el = ed.ui.getEditableElement();
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      // Pasted data-URI photos are "uploaded" (Base64UploadAdapter): wait.
      for (let i = 0; i < 50 && ed.plugins.get('FileRepository').uploadedPercent < 100
        && ed.plugins.get('FileRepository').loaders.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1500));
      return ed.getData();
    },
    innerText: () => ed.ui.getEditableElement().innerText,
  },
};

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: path.join(work, 'profile'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--allow-file-access-from-files'],
});
const out = [];
try {
  for (const [name, e] of Object.entries(editors)) {
    const file = path.join(work, name + '.html');
    fs.writeFileSync(file, e.page);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(url(file));
    await page.waitForFunction('window.ready !== undefined', { timeout: 30000 });
    await page.evaluate('window.ready');
    const version = await page.evaluate(name === 'tinymce'
      ? 'tinymce.majorVersion + "." + tinymce.minorVersion' : 'CKEDITOR.version');
    for (const input of inputs) {
      const set = await page.evaluate(`(${e.set})(${JSON.stringify(input.html)})`);
      const setText = await page.evaluate(`(${e.innerText})()`);
      const paste = await page.evaluate(`(${e.paste})(${JSON.stringify(input.html)}, ${JSON.stringify(input.text)})`);
      const pasteText = await page.evaluate(`(${e.innerText})()`);
      out.push({ editor: name, version, input: input.name, set, setText, paste, pasteText });
    }
    if (errors.length) out.push({ editor: name, errors });
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
