// An article body (Markdown) as readers see it, in the article view and in the editor's live preview.
// Raw HTML in the Markdown is dropped (skipHtml) and unsafe link schemes are removed by react-markdown's default.
import { Box } from '@mui/material';
import Markdown from 'react-markdown';

export function MarkdownBody({ body, testId }: { body: string; testId?: string }) {
  return (
    <Box
      data-testid={testId}
      sx={{
        typography: 'body2',
        '& h1, & h2, & h3, & h4': { fontSize: '1rem', fontWeight: 700, mt: 2, mb: 1 },
        '& h1': { fontSize: '1.15rem' },
        '& p': { my: 1 },
        '& ul, & ol': { pl: 3, my: 1 },
        '& li': { mb: 0.5 },
        '& code': { fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5 },
        '& blockquote': { borderLeft: 4, borderColor: 'divider', pl: 2, ml: 0, color: 'text.secondary' },
        '& table': { borderCollapse: 'collapse' },
        '& th, & td': { border: 1, borderColor: 'divider', px: 1 },
        '& a': { color: 'primary.main' },
      }}
    >
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          ),
        }}
      >
        {body}
      </Markdown>
    </Box>
  );
}
