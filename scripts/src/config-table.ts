// Prints the configuration table of README.md from CONFIG_VARIABLES (`npm run config:table`);
// a test keeps README's copy identical, so the docs cannot drift from the code.
import { pathToFileURL } from 'node:url';
import prettier from 'prettier';
import { CONFIG_VARIABLES } from '@kck/backend/platform/config';

/** The table as README holds it: formatted by Prettier with the repository's settings. */
export async function configTable(): Promise<string> {
  const rows = Object.entries(CONFIG_VARIABLES).map(([name, v]) => {
    const value =
      'secret' in v && v.secret && v.default !== ''
        ? '(dev value; set in production)'
        : v.default === ''
          ? '(empty)'
          : `\`${v.default}\``;
    return `| \`${name}\` | ${v.group} | ${value} | ${v.doc} |`;
  });
  const markdown = ['| variable | area | default | what it is for |', '|---|---|---|---|', ...rows].join('\n');
  const options = await prettier.resolveConfig(import.meta.filename);
  return (await prettier.format(markdown, { ...options, parser: 'markdown' })).trim();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await configTable());
