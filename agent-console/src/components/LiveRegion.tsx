// A polite aria-live region: screen readers hear new tickets and save results without losing focus.
// The region is always mounted, because an element created together with its text is often not announced.
import { Box } from '@mui/material';
import { visuallyHidden } from './visually-hidden';

export function LiveRegion({ message, testId }: { message: string; testId?: string }) {
  return (
    <Box role="status" aria-live="polite" aria-atomic="true" sx={visuallyHidden} data-testid={testId}>
      {message}
    </Box>
  );
}
