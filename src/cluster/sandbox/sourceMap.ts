/**
 * Maps a line of compiled JavaScript back to the learner's TypeScript line through a source map (v3), so
 * that errors and console output name the line the learner wrote.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    if (digit < 0) return out;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** For each generated line (0-based index), the first original line (1-based) it maps to, or null. */
export function lineTable(mappings: string): (number | null)[] {
  const table: (number | null)[] = [];
  let original = 0;
  for (const line of mappings.split(';')) {
    let first: number | null = null;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      if (v.length >= 4) {
        original += v[2]!;
        if (first === null) first = original + 1;
      }
    }
    table.push(first);
  }
  return table;
}

/** The original line for a 1-based generated line, falling back to the nearest mapped line above it. */
export function originalLine(table: readonly (number | null)[], generatedLine: number): number | undefined {
  for (let i = Math.min(generatedLine - 1, table.length - 1); i >= 0; i--) {
    const l = table[i];
    if (l !== null && l !== undefined) return l;
  }
  return undefined;
}
