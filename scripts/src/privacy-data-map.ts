// Prints the RODO data map table of README.md from PERSONAL_DATA (`npm run privacy:data-map`);
// a test keeps README's copy identical, so the map a security officer reads is the one the code erases by.
import { pathToFileURL } from 'node:url';
import prettier from 'prettier';
import { dataMapTable } from '@kck/backend/privacy/data-map';

/** The table as README holds it: formatted by Prettier with the repository's settings. */
export async function privacyDataMap(): Promise<string> {
  const options = await prettier.resolveConfig(import.meta.filename);
  return (await prettier.format(dataMapTable(), { ...options, parser: 'markdown' })).trim();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await privacyDataMap());
