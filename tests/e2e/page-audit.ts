/**
 * The page audit's checks for what is on screen now, run in the page: every control
 * at least 44 × 44 CSS px, text contrast at least 4.5:1 (3:1 for large text), and in
 * 大字模式 no text under 18 px. Used by tests/e2e/audit.test.ts on every reachable page
 * and by feature walks on the staff pages they open; `reachable` lists the pages a
 * person can reach (the audit and tests/e2e/round-trips.test.ts walk them).
 */
import type { Page } from 'playwright-core';
import { visit } from './support';

/** Wait until the page's calls are answered and it has drawn them. */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300);
}

/** Routes a person can reach: the four tabs, then every 服务 tile and 首页 shortcut. */
export async function reachable(page: Page, base: string): Promise<string[]> {
  const routes = new Set(['/pages/home/index', '/pages/notices/index', '/pages/services/index', '/pages/me/index']);
  for (const [tab, selector] of [
    ['/pages/services/index', '[class*="service-"]'],
    ['/pages/home/index', '[class*="shortcut-"]'],
  ] as const) {
    await visit(page, base, tab);
    await settle(page);
    const count = await page.locator(`.taro_page:not([style*="display: none"]) ${selector}`).count();
    for (let i = 0; i < count; i++) {
      await visit(page, base, tab);
      await settle(page);
      const tile = page.locator(`.taro_page:not([style*="display: none"]) ${selector}`).nth(i);
      if (!(await tile.isVisible().catch(() => false))) continue;
      await tile.click();
      await page.waitForTimeout(600);
      const route = new URL(page.url()).hash.replace(/^#/, '').split('?')[0];
      if (route && route !== tab) routes.add(route);
    }
  }
  return [...routes];
}

export interface Finding {
  kind: 'tap' | 'contrast' | 'font';
  what: string;
}

/** Runs in the page: the findings for what is on screen now. */
export async function auditPage(page: Page, large: boolean): Promise<Finding[]> {
  return page.evaluate((large) => {
    const out: { kind: 'tap' | 'contrast' | 'font'; what: string }[] = [];
    const label = (el: Element) => ((el as HTMLElement).innerText || el.getAttribute('placeholder') || el.className || el.tagName).toString().trim().slice(0, 24);
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
      for (const l of layers.reverse()) base = { r: l.r * l.a + base.r * (1 - l.a), g: l.g * l.a + base.g * (1 - l.a), b: l.b * l.a + base.b * (1 - l.a) };
      return base;
    };

    // Controls: elements React gave a tap handler, and every native control.
    const all = Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *, .taro-tabbar__tabbar *'));
    for (const el of all) {
      if (!visible(el)) continue;
      const props = Object.keys(el).find((k) => k.startsWith('__reactProps'));
      const p = props ? (el as unknown as Record<string, Record<string, unknown>>)[props] : undefined;
      const tappable = !!(p && (p.onClick || p.onTap)) || /^(BUTTON|INPUT|TEXTAREA|SELECT|A)$/.test(el.tagName) || el.classList.contains('weui-tabbar__item');
      if (!tappable) continue;
      if ((el as HTMLInputElement).type === 'file' || (el as HTMLInputElement).type === 'hidden') continue;
      // A native input inside a styled box: the box is what a finger hits.
      const box = (/^(INPUT|TEXTAREA)$/.test(el.tagName) && el.parentElement && el.parentElement.getBoundingClientRect().height >= el.getBoundingClientRect().height
        ? el.parentElement
        : el
      ).getBoundingClientRect();
      if (box.width < 43.5 || box.height < 43.5) out.push({ kind: 'tap', what: `${label(el)} ${Math.round(box.width)}×${Math.round(box.height)}` });
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
      if (ratio < need) out.push({ kind: 'contrast', what: `${label(el)} ${ratio.toFixed(2)}:1 (${s.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))` });
    }
    return out;
  }, large);
}
