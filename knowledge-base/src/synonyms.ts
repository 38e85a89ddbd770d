// Synonym groups as both engines use them after setSynonyms(): folded terms, looked up by query word.
// Each engine keeps the groups in a small cache that re-reads its store, so every backend process agrees within seconds.
import { foldSynonymGroups, isStopWord } from './polish.ts';

/** A synonym term of several words, as typed words must spell it (stop words left out) and what it stands for. */
export interface SynonymPhrase {
  words: string[];
  alternatives: string[][];
}

export class SynonymSet {
  /** Folded single word → the other terms of its groups, each as its folded words. */
  private readonly byWord = new Map<string, string[][]>();
  /** First word → the terms of several words starting with it ("budzet partycypacyjny"), longest first. */
  private readonly byFirstWord = new Map<string, SynonymPhrase[]>();

  constructor(readonly groups: string[][]) {
    for (const group of foldSynonymGroups(groups)) {
      for (const term of group) {
        const words = term.split(' ');
        const [word] = words;
        if (word === undefined) continue;
        const others = group.filter((other) => other !== term).map((other) => other.split(' '));
        if (words.length === 1) {
          this.byWord.set(word, [...(this.byWord.get(word) ?? []), ...others]);
          continue;
        }
        // Queries lose their stop words before the lookup, so the phrase must lose them too.
        const typed = words.filter((w) => !isStopWord(w));
        const [first] = typed;
        if (typed.length < 2 || first === undefined) continue;
        const phrases = [...(this.byFirstWord.get(first) ?? []), { words: typed, alternatives: others }];
        this.byFirstWord.set(
          first,
          phrases.sort((a, b) => b.words.length - a.words.length),
        );
      }
    }
  }

  /** The longest term of several words that `words` spell from `at` on, if any. */
  phraseAt(words: readonly string[], at: number): SynonymPhrase | undefined {
    return this.byFirstWord
      .get(words[at] ?? '')
      ?.find((phrase) => phrase.words.every((word, i) => words[at + i] === word));
  }

  /** The other terms (each as words) a single query word stands for. */
  alternatives(word: string): string[][] {
    return this.byWord.get(word) ?? [];
  }

  /** Every word the synonyms of `words` bring in: what highlights should also mark. */
  extraWords(words: readonly string[]): string[] {
    const phrases = words.flatMap((_, i) => this.phraseAt(words, i)?.alternatives.flat() ?? []);
    return [...new Set([...words.flatMap((word) => this.alternatives(word).flat()), ...phrases])];
  }
}

export interface SynonymCache {
  /** The current set; waits only for the first load (or after a failed one). */
  get(): Promise<SynonymSet>;
  /** Uses `groups` at once (this process), after the engine stored them. */
  set(groups: string[][]): void;
}

/** A cache that re-reads the store in the background once the copy is older than `ttlMs`. */
export function createSynonymCache(load: () => Promise<string[][]>, ttlMs = 5_000): SynonymCache {
  let current: SynonymSet | undefined;
  let loadedAt = 0;
  let loading: Promise<SynonymSet> | undefined;
  // A load that started before set() must not bring back the groups set() replaced.
  let generation = 0;

  const refresh = (): Promise<SynonymSet> => {
    const started = generation;
    loading ??= load()
      .then((groups) => {
        if (generation !== started && current !== undefined) return current;
        current = new SynonymSet(groups);
        loadedAt = Date.now();
        return current;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return {
    async get() {
      if (current === undefined) return refresh();
      if (Date.now() - loadedAt > ttlMs) refresh().catch(() => undefined);
      return current;
    },
    set(groups) {
      generation++;
      current = new SynonymSet(groups);
      loadedAt = Date.now();
    },
  };
}
