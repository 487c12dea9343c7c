// Renders the app icons (public/icons/*.svg) to the PNG sizes the web app manifest lists, with
// the Chromium this project tests in. Run after changing an icon: node tools/render-icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const outputs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['maskable.svg', 'maskable-512.png', 512],
  ['icon.svg', 'shortcut-96.png', 96],
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [source, target, size] of outputs) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(new URL(`../public/icons/${source}`, import.meta.url), 'utf8');
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(`../public/icons/${target}`, import.meta.url).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
