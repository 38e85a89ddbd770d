// Where the accessibility statement lives; linked from every public page's footer and from the console's frame
// (a file of its own so the console's frame does not pull in the public pages' API code).
export const ACCESSIBILITY_STATEMENT_PATH = '/deklaracja-dostepnosci';
