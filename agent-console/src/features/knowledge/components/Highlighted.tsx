// Text with the parts that matched the query marked: the engine sends character ranges, never HTML,
// so nothing from the server is ever parsed as markup.
import { Fragment } from 'react';
import { Box } from '@mui/material';
import type { TextRange } from '@kck/contracts';
import { normaliseRanges } from '../highlight';

export function Highlighted({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const range of normaliseRanges(text, ranges)) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? (
          <Box
            component="mark"
            key={index}
            sx={{ bgcolor: 'rgba(255, 213, 79, 0.6)', color: 'inherit', px: 0.25, borderRadius: 0.5 }}
          >
            {part.text}
          </Box>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
