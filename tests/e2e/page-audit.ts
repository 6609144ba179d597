/**
 * The page audit's checks for what is on screen now, run in the page: every control
 * at least 44 × 44 CSS px, text contrast at least 4.5:1 (3:1 for large text), and in
 * 大字模式 no text under 18 px; text boxes in the page's font; no label stacked a character
 * a line; nothing sticking out of its card or widening the page; charts opened at the
 * newest month. Used by tests/e2e/audit-walk.ts on every reachable page
 * and by feature walks on the staff pages they open.
 */
import type { Page } from 'playwright-core';
import { settle, shot } from './support';

/** Wait until the page's calls are answered and it has drawn them (tests/e2e/support.ts). */
export { settle };

export interface Finding {
  kind: 'tap' | 'contrast' | 'font' | 'input' | 'stack' | 'overflow' | 'scroll';
  what: string;
}

/** Runs in the page: the findings for what is on screen now. */
export async function auditPage(page: Page, large: boolean): Promise<Finding[]> {
  return page.evaluate((large) => {
    const out: { kind: 'tap' | 'contrast' | 'font' | 'input' | 'stack' | 'overflow' | 'scroll'; what: string }[] = [];
    const label = (el: Element) =>
      ((el as HTMLElement).innerText || el.getAttribute('placeholder') || el.className || el.tagName).toString().trim().slice(0, 24);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      }
      return true;
    };
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = '1'] = m[1].split(',').map((x) => x.trim());
      return { r: +r, g: +g, b: +b, a: +a };
    };
    const lum = (c: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const background = (el: Element) => {
      // The first opaque background behind the element (blending translucent layers over white).
      const layers: { r: number; g: number; b: number; a: number }[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let base = { r: 255, g: 255, b: 255 };
      for (const l of layers.reverse())
        base = { r: l.r * l.a + base.r * (1 - l.a), g: l.g * l.a + base.g * (1 - l.a), b: l.b * l.a + base.b * (1 - l.a) };
      return base;
    };

    // Controls: elements React gave a tap handler, and every native control.
    const all = Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *, .taro-tabbar__tabbar *'));
    for (const el of all) {
      if (!visible(el)) continue;
      const props = Object.keys(el).find((k) => k.startsWith('__reactProps'));
      const p = props ? (el as unknown as Record<string, Record<string, unknown>>)[props] : undefined;
      const tappable =
        !!(p && (p.onClick || p.onTap)) ||
        /^(BUTTON|INPUT|TEXTAREA|SELECT|A)$/.test(el.tagName) ||
        el.classList.contains('weui-tabbar__item');
      if (!tappable) continue;
      if ((el as HTMLInputElement).type === 'file' || (el as HTMLInputElement).type === 'hidden') continue;
      // A native input inside a styled box: the box is what a finger hits.
      const box = (
        /^(INPUT|TEXTAREA)$/.test(el.tagName) &&
        el.parentElement &&
        el.parentElement.getBoundingClientRect().height >= el.getBoundingClientRect().height
          ? el.parentElement
          : el
      ).getBoundingClientRect();
      if (box.width < 43.5 || box.height < 43.5)
        out.push({ kind: 'tap', what: `${label(el)} ${Math.round(box.width)}×${Math.round(box.height)}` });
    }

    // Text: every element with its own visible text.
    for (const el of all) {
      if (!visible(el)) continue;
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim().length > 0);
      const pseudo = getComputedStyle(el, '::after').content;
      const pseudoText = pseudo && pseudo !== 'none' && pseudo !== 'normal' ? pseudo.replace(/^["']|["']$/g, '').trim() : '';
      if (!own && !pseudoText) continue;
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      if (large && size < 17.95) out.push({ kind: 'font', what: `${label(el)} ${size}px` });
      const fg = parse(s.color);
      if (!fg) continue;
      const bg = background(el);
      const f = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [lum(f), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const bold = Number(s.fontWeight) >= 700 || s.fontWeight === 'bold';
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < need)
        out.push({
          kind: 'contrast',
          what: `${label(el)} ${ratio.toFixed(2)}:1 (${s.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))`,
        });
    }

    // Text boxes: the page's own font (not the browser's 13.3 px monospace), and as large as other text in 大字模式.
    for (const el of all) {
      if (!/^(INPUT|TEXTAREA)$/.test(el.tagName) || !visible(el)) continue;
      const t = (el as HTMLInputElement).type;
      if (t === 'file' || t === 'hidden' || t === 'checkbox' || t === 'radio') continue;
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      if (/monospace/.test(s.fontFamily)) out.push({ kind: 'input', what: `${label(el)} monospace ${size}px` });
      if (size < (large ? 17.95 : 14)) out.push({ kind: 'input', what: `${label(el)} ${size}px` });
    }

    // Vertical stacking: a label squeezed to one or two characters a line.
    for (const el of all) {
      if (!visible(el)) continue;
      for (const n of Array.from(el.childNodes)) {
        const text = (n.textContent ?? '').trim();
        if (n.nodeType !== 3 || Array.from(text).length < 3) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.top)),
        );
        if (tops.size >= 3 && Array.from(text).length / tops.size < 2.5)
          out.push({ kind: 'stack', what: `${text.slice(0, 16)} ${tops.size} lines` });
      }
    }

    // Overflow: nothing sticks out of its card, and the page never scrolls sideways.
    const scrollsX = (e: Element) => /(auto|scroll|hidden)/.test(getComputedStyle(e).overflowX);
    for (const card of Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) .card'))) {
      if (!visible(card)) continue;
      const c = card.getBoundingClientRect();
      for (const el of Array.from(card.querySelectorAll('*'))) {
        if (!visible(el)) continue;
        let clipped = false;
        for (let e = el.parentElement; e && e !== card; e = e.parentElement) if (scrollsX(e)) clipped = true;
        if (clipped) continue;
        const r = el.getBoundingClientRect();
        // weui switches are scaled up from their centre: measure what the eye sees.
        if (r.right > c.right + 1.5 || r.left < c.left - 1.5)
          out.push({
            kind: 'overflow',
            what: `${label(el)} ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(c.left)}–${Math.round(c.right)}`,
          });
      }
    }
    const page = document.querySelector('.taro_page:not([style*="display: none"])');
    if (page && page.scrollWidth > page.clientWidth + 1)
      out.push({ kind: 'overflow', what: `page ${page.scrollWidth} wider than ${page.clientWidth}` });

    // Time series (charts) open at the newest month: scrolled to the right end.
    for (const el of Array.from(
      document.querySelectorAll(
        '.taro_page:not([style*="display: none"]) [class*="chart"], .taro_page:not([style*="display: none"]) [class*="trend"]',
      ),
    )) {
      if (!visible(el) || !scrollsX(el) || el.scrollWidth <= el.clientWidth + 1) continue;
      if (el.scrollLeft + el.clientWidth < el.scrollWidth - 2)
        out.push({
          kind: 'scroll',
          what: `${(el as HTMLElement).className.toString().slice(0, 30)} opens at ${Math.round(el.scrollLeft)} of ${el.scrollWidth - el.clientWidth}`,
        });
    }
    return out;
  }, large);
}

