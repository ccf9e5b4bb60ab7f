/** Words that contain a severity's name without naming a severity: 严重程度 ("severity"), 最严重 ("most serious"). */
export const NOT_A_NAME = ['严重程度', '最严重'];

/** The places `name` occurs in `text`, outside the words that contain it without naming a severity. */
export function namesIn(text: string, name: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const inWord = NOT_A_NAME.some((w) => {
      const offset = w.indexOf(name);
      return offset >= 0 && text.startsWith(w, at - offset);
    });
    if (!inWord) found.push(at);
  }
  return found;
}
