import { inflateSync } from "node:zlib";

/**
 * Test-only PDF reader, enough for the PDFs pdfkit writes: reads the objects, inflates streams,
 * follows each page font to its ToUnicode CMap, and maps the hex strings shown in content streams
 * (under the font selected by Tf) back to text. It proves the text is in the file as glyphs of an
 * embedded font, not just bytes somewhere.
 */
type PdfObject = { num: number; body: string; data: string | null };

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString("latin1");
  const objects = new Map<number, PdfObject>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    let data: string | null = null;
    const s = body.match(/^([\s\S]*?)stream\r?\n/);
    if (s) {
      const start = m.index + m[0].indexOf(body) + s[0].length;
      const end = raw.indexOf("endstream", start);
      const bytes = pdf.subarray(start, end);
      let decoded: Buffer = bytes;
      if (/\/FlateDecode/.test(s[1]!))
        try {
          decoded = inflateSync(bytes);
        } catch {
          decoded = bytes;
        }
      data = decoded.toString("latin1");
    }
    objects.set(Number(m[1]), { num: Number(m[1]), body, data });
  }
  return objects;
}

const hexToStr = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));

function cmapOf(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(code!.toLowerCase(), hexToStr(uni!.replace(/\s+/g, "")));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(lo!, 16);
      const to = parseInt(hi!, 16);
      const width = lo!.length;
      const key = (i: number) => (from + i).toString(16).padStart(width, "0");
      if (rest!.startsWith("[")) {
        // A ligature's target holds several code units with spaces between (<0066 0069> for "fi").
        const targets = [...rest!.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => x[1]!.replace(/\s+/g, ""));
        for (let i = 0; i <= to - from && i < targets.length; i++) map.set(key(i), hexToStr(targets[i]!));
      } else {
        const base = parseInt(rest!.slice(1, -1), 16);
        for (let i = 0; i <= to - from; i++) map.set(key(i), String.fromCodePoint(base + i));
      }
    }
  }
  return map;
}

/** The embedded font programs' base names (`ABCDEF+NotoSansHans-Regular`) with the kind of font file. */
export function pdfEmbeddedFonts(pdf: Buffer): { baseFont: string; fontFile: string }[] {
  const objects = pdfObjects(pdf);
  const out: { baseFont: string; fontFile: string }[] = [];
  for (const o of objects.values()) {
    if (!/\/Type\s*\/FontDescriptor/.test(o.body)) continue;
    const name = o.body.match(/\/FontName\s*\/([^\s/>]+)/)?.[1];
    const file = o.body.match(/\/(FontFile[23]?)\s+(\d+) 0 R/);
    if (!name || !file) continue;
    const program = objects.get(Number(file[2]));
    if (program?.data && program.data.length > 1000) out.push({ baseFont: name, fontFile: file[1]! });
  }
  return out;
}

/** All text shown with fonts that carry a ToUnicode map, one line per Tj/TJ run. */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const cmapByFontObject = new Map<number, Map<string, string>>();
  for (const o of objects.values()) {
    const ref = o.body.match(/\/ToUnicode\s+(\d+) 0 R/);
    const cmap = ref ? objects.get(Number(ref[1]))?.data : null;
    if (cmap) cmapByFontObject.set(o.num, cmapOf(cmap));
  }
  const runs: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.body)) continue;
    const resources = (() => {
      const inline = page.body.match(/\/Resources\s+(\d+) 0 R/);
      return inline ? (objects.get(Number(inline[1]))?.body ?? "") : page.body;
    })();
    const fontDict = resources.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? "";
    const fonts = new Map([...fontDict.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)].map((m) => [m[1]!, cmapByFontObject.get(Number(m[2]))]));
    const contentRefs = [...(page.body.match(/\/Contents\s+(\[[^\]]*\]|\d+ 0 R)/)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    for (const ref of contentRefs) {
      const content = objects.get(ref)?.data ?? "";
      let cmap: Map<string, string> | undefined;
      for (const m of content.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
        if (m[1]) {
          cmap = fonts.get(m[1]);
          continue;
        }
        const hexes = [...(m[2] ?? m[3]!).matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!);
        runs.push(hexes.map((h) => (h.match(/.{4}/g) ?? []).map((code: string) => cmap?.get(code.toLowerCase()) ?? "\uFFFD").join("")).join(""));
      }
    }
  }
  return runs.join("\n");
}