/** Sizes of the page's texts, keyed by element class and text, so both modes' loads compare the same texts. */
export async function textSizes(page: Page): Promise<Record<string, { size: number; chars: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { size: number; chars: number }> = {};
    for (const el of Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === 3)
        .map((n) => (n.textContent ?? '').trim())
        .join('');
      if (!own) continue;
      out[`${el.className}|${own.slice(0, 30)}`] = { size: parseFloat(getComputedStyle(el).fontSize), chars: Array.from(own).length };
    }
    return out;
  });
}

/**
 * How much body text grew in 大字模式: over the texts shown in both modes and under
 * 20 px in normal mode, the character-weighted median of large ÷ normal size.
 */
export function bodyGrowth(
  normal: Record<string, { size: number; chars: number }>,
  large: Record<string, { size: number; chars: number }>,
): number | null {
  const ratios: [number, number][] = [];
  for (const [k, n] of Object.entries(normal)) if (large[k] && n.size < 20) ratios.push([large[k].size / n.size, n.chars]);
  if (!ratios.length) return null;
  ratios.sort((a, b) => a[0] - b[0]);
  const half = ratios.reduce((a, [, c]) => a + c, 0) / 2;
  let seen = 0;
  for (const [r, c] of ratios) if ((seen += c) >= half) return r;
  return ratios[ratios.length - 1][0];
}

/** Whether the shown page has anything on it (a page left blank after Back has none). */
export async function pageIsBlank(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter(
      (p) => getComputedStyle(p).display !== 'none' && (p as HTMLElement).getBoundingClientRect().height > 0,
    );
    return !shown.some((p) => ((p as HTMLElement).innerText ?? '').trim().length > 0);
  });
}

/**
 * The page as it is now, audited in normal and in 大字模式 (reloaded in each; a shot of
 * each with E2E_SHOTS, named `<name>-normal` / `<name>-large`), then left in normal mode.
 * Findings are labelled with `name`.
 */
export async function auditBothModes(page: Page, name: string): Promise<string[]> {
  const findings: string[] = [];
  for (const large of [false, true]) {
    await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
    await page.reload();
    await settle(page);
    await shot(page, `${name}-${large ? 'large' : 'normal'}`);
    findings.push(...(await auditPage(page, large)).map((f) => `${name}${large ? ' (大字)' : ''}: ${f.kind}: ${f.what}`));
  }
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
  await page.reload();
  return findings;
}
