// What a format parser hands the importer: one record as read from a file, with where it was,
// or why it could not be read. Validation against the record schema happens in the importer, for every format alike.

export interface InterchangeEntry {
  /** The file the record came from (its name, for messages). */
  source: string;
  /** The line the record starts on (1-based). */
  line: number;
  /** The record as read (not yet validated); undefined when `readError` is set. */
  value?: unknown;
  /** Why the record could not be read at all (invalid JSON, broken front matter). */
  readError?: string;
  /** The line of a field of the record, when the format knows it (Markdown front matter keys). */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
}
