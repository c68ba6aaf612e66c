// Makes the small PNGs of docs/images/ from the browser test's screenshots, with the system
// Chromium only (no image library): each screenshot is scaled down in a canvas, cut at a maximum
// height, and made smaller still until it fits the size limit.
//
//   node scripts/doc-images.mjs [--width 900] [--max-height 1100] [--max-kb 150] SRC.png=DEST.png ...
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const opt = { width: 900, 'max-height': 1100, 'max-kb': 150 };
const pairs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) opt[args[i].slice(2)] = Number(args[++i]);
  else pairs.push(args[i].split('='));
}
if (!pairs.length || pairs.some((p) => p.length !== 2)) {
  console.error('usage: node scripts/doc-images.mjs [--width N] [--max-height N] [--max-kb N] SRC.png=DEST.png ...');
  process.exit(2);
}

const browser = await puppeteer.launch({ executablePath: process.env.WARD_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const [src, dest] of pairs) {
    const input = 'data:image/png;base64,' + readFileSync(src).toString('base64');
    let width = opt.width;
    for (;;) {
      const out = await page.evaluate(
        async (url, w, maxH) => {
          const img = new Image();
          img.src = url;
          await img.decode();
          const scale = Math.min(1, w / img.naturalWidth);
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(img.naturalWidth * scale);
          canvas.height = Math.min(Math.round(img.naturalHeight * scale), maxH);
          const ctx = canvas.getContext('2d');
          ctx.imageSmoothingQuality = 'high';
          ctx.drawImage(img, 0, 0, img.naturalWidth * scale, img.naturalHeight * scale);
          return canvas.toDataURL('image/png');
        },
        input,
        width,
        opt['max-height'],
      );
      const png = Buffer.from(out.slice(out.indexOf(',') + 1), 'base64');
      if (png.length <= opt['max-kb'] * 1024 || width <= 400) {
        writeFileSync(dest, png);
        console.log(`${dest}: ${width}px wide, ${Math.round(png.length / 1024)} KB`);
        break;
      }
      width -= 100;
    }
  }
} finally {
  await browser.close();
}
