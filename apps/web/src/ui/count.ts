/** Counts as people read them: thousands separated ("50,000"), and "1 board" but "2 boards". */

/** A count with thousands separators, the same in every locale so screenshots and docs match. */
export const count = (n: number): string => n.toLocaleString('en');

/** "1 event", "50,000 events": the count and the word, plural unless exactly one. */
export const plural = (n: number, word: string, words = `${word}s`): string =>
  `${count(n)} ${n === 1 ? word : words}`;
