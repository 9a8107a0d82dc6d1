// The words of a search text, which word-prefix search matches through an index (a B-tree range
// `word >= term and word < next(term)`), and the helpers that keep that match the same everywhere.

/**
 * Longest word kept, in code points. A search term is at most 100 characters, so a longer word's
 * tail can never take part in a prefix match: cutting it changes no answer and keeps keys short.
 */
const MAX_WORD = 100;

/** Letters (with their combining marks) and digits: the runs a word is cut into after punctuation. */
const RUN = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Each whitespace-separated token of the text (`mateo.martin@seed.atrium.test`, `+33612345678`), and
 * each run of letters and digits that a token has after punctuation (`martin`, `seed`, `atrium`,
 * `test`, `33612345678`), so that a term finds the email's domain pieces, the phone's digits or the
 * part after a hyphen. A word that starts another one is left out: every term it would match, the
 * longer one matches too, and the index keeps one entry fewer per person. Sorted, distinct.
 */
export function searchWords(text: string): string[] {
  const found = new Set<string>();
  const add = (word: string) => {
    const points = Array.from(word);
    found.add(points.length > MAX_WORD ? points.slice(0, MAX_WORD).join('') : word);
  };
  for (const token of text.split(/\s+/u)) {
    if (!token) continue;
    add(token);
    for (const run of token.matchAll(RUN)) if (run.index > 0) add(run[0]);
  }
  // In lexicographic order a word that is a prefix of any other is a prefix of the one after it.
  const sorted = [...found].sort();
  return sorted.filter((word, i) => !(sorted[i + 1]?.startsWith(word) ?? false));
}

/** The column that holds a row's words: a JSON array, which the triggers unpack into the index table. */
export function searchWordsColumn(text: string): string {
  return JSON.stringify(searchWords(text));
}

/**
 * The first string after every string that starts with `term`, in code-point order (SQLite's BINARY
 * collation and PostgreSQL's "C" both compare UTF-8 bytes, which is code-point order): the last code
 * point raised by one. `word >= term and word < nextPrefix(term)` is then "word starts with term".
 * Null when nothing sorts after (a term of U+10FFFF only): then `word >= term` alone is the range.
 */
export function nextPrefix(term: string): string | null {
  const points = Array.from(term);
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    // skip the surrogate range, which no valid text contains
    if (last < 0x10ffff) return points.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
  }
  return null;
}

/** A LIKE pattern piece matching `text` literally (with `escape '\'`). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * LIKE patterns that test a row's JSON words column for a word starting with `term`: an element opens
 * with `["` (the first) or `,"` (the others); inside a JSON string a quote is always escaped (`\"`),
 * so neither pair can occur within a word. Both patterns use `escape '\'`.
 */
export function wordPrefixPatterns(term: string): [string, string] {
  const inner = likeLiteral(JSON.stringify(term).slice(1, -1));
  return [`["${inner}%`, `%,"${inner}%`];
}
