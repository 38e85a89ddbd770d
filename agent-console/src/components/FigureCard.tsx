// One headline number (dashboard, monitoring); the number sits alone in its element so it can be read
// (and tested) without the label around it. The value may be a link to what the number counts.
import type { ReactNode } from 'react';
import { Card, CardContent, Typography } from '@mui/material';

interface Props {
  label: string;
  value: ReactNode;
  /** On the element holding the number; a linked value carries its own. */
  testId?: string;
  hint?: string;
}

export function FigureCard({ label, value, testId, hint }: Props) {
  return (
    <Card component="article" aria-label={label}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" component="h2">
          {label}
        </Typography>
        <Typography variant="h3" component="p" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>
          <span data-testid={testId}>{value}</span>
        </Typography>
        {hint ? (
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}
