// Prints the configuration table of README.md from CONFIG_VARIABLES (`npm run config:table`);
// a test keeps README's copy identical, so the docs cannot drift from the code.
import { pathToFileURL } from 'node:url';
import { CONFIG_VARIABLES } from '@kck/backend/platform/config';

export function configTable(): string {
  const rows = Object.entries(CONFIG_VARIABLES).map(([name, v]) => {
    const value =
      'secret' in v && v.secret ? '(dev value; set in production)' : v.default === '' ? '(empty)' : `\`${v.default}\``;
    return `| \`${name}\` | ${v.group} | ${value} | ${v.doc} |`;
  });
  return ['| variable | area | default | what it is for |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(configTable());
